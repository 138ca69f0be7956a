import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  makeChannel,
  makeChannelEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getStreamChangeEffects } from './get-stream-change-effects.ts';

const MIN = 60_000;

// A 60-minute stream: 100 viewers and 6 messages a minute until a category change at 20:00, then 60 viewers and 2
// a minute; a title change at 25:00 (its 10 minutes after run to 35:00), viewers 80 from 25:00.
describeEachBackend('getStreamChangeEffects', (backend) => {
  let fx: TestStore;
  const stream = makeStream({ id: 'chg', startedAt: Date.UTC(2026, 10, 3, 18), endedAt: Date.UTC(2026, 10, 3, 19) });
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({
      channels: [makeChannel()],
      streams: [stream],
      snapshots: Array.from({ length: 60 }, (_, m) =>
        makeSnapshot({
          streamId: 'chg',
          ts: stream.startedAt + m * MIN + 5_000,
          viewerCount: m < 20 ? 100 : m < 25 ? 60 : 80,
        }),
      ),
    });
    await fx.store.write({
      chatMessages: Array.from({ length: 60 }, (_, m) =>
        Array.from({ length: m < 20 ? 6 : 2 }, (_, k) =>
          makeChatMessage({ streamId: 'chg', ts: stream.startedAt + m * MIN + k * 1000, userId: String(50 + k) }),
        ),
      ).flat(),
      channelEvents: [
        makeChannelEvent({
          streamId: 'chg',
          ts: stream.startedAt + 20 * MIN,
          type: 'channel.update',
          data: { title: 'Ranked grind', categoryName: 'Elden Ring', previousCategoryName: 'Just Chatting' },
        }),
        makeChannelEvent({
          streamId: 'chg',
          ts: stream.startedAt + 25 * MIN,
          type: 'channel.update',
          data: { title: 'Boss rush!', categoryName: 'Elden Ring' },
        }),
      ],
    });
  });
  after(() => fx.close());

  it('sets the viewers and chat of the 10 minutes before each change against those after, up to the next one', async () => {
    const r = await getStreamChangeEffects(fx.store, 'chg');
    assert.ok(r);
    assert.deepEqual(
      r.changes.map((c) => [
        c.kind,
        c.offsetMs,
        c.viewersBefore,
        c.viewersAfter,
        c.viewersTrendBefore,
        c.chatPerMinuteBefore,
        c.chatPerMinuteAfter,
        c.minutesBefore,
        c.minutesAfter,
      ]),
      [
        ['category-change', 20 * MIN, 100, 60, 0, 6, 2, 10, 4],
        ['title-change', 25 * MIN, 80, 80, -40, 4, 2, 10, 10],
      ],
    );
    assert.match(r.changes[0]!.label, /Elden Ring/);
  });

  it('is null for a stream that does not exist', async () => {
    assert.equal(await getStreamChangeEffects(fx.store, 'nope'), null);
  });
});
