import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeChatMessage,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getTopSupporters } from './get-top-supporters.ts';

const MIN = 60_000;
const nov = Date.UTC(2026, 10, 1);
const dec = Date.UTC(2026, 11, 1);

// A chat-only stream (gifts as one subgift per recipient, bits in messages) and a stream with EventSub (a gift of
// five carried by one channel.subscription.gift, and cheers), where chat's copies of the same must not count again.
describeEachBackend('getTopSupporters', (backend) => {
  let fx: TestStore;
  const chatOnly = makeStream({
    id: 'chat-only',
    startedAt: Date.UTC(2026, 10, 3, 18),
    endedAt: Date.UTC(2026, 10, 3, 20),
  });
  const withEventSub = makeStream({
    id: 'eventsub',
    startedAt: Date.UTC(2026, 10, 10, 18),
    endedAt: Date.UTC(2026, 10, 10, 20),
  });
  const at = (s: typeof chatOnly, minutes: number) => s.startedAt + minutes * MIN;
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({ channels: [makeChannel()], streams: [chatOnly, withEventSub] });
    await fx.store.write({
      chatMessages: [
        makeChatMessage({ streamId: 'chat-only', ts: at(chatOnly, 1), userLogin: 'bitsy', userId: '3001', bits: 300 }),
        makeChatMessage({ streamId: 'chat-only', ts: at(chatOnly, 2), userLogin: 'cheery', userId: '3002', bits: 50 }),
        // EventSub reports this stream's cheers: chat's copy is not counted.
        makeChatMessage({
          streamId: 'eventsub',
          ts: at(withEventSub, 2),
          userLogin: 'cheery',
          userId: '3002',
          bits: 999,
        }),
      ],
      chatEvents: [
        ...[1, 2, 3].map((i) =>
          makeChatEvent({ streamId: 'chat-only', ts: at(chatOnly, 10 + i), type: 'subgift', userLogin: 'giver' }),
        ),
        makeChatEvent({ streamId: 'chat-only', ts: at(chatOnly, 20), type: 'subgift', userLogin: 'ananonymousgifter' }),
        makeChatEvent({ streamId: 'chat-only', ts: at(chatOnly, 5), type: 'sub', userLogin: 'newbie' }),
        makeChatEvent({ streamId: 'chat-only', ts: at(chatOnly, 6), type: 'resub', userLogin: 'oldie' }),
        // Chat's copies of the EventSub stream's gift: EventSub reports it, so these count none.
        ...[1, 2, 3, 4, 5].map((i) =>
          makeChatEvent({ streamId: 'eventsub', ts: at(withEventSub, 10 + i), type: 'subgift', userLogin: 'bigfan' }),
        ),
      ],
      channelEvents: [
        makeChannelEvent({
          streamId: 'eventsub',
          ts: at(withEventSub, 10),
          type: 'channel.subscription.gift',
          userLogin: 'bigfan',
          data: { total: 5, isAnonymous: false },
        }),
        makeChannelEvent({
          streamId: 'eventsub',
          ts: at(withEventSub, 3),
          type: 'channel.follow',
          userLogin: 'follower1',
        }),
        makeChannelEvent({
          streamId: 'eventsub',
          ts: at(withEventSub, 30),
          type: 'channel.cheer',
          userLogin: 'cheery',
          data: { bits: 100 },
        }),
      ],
    });
  });
  after(() => fx.close());

  it('ranks gifters and cheerers over the period, each report counted once', async () => {
    const r = await getTopSupporters(fx.store, '1001', nov, dec);
    assert.equal(r.streams, 2);
    assert.deepEqual(r.gifters, [
      { login: 'bigfan', amount: 5 },
      { login: 'giver', amount: 3 },
      { login: null, amount: 1 },
    ]);
    assert.deepEqual(r.cheerers, [
      { login: 'bitsy', amount: 300 },
      { login: 'cheery', amount: 150 },
    ]);
  });

  it('lists who subscribed and who followed, in order, with where in which stream', async () => {
    const r = await getTopSupporters(fx.store, '1001', nov, dec);
    assert.deepEqual(
      r.subscribed.list.map((e) => [e.login, e.kind, e.streamId, e.offsetMs]),
      [
        ['newbie', 'sub', 'chat-only', 5 * MIN],
        ['oldie', 'resub', 'chat-only', 6 * MIN],
      ],
    );
    assert.equal(r.subscribed.total, 2);
    assert.deepEqual(
      r.followed.list.map((e) => [e.login, e.kind, e.streamId]),
      [['follower1', 'follow', 'eventsub']],
    );
  });

  it('counts only the streams of the period', async () => {
    const r = await getTopSupporters(fx.store, '1001', Date.UTC(2026, 10, 5), dec);
    assert.equal(r.streams, 1);
    assert.deepEqual(r.gifters, [{ login: 'bigfan', amount: 5 }]);
    assert.deepEqual(r.cheerers, [{ login: 'cheery', amount: 100 }]);
  });
});
