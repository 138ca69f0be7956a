import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  makeChannel,
  makeChannelEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
  makeTranscriptSegment,
} from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getChatLulls } from './get-chat-lulls.ts';

const MIN = 60_000;

// A 60-minute stream with 10 messages a minute, except: minutes 20–25 with 1 (after an ad break at 18 and while
// viewers fall from 100 to 70), minutes 40–41 with 2 (too short to be a lull), minutes 57–59 silent (the stream
// winding down: no lull).
describeEachBackend('getChatLulls', (backend) => {
  let fx: TestStore;
  const stream = makeStream({ id: 'lulls', startedAt: Date.UTC(2026, 10, 3, 18), endedAt: Date.UTC(2026, 10, 3, 19) });
  const perMinute = (m: number) => (m >= 20 && m <= 25 ? 1 : m === 40 || m === 41 ? 2 : m >= 57 ? 0 : 10);
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({
      channels: [makeChannel()],
      streams: [stream],
      snapshots: Array.from({ length: 60 }, (_, m) =>
        makeSnapshot({ streamId: 'lulls', ts: stream.startedAt + m * MIN + 5_000, viewerCount: m < 20 ? 100 : 70 }),
      ),
    });
    await fx.store.write({
      chatMessages: Array.from({ length: 60 }, (_, m) =>
        Array.from({ length: perMinute(m) }, (_, k) =>
          makeChatMessage({
            streamId: 'lulls',
            ts: stream.startedAt + m * MIN + k * 1000,
            userId: String(3000 + k),
            userLogin: `viewer${k}`,
            text: 'hello',
          }),
        ),
      ).flat(),
      channelEvents: [
        makeChannelEvent({
          streamId: 'lulls',
          ts: stream.startedAt + 18 * MIN,
          type: 'channel.ad_break.begin',
          data: { durationSeconds: 90 },
        }),
      ],
      transcriptSegments: [
        makeTranscriptSegment({
          streamId: 'lulls',
          startTs: stream.startedAt + 19 * MIN + 30_000,
          endTs: stream.startedAt + 19 * MIN + 34_000,
          text: 'let me read the patch notes',
        }),
        makeTranscriptSegment({
          streamId: 'lulls',
          startTs: stream.startedAt + 30 * MIN,
          endTs: stream.startedAt + 30 * MIN + 4_000,
          text: 'later words',
        }),
      ],
    });
  });
  after(() => fx.close());

  it('finds the stretch of chat under half its usual pace, with the viewers and what came before it', async () => {
    const r = await getChatLulls(fx.store, 'lulls');
    assert.ok(r);
    assert.equal(r.usualPerMinute, 10);
    assert.equal(r.lulls.length, 1);
    const [lull] = r.lulls;
    assert.deepEqual(
      {
        offsetMs: lull!.offsetMs,
        minutes: lull!.minutes,
        perMinute: lull!.messagesPerMinute,
        short: lull!.messagesShort,
        before: lull!.viewersBefore,
        during: lull!.viewersDuring,
        events: lull!.events.map((e) => [e.kind, e.offsetMs]),
        said: lull!.said,
      },
      {
        offsetMs: 20 * MIN,
        minutes: 6,
        perMinute: 1,
        short: 54,
        before: 100,
        during: 70,
        events: [['ad-break', 18 * MIN]],
        said: [{ offsetMs: 19 * MIN + 30_000, text: 'let me read the patch notes' }],
      },
    );
  });

  it('finds none in a chat too slow to have lulls, and is null for a stream that does not exist', async () => {
    await fx.store.write({
      streams: [makeStream({ id: 'slow', startedAt: stream.endedAt! + MIN, endedAt: stream.endedAt! + 31 * MIN })],
      chatMessages: Array.from({ length: 30 }, (_, m) =>
        makeChatMessage({ streamId: 'slow', ts: stream.endedAt! + (m + 1) * MIN + 1000 }),
      ).filter((_, m) => m % 3 === 0),
    });
    const slow = await getChatLulls(fx.store, 'slow');
    assert.deepEqual(slow?.lulls, []);
    assert.equal(await getChatLulls(fx.store, 'nope'), null);
  });
});
