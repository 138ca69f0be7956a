// Entry of an analytics worker thread: loads tsx's loader in this thread (the CLI registers it in the main thread
// only), then the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./analytics-worker.ts');
