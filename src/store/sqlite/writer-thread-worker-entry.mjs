// Entry of the writer thread run from source: loads tsx's loader in this thread (the CLI registers it in the
// main thread only), then the TypeScript body. The compiled tree (dist/) starts writer-thread-worker.js itself
// and has no copy of this file (src/thread-entry-url.ts).
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread-worker.ts');
