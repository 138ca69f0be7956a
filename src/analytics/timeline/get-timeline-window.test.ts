import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { MIN, openPlantedFixture, raided } from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { getTimelineWindow } from './get-timeline-window.ts';

describeEachBackend('getTimelineWindow', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it('links the moment on the VOD when the stream has one', async () => {
    const w = await getTimelineWindow(fx.store, raided.raidStream, 62 * MIN + 3000, 64 * MIN);
    assert.ok(w);
    assert.equal(w.vodUrl, 'https://www.twitch.tv/videos/2100100100?t=1h2m3s');
    assert.ok(w.viewers.length >= 2);
    const none = await getTimelineWindow(fx.store, raided.chatRaidStream, 10 * MIN, 12 * MIN);
    assert.equal(none?.vodUrl, null);
  });
});
