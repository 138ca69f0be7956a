import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  type AnalyticsFixture,
  MIN,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import { type ChatLine, findChatSpikes, getStreamHighlights } from './get-stream-highlights.ts';

describeEachBackend('getStreamHighlights', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('finds the hype minute of a 10-viewer stream and nothing in the flat stretches', async () => {
    const h = await getStreamHighlights(fx.store, 's-main');
    assert.ok(h && !('status' in h));
    assert.equal(h.highlights.length, 1, JSON.stringify(h.highlights.map((x) => [x.offsetLabel, x.messages])));
    const top = h.highlights[0]!;
    assert.equal(top.startTs, mainStart + 40 * MIN);
    assert.equal(top.offsetLabel, '40:00');
    assert.ok(top.kinds.includes('laughter'));
    assert.equal(top.topEmotes[0]!.token, 'KEKW');
    assert.equal(top.vodUrl, 'https://www.twitch.tv/videos/v123?t=0h39m50s');
    // Only the confident line is quoted.
    assert.deepEqual(
      top.transcript.map((t) => t.text),
      ['oh no I just fell off the map'],
    );
  });

  it('says no data for a stream without chat', async () => {
    assert.deepEqual(await getStreamHighlights(fx.store, 's-empty'), {
      status: 'no-data',
      reason: 'no chat recorded for this stream',
    });
  });
});

describe('findChatSpikes', () => {
  it('stays silent on a flat small chat and fires on 8 messages after a 1-a-minute baseline', () => {
    const flat: ChatLine[] = [];
    for (let m = 0; m < 60; m++) flat.push({ ts: m * MIN + 1000, userLogin: 'a', text: 'hi', emotes: null });
    assert.deepEqual(findChatSpikes(flat, 0, 60 * MIN, MIN), []);
    const burst = [...flat];
    for (let i = 0; i < 8; i++) burst.push({ ts: 30 * MIN + 2000 + i, userLogin: `b${i}`, text: 'LUL', emotes: null });
    const spans = findChatSpikes(burst, 0, 60 * MIN, MIN);
    assert.equal(spans.length, 1);
    assert.equal(spans[0]!.startTs, 30 * MIN);
  });
});
