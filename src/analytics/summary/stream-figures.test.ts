import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import type { Store } from '../../store/store.ts';
import { findStreamRow } from '../stream/load-stream.ts';
import { getStreamFigures } from './stream-figures.ts';

const MIN = 60_000;
const ended = makeStream({ id: 'done', endedAt: baseTs + 60 * MIN });
const live = makeStream({ id: 'live', startedAt: baseTs + 2 * 3_600_000 });

/** The same store under another identity, so nothing kept for `store` is seen: figures built from scratch. */
const fresh = (store: Store): Store =>
  new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

async function figuresOf(store: Store) {
  const rows = [(await findStreamRow(store, 'done'))!, (await findStreamRow(store, 'live'))!];
  const figures = await getStreamFigures(store, rows);
  return { figures, values: (id: string) => Object.values(figures.get(id)!.figures).map((m) => m.value) };
}

describeEachBackend('stream figures kept for finished streams', (backend) => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore(backend);
    await t.store.write({
      channels: [makeChannel()],
      streams: [ended, live],
      snapshots: [0, 10, 20, 30].map((m) =>
        makeSnapshot({ streamId: 'done', ts: baseTs + m * MIN, viewerCount: 10 + m }),
      ),
      chatMessages: [1, 2, 3].map((m) => makeChatMessage({ streamId: 'done', ts: baseTs + m * MIN, userId: `u${m}` })),
      channelEvents: [makeChannelEvent({ streamId: 'done', ts: baseTs + 5 * MIN })],
    });
  });
  after(() => t?.close());

  it('answers as a build from scratch does, again and again', async () => {
    const first = await figuresOf(t.store);
    const again = await figuresOf(t.store);
    const scratch = await figuresOf(fresh(t.store));
    assert.deepEqual(again.values('done'), first.values('done'));
    assert.deepEqual(scratch.values('done'), first.values('done'));
    assert.deepEqual([...first.figures.keys()], ['done', 'live']);
    assert.equal(first.figures.get('done')!.figures.follows.value, 1);
  });

  it('builds a finished stream again when late records arrive for it', async () => {
    await figuresOf(t.store);
    await t.store.write({
      snapshots: [makeSnapshot({ streamId: 'done', ts: baseTs + 40 * MIN, viewerCount: 200 })],
      chatMessages: [makeChatMessage({ streamId: 'done', ts: baseTs + 41 * MIN, userId: 'late' })],
      // A follow with no stream id, inside the stream's time range: it belongs to the stream.
      channelEvents: [makeChannelEvent({ streamId: null, ts: baseTs + 42 * MIN })],
    });
    const after = await figuresOf(t.store);
    const scratch = await figuresOf(fresh(t.store));
    assert.deepEqual(after.values('done'), scratch.values('done'));
    const f = after.figures.get('done')!.figures;
    assert.equal(f.peakViewers.value, 200);
    assert.equal(f.chatMessages.value, 4);
    assert.equal(f.uniqueChatters.value, 4);
    assert.equal(f.follows.value, 2);
  });
});
