import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { newcomers, openPlantedFixture } from '../../../test/support/open-planted-fixture.ts';
import type { TestStore } from '../../../test/support/open-test-store.ts';
import { getStreamCommunity } from './get-stream-community.ts';
import { getTopChatters } from './get-top-chatters.ts';

describeEachBackend("new and returning chatters by Twitch's tags", (backend) => {
  let fx: TestStore;
  before(async () => {
    fx = await openPlantedFixture(backend);
  });
  after(() => fx.close());

  it("on day one, trusts Twitch's first-msg and returning-chatter over an empty history", async () => {
    const c = await getStreamCommunity(fx.store, newcomers.firstStream);
    assert.ok(c && !('status' in c));
    assert.equal(c.newChattersSource, 'twitch');
    assert.deepEqual(
      c.firstTimers.map((f) => f.userLogin),
      ['newface', 'lateface'],
    );
    assert.equal(c.chatters, 4, 'oldfan, newface, plainregular, lateface: the broadcaster aside');
    assert.deepEqual([c.newChatters, c.returningChatters], [2, 2]);
    assert.ok(!c.unrepliedFirstTimers.includes('oldfan'));
  });

  it('counts a first-timer as back only in a later stream, not a line after the recorded end', async () => {
    const c = await getStreamCommunity(fx.store, newcomers.firstStream);
    assert.ok(c && !('status' in c));
    const by = new Map(c.firstTimers.map((f) => [f.userLogin, f.laterStreams]));
    assert.equal(by.get('newface'), 1);
    assert.equal(by.get('lateface'), 0);
    assert.equal(c.firstTimersReturned, 1);
  });

  it("falls back to the product's history where the chat has no tags, and says so", async () => {
    const c = await getStreamCommunity(fx.store, newcomers.laterStream);
    assert.ok(c && !('status' in c));
    assert.equal(c.newChattersSource, 'history');
    assert.deepEqual(
      c.firstTimers.map((f) => f.userLogin),
      ['stranger'],
    );
    assert.match(c.evidence.note ?? '', /no Twitch first-msg\/returning-chatter tags/);
  });

  it('never lists the broadcaster among their own top chatters', async () => {
    const c = await getStreamCommunity(fx.store, newcomers.firstStream);
    assert.ok(c && !('status' in c));
    assert.equal(c.topChatters[0]?.userLogin, 'oldfan');
    assert.ok(!c.topChatters.some((t) => t.userLogin === newcomers.login));
    const top = await getTopChatters(fx.store, newcomers.channelId);
    assert.ok(!('status' in top));
    assert.ok(!top.chatters.some((t) => t.userLogin === newcomers.login));
  });
});
