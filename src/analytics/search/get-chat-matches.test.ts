import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, CH, MIN, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { getChatMatches } from './get-chat-matches.ts';
import { getTranscriptMatches } from './get-transcript-matches.ts';

describeEachBackend('search matches', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('gives each chat match its offset in its stream', async () => {
    const [hit, ...rest] = await getChatMatches(fx.store, 'loved LAST', { channelId: CH, limit: 10 });
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [hit?.streamId, hit?.userLogin, hit?.text, hit?.offsetMs],
      ['s-after', 'newbie1', 'back again, loved last stream', 5 * MIN],
    );
  });

  it('gives each transcript match its offset in its stream', async () => {
    const hits = await getTranscriptMatches(fx.store, 'raiders', { streamId: 's-main', limit: 10 });
    assert.deepEqual(
      hits.map((h) => [h.text, h.offsetMs]),
      [['welcome raiders from bigfriend', 89 * MIN + 40_000]],
    );
  });
});
