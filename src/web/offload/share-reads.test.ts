import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import type { Store, StreamRollupRecord } from '../../store/store.ts';
import { shareReads, withSharedReads } from './share-reads.ts';

/** `store`, counting the statements its `all` and `get` run. */
function counting(store: Store): { store: Store; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'all' || key === 'get')
        return (...args: unknown[]) => {
          statements++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { store: counted, statements: () => statements };
}

const part = (streamId: string): StreamRollupRecord => ({
  streamId,
  channelId: '1',
  part: 'figures',
  fingerprint: 'f',
  builtAt: 1,
  json: '{}',
});
const listKept = 'SELECT stream_id FROM stream_rollups ORDER BY stream_id';

describeEachBackend('a question sharing its identical reads', (backend) => {
  let ts: TestStore;
  before(async () => {
    ts = await openTestStore(backend);
    await ts.store.writeStreamRollups([part('a'), part('b')]);
  });
  after(() => ts?.close());

  it('runs an identical read of a question once, and each caller gets rows of its own', async () => {
    const c = counting(ts.store);
    const shared = shareReads(c.store);
    await withSharedReads(async () => {
      const [first, second] = await Promise.all([
        shared.all<{ stream_id: string }>(listKept),
        shared.all<{ stream_id: string }>(listKept),
      ]);
      first.reverse();
      first[0]!.stream_id = 'changed';
      assert.deepEqual(second, [{ stream_id: 'a' }, { stream_id: 'b' }]);
      assert.deepEqual(await shared.all(listKept), [{ stream_id: 'a' }, { stream_id: 'b' }]);
      await shared.get(`${listKept} LIMIT 1`);
      await shared.all(`${listKept} DESC`);
    });
    assert.equal(c.statements(), 3);
  });

  it('shares nothing between questions, nor outside one, and keeps one store per store', async () => {
    const c = counting(ts.store);
    const shared = shareReads(c.store);
    assert.equal(shareReads(c.store), shared, 'what analytics keeps per store is found by the next question');
    await withSharedReads(() => shared.all(listKept));
    await withSharedReads(() => shared.all(listKept));
    await shared.all(listKept);
    await shared.all(listKept);
    assert.equal(c.statements(), 4);
  });

  it('reads again after a write through it, and sees the write', async () => {
    const shared = shareReads(ts.store);
    await withSharedReads(async () => {
      assert.equal((await shared.all(listKept)).length, 2);
      await shared.writeStreamRollups([part('c')]);
      assert.deepEqual(
        (await shared.all<{ stream_id: string }>(listKept)).map((r) => r.stream_id),
        ['a', 'b', 'c'],
      );
    });
  });
});
