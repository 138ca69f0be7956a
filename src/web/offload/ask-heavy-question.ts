// How a route asks a heavy analytics question: on the app's analytics pool when it has one (the web server of
// `serve`/`start`), else on this thread (tests, `:memory:` stores).

import type { AppDeps } from '../app-deps.ts';
import {
  type OffloadedName,
  offloadedQuestions,
  type QuestionArgs,
  type QuestionResult,
} from './offloaded-questions.ts';
import { shareReads, withSharedReads } from './share-reads.ts';

/** `name(deps.store, ...args)`, off the serving thread when the app has a pool; `signal` is the request's. */
export async function askHeavyQuestion<K extends OffloadedName>(
  deps: Pick<AppDeps, 'store' | 'analytics'>,
  name: K,
  args: QuestionArgs<K>,
  signal?: AbortSignal,
): Promise<QuestionResult<K>> {
  if (deps.analytics) {
    return deps.analytics.ask(name, args, signal);
  }
  const question = offloadedQuestions[name] as (...a: unknown[]) => Promise<QuestionResult<K>>;
  const store = shareReads(deps.store);
  return withSharedReads(() => question(store, ...(args as unknown[])));
}
