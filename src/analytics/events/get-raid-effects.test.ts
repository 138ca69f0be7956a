import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openPlantedFixture, partialRaidViewers, raided, raider } from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { getRaidEffects } from './get-raid-effects.ts';

describeEachBackend('getRaidEffects', (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it('says how many of a 60-viewer raid stayed above the pre-raid trend 10 and 30 minutes later', async () => {
    const r = await getRaidEffects(fx.store, raided.raidStream);
    assert.ok(r && !('status' in r));
    // Reported by EventSub and by chat: one raid.
    assert.equal(r.raids.length, 1);
    const raid = r.raids[0]!;
    assert.equal(raid.raiderLogin, raider.login);
    assert.equal(raid.raiderDisplayName, raider.displayName);
    assert.equal(raid.raidSize, 60);
    assert.equal(raid.offsetLabel, '29:30');
    assert.ok(Math.abs(raid.viewersBefore! - 80) <= 1, `viewers before ${raid.viewersBefore}`);
    assert.equal(raid.peakAfter, 140);
    // Planted: 101 viewers (median of minutes 38–41) against 80 before; 84.5 at 58–61.
    const at10 = (partialRaidViewers(39) + partialRaidViewers(40)) / 2;
    assert.ok(Math.abs(raid.after10!.retained - (at10 - 80)) <= 2, `after 10: ${JSON.stringify(raid.after10)}`);
    assert.ok(Math.abs(raid.after30!.retained - 4.5) <= 2, `after 30: ${JSON.stringify(raid.after30)}`);
    assert.ok(raid.after10!.retainedPct! > 25 && raid.after10!.retainedPct! < 45);
    assert.equal(raid.after30!.confounded, false);
    // bigbear's chat is recorded: three of its chatters chatted here; the passer-by and the broadcaster do not count.
    assert.equal(raid.raiderRule, 'raider-channel');
    assert.deepEqual(raid.raiderChatters, ['fan1', 'fan2', 'fan3']);
    assert.equal(raid.raidersWhoChatted, 3);
    assert.equal(raid.vodUrl, 'https://www.twitch.tv/videos/2100100100?t=0h29m0s');
  });

  it('falls back to newcomers after a raid known from chat only', async () => {
    const r = await getRaidEffects(fx.store, raided.chatRaidStream);
    assert.ok(r && !('status' in r));
    assert.equal(r.raids.length, 1);
    const raid = r.raids[0]!;
    assert.equal(raid.raiderDisplayName, 'SmallOwl');
    assert.equal(raid.raidSize, 12);
    assert.equal(raid.viewersBefore, 20);
    assert.equal(raid.raiderRule, 'first-seen-after-raid');
    assert.deepEqual(raid.raiderChatters, ['owlet1', 'owlet2']);
    assert.equal(raid.after10!.retained, 6);
    // The stream ended 25 minutes after the raid: no 30-minute reading.
    assert.equal(raid.after30, null);
    assert.equal(raid.vodUrl, null);
  });

  it('is null for an unknown stream', async () => {
    assert.equal(await getRaidEffects(fx.store, 'nope'), null);
  });
});
