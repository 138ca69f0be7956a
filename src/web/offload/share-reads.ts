// A store for one heavy question whose identical reads share one statement: a report asks for the channel's
// history three times (its categories, the advice's categories and best times) and fingerprints its stream at each
// rollup part it reads; each of those ran again in full. A write through it forgets what was read, so a read after
// the question's own write (a rollup it kept) sees it.

import type { Store } from '../../store/store.ts';

type Row = Record<string, unknown>;

/** `store`, whose `all`/`get` with the same SQL and parameters run once for as long as it is used. */
export function shareReads(store: Store): Store {
  const reads = new Map<string, Promise<Row[]> | Promise<Row | undefined>>();
  const share = <T>(
    kind: 'all' | 'get',
    sql: string,
    params: readonly unknown[] | undefined,
    run: () => Promise<T>,
  ) => {
    const key = `${kind}\u0000${sql}\u0000${JSON.stringify(params ?? [])}`;
    let read = reads.get(key) as Promise<T> | undefined;
    if (!read) {
      read = run();
      reads.set(key, read as Promise<Row[]>);
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
        reads.clear();
        return method.apply(target, args);
      };
    },
  });
}
