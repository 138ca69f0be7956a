// An analytics worker thread: its own store connection (the main thread migrated the schema), answering the
// offloaded questions the pool hands it (a few at once, each in a lane), so a report or a whole-history question
// never holds up the serving thread. A question the pool asks to stop (its client went away) ends at its next
// read; its identical reads run once.

import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { offloadedQuestions, type QuestionReply, type QuestionRequest } from './offloaded-questions.ts';
import { shareReads, withSharedReads } from './share-reads.ts';
import { QuestionStopped, stopOnRequest } from './stop-on-request.ts';

const { config, stop } = workerData as { config: Config; stop: Int32Array };
const opened = await openStore(config, { mustExist: true, reader: true });
/** The id of the question a read belongs to: the pool stores it in its lane of `stop` to stop it. */
const current = new AsyncLocalStorage<number>();
const isStopped = () => {
  const id = current.getStore();
  for (let lane = 0; lane < stop.length; lane++) if (Atomics.load(stop, lane) === id) return true;
  return false;
};
const store = shareReads(stopOnRequest(opened, isStopped));
const port = parentPort!;

port.on('message', async (request: QuestionRequest | 'close') => {
  if (request === 'close') {
    await opened.close().catch(() => {});
    port.close();
    return;
  }
  let reply: QuestionReply;
  try {
    const question = offloadedQuestions[request.name] as (...args: unknown[]) => Promise<unknown>;
    // Each question shares its own identical reads, never another's (they may run side by side).
    const value = await current.run(request.id, () => withSharedReads(() => question(store, ...request.args)));
    reply = { id: request.id, ok: true, value };
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
