// An analytics worker thread: its own store connection (the main thread migrated the schema), answering the
// offloaded questions one at a time, so a report or a whole-history question never holds up the serving thread.

import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { offloadedQuestions, type QuestionReply, type QuestionRequest } from './offloaded-questions.ts';

const { config } = workerData as { config: Config };
const store = await openStore(config, { mustExist: true, reader: true });
const port = parentPort!;

port.on('message', async (request: QuestionRequest | 'close') => {
  if (request === 'close') {
    await store.close().catch(() => {});
    port.close();
    return;
  }
  let reply: QuestionReply;
  try {
    const question = offloadedQuestions[request.name] as (...args: unknown[]) => Promise<unknown>;
    reply = { id: request.id, ok: true, value: await question(store, ...request.args) };
  } catch (error) {
    const e = error as Error;
    reply = {
      id: request.id,
      ok: false,
      error: {
        message: e.message,
        code: e instanceof StreamlensError ? e.code : undefined,
        hint: e instanceof StreamlensError ? e.hint : undefined,
      },
    };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
