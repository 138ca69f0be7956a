// Entry of the writer thread: loads tsx's loader in this thread (the CLI registers it in the main thread
// only), then the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread-worker.ts');
