// Identical reads of one heavy question share one statement: a report asks for the channel's history three times
// (its categories, the advice's categories and best times) and fingerprints its stream at each rollup part it
// reads; each of those ran again in full. What a question read is kept for as long as it runs (an async context,
// so questions answered side by side never see each other's), and a write through the store forgets it, so a
// read after the question's own write (a rollup it kept) sees it. The store keeps one identity across questions,
// so what analytics keeps per store (figures, chat minutes) is still found by the next question.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from '../../store/store.ts';

type Row = Record<string, unknown>;

const question = new AsyncLocalStorage<Map<string, Promise<unknown>>>();
const sharing = new WeakMap<Store, Store>();

/** Runs `answer` as one question: identical reads through a `shareReads` store inside it run once. */
export function withSharedReads<T>(answer: () => Promise<T>): Promise<T> {
  return question.run(new Map(), answer);
}

/** `store`, whose `all`/`get` share identical reads within a question (`withSharedReads`); the same for a store. */
export function shareReads(store: Store): Store {
  let shared = sharing.get(store);
  if (!shared) {
    shared = createSharingStore(store);
    sharing.set(store, shared);
  }
  return shared;
}

function createSharingStore(store: Store): Store {
  const share = <T>(
    kind: 'all' | 'get',
    sql: string,
    params: readonly unknown[] | undefined,
    run: () => Promise<T>,
  ) => {
    const reads = question.getStore();
    if (!reads) return run();
    const key = `${kind}\u0000${sql}\u0000${JSON.stringify(params ?? [])}`;
    let read = reads.get(key) as Promise<T> | undefined;
    if (!read) {
      read = run();
      reads.set(key, read);
      // A failed read is not kept: the next asks again.
      read.catch(() => reads.delete(key));
    }
    return read;
  };
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      // Each caller gets rows of its own: callers sort and reverse what they read.
      if (key === 'all')
        return (sql: string, params?: readonly unknown[]) =>
          share('all', sql, params, () => target.all<Row>(sql, params)).then((rows) => rows.map((r) => ({ ...r })));
      if (key === 'get')
        return (sql: string, params?: readonly unknown[]) =>
          share('get', sql, params, () => target.get<Row>(sql, params)).then((row) => (row ? { ...row } : row));
      if (key === 'searchChat' || key === 'searchTranscript') return method.bind(target);
      return (...args: unknown[]) => {
        question.getStore()?.clear();
        return method.apply(target, args);
      };
    },
  });
}
