// Entry of an analytics worker thread run from source: loads tsx's loader in this thread (the CLI registers it
// in the main thread only), then the TypeScript body. The compiled tree (dist/) starts analytics-worker.js
// itself and has no copy of this file (src/thread-entry-url.ts).
import { register } from 'tsx/esm/api';

register();
await import('./analytics-worker.ts');
