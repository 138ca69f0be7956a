import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  type AnalyticsFixture,
  CH,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import { getEmoteUsage } from '../chat/get-emote-usage.ts';
import { getStreamSentiment, scoreMessage } from '../chat/get-stream-sentiment.ts';
import { getChannelRetention } from '../community/get-channel-retention.ts';
import { getCategoryCompetition } from './get-category-competition.ts';
import { getTitleKeywords } from './get-title-keywords.ts';
import { getWeeklyTrends } from './get-weekly-trends.ts';

describeEachBackend('content, trends and retention', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('counts Twitch and third-party emotes', async () => {
    const e = await getEmoteUsage(fx.store, 's-main');
    assert.ok(e && !('status' in e));
    assert.deepEqual(
      e.emotes.slice(0, 2).map((x) => [x.name, x.count, x.source]),
      [
        ['KEKW', 26, 'third-party'],
        ['LUL', 13, 'twitch'],
      ],
    );
  });

  it('scores laughter as positive and Sadge as negative, and peaks at the hype minute', async () => {
    assert.equal(scoreMessage('KEKW').value, 1);
    assert.equal(scoreMessage('Sadge').value, -1);
    const s = await getStreamSentiment(fx.store, 's-main');
    assert.ok(s && !('status' in s));
    assert.equal(s.minutes.find((m) => m.minute === 40)?.score, 1);
  });

  it('finds title words that go with better streams', async () => {
    const k = await getTitleKeywords(fx.store, CH);
    assert.ok(!('status' in k));
    assert.equal(k.keywords[0]!.keyword, 'chess');
    assert.ok(k.keywords[0]!.lift > 2);
  });

  it('tracks weeks, retention and competition (no data without category snapshots)', async () => {
    const w = await getWeeklyTrends(fx.store, CH, { weeks: 4 });
    assert.ok(!('status' in w));
    assert.equal(
      w.weeks.reduce((n, x) => n + x.streams, 0),
      8,
    );
    assert.equal(w.weeks.at(-1)!.cumulativeFollows, 36);
    const r = await getChannelRetention(fx.store, CH);
    assert.ok(!('status' in r));
    const main = r.streams.find((s) => s.streamId === 's-main')!;
    assert.equal(main.newChattersReturned, 1);
    const c = await getCategoryCompetition(fx.store, CH);
    assert.ok('status' in c);
    await fx.store.write({
      categorySnapshots: [{ gameId: '743', gameName: 'Chess', ts: mainStart, liveChannels: 10, viewers: 500 }],
    });
    const c2 = await getCategoryCompetition(fx.store, CH);
    assert.ok(!('status' in c2));
    assert.deepEqual([c2.cells[0]!.label, c2.cells[0]!.viewersPerChannel], ['Tue 18:00', 50]);
  });
});
