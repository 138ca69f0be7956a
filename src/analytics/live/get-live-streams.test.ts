import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatEvent,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore } from '../../../test/support/open-test-store.ts';
import { getLiveStreams } from './get-live-streams.ts';

describeEachBackend('getLiveStreams', (backend) => {
  it('lists and counts a sub or raid reported by chat and EventSub once, from EventSub', async () => {
    const testStore = await openTestStore(backend);
    const { store } = testStore;
    await store.write({
      channels: [makeChannel({ id: '1' }), makeChannel({ id: '2', login: 'other' })],
      streams: [makeStream({ id: 'both', channelId: '1' }), makeStream({ id: 'chat-only', channelId: '2' })],
    });
    const at = (i: number) => baseTs + i * 1000;
    await store.write({
      chatEvents: [
        makeChatEvent({ channelId: '1', streamId: 'both', ts: at(1), type: 'sub', userLogin: 'ann' }),
        makeChatEvent({ channelId: '1', streamId: 'both', ts: at(2), type: 'resub', userLogin: 'bob' }),
        makeChatEvent({ channelId: '1', streamId: 'both', ts: at(3), type: 'raid', userLogin: 'friend' }),
        makeChatEvent({ channelId: '1', streamId: 'both', ts: at(4), type: 'ban', userLogin: 'troll' }),
        makeChatEvent({ channelId: '2', streamId: 'chat-only', ts: at(1), type: 'sub', userLogin: 'cid' }),
        makeChatEvent({ channelId: '2', streamId: 'chat-only', ts: at(2), type: 'subgift', userLogin: 'dee' }),
      ],
      channelEvents: [
        makeChannelEvent({ channelId: '1', streamId: 'both', ts: at(1), type: 'channel.subscribe', userLogin: 'ann' }),
        makeChannelEvent({
          channelId: '1',
          streamId: 'both',
          ts: at(2),
          type: 'channel.subscription.message',
          userLogin: 'bob',
        }),
        makeChannelEvent({ channelId: '1', streamId: 'both', ts: at(5), type: 'channel.follow', userLogin: 'eve' }),
      ],
    });
    const live = new Map((await getLiveStreams(store)).map((s) => [s.streamId, s]));
    const both = live.get('both')!;
    assert.deepEqual(
      both.events.map((e) => `${e.type} ${e.userLogin}`),
      ['channel.subscribe ann', 'channel.subscription.message bob', 'raid friend', 'ban troll', 'channel.follow eve'],
      'chat subs step aside for EventSub; the raid only chat reported stays',
    );
    assert.deepEqual([both.counters.subs, both.counters.follows, both.eventSubFamilies], [2, 1, ['subs']]);
    const chatOnly = live.get('chat-only')!;
    assert.deepEqual(
      chatOnly.events.map((e) => e.type),
      ['sub', 'subgift'],
    );
    assert.deepEqual([chatOnly.counters.subs, chatOnly.eventSubFamilies], [2, []]);
    await testStore.close();
  });

  it('counts a gift once per recipient, from chat and from EventSub', async () => {
    const testStore = await openTestStore(backend);
    const { store } = testStore;
    await store.write({
      channels: [makeChannel({ id: '1' }), makeChannel({ id: '2', login: 'other' })],
      streams: [makeStream({ id: 'chat', channelId: '1' }), makeStream({ id: 'eventsub', channelId: '2' })],
    });
    const at = (i: number) => baseTs + i * 1000;
    await store.write({
      chatEvents: [
        makeChatEvent({ channelId: '1', streamId: 'chat', ts: at(1), type: 'submysterygift', data: { count: 3 } }),
        ...[2, 3, 4].map((i) =>
          makeChatEvent({ id: `g${i}`, channelId: '1', streamId: 'chat', ts: at(i), type: 'subgift' }),
        ),
      ],
      channelEvents: [
        makeChannelEvent({
          channelId: '2',
          streamId: 'eventsub',
          ts: at(1),
          type: 'channel.subscription.gift',
          data: { total: 3 },
        }),
        ...[2, 3, 4].map((i) =>
          makeChannelEvent({
            id: `r${i}`,
            channelId: '2',
            streamId: 'eventsub',
            ts: at(i),
            type: 'channel.subscribe',
            data: { isGift: true },
          }),
        ),
      ],
    });
    const live = new Map((await getLiveStreams(store)).map((s) => [s.streamId, s]));
    assert.equal(live.get('chat')?.counters.subs, 3);
    assert.equal(live.get('eventsub')?.counters.subs, 3);
    await testStore.close();
  });
});
