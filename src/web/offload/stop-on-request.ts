// A store whose reads throw once its question is to stop: how an analytics worker abandons a question whose
// client went away, between two reads (a statement already running finishes; the next one never starts).

import type { Store } from '../../store/store.ts';

/** The reads a question makes, each a place to stop. */
const reads = new Set<PropertyKey>(['all', 'get', 'searchChat', 'searchTranscript']);

/** Thrown by a read of a stopped question. */
export class QuestionStopped extends Error {
  override readonly name = 'QuestionStopped';
}

/** `store`, whose reads throw `QuestionStopped` while `isStopped()` says so. */
export function stopOnRequest(store: Store, isStopped: () => boolean): Store {
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!reads.has(key)) return method.bind(target);
      return (...args: unknown[]) => {
        if (isStopped()) return Promise.reject(new QuestionStopped('the question was stopped'));
        return method.apply(target, args);
      };
    },
  });
}
