// An analytics worker thread: its own store connection (the main thread migrated the schema), answering the
// offloaded questions one at a time, so a report or a whole-history question never holds up the serving thread.
// A question the pool asks to stop (its client went away) ends at its next read; its identical reads run once.

import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { offloadedQuestions, type QuestionReply, type QuestionRequest } from './offloaded-questions.ts';
import { shareReads, withSharedReads } from './share-reads.ts';
import { QuestionStopped, stopOnRequest } from './stop-on-request.ts';

const { config, stop } = workerData as { config: Config; stop: Int32Array };
const opened = await openStore(config, { mustExist: true, reader: true });
/** The question being answered: the pool stores its id in `stop` to stop it. */
let current = 0;
const store = shareReads(stopOnRequest(opened, () => Atomics.load(stop, 0) === current));
const port = parentPort!;

port.on('message', async (request: QuestionRequest | 'close') => {
  if (request === 'close') {
    await opened.close().catch(() => {});
    port.close();
    return;
  }
  let reply: QuestionReply;
  current = request.id;
  try {
    const question = offloadedQuestions[request.name] as (...args: unknown[]) => Promise<unknown>;
    // Each question shares its own identical reads, never another's (they ran at other moments).
    reply = { id: request.id, ok: true, value: await withSharedReads(() => question(store, ...request.args)) };
  } catch (error) {
    const e = error as Error;
    reply = {
      id: request.id,
      ok: false,
      error: {
        message: e.message,
        code: e instanceof StreamlensError ? e.code : undefined,
        hint: e instanceof StreamlensError ? e.hint : undefined,
        aborted: e instanceof QuestionStopped || undefined,
      },
    };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
