import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyLiveEvent, caps, chatRate, createRecordClock, type LiveStreamState } from './live-feed.ts';

const initial: LiveStreamState = {
  streamId: 's1',
  channelId: 'c1',
  channelLogin: 'me',
  displayName: 'Me',
  title: 'hello',
  gameName: null,
  startedAt: 0,
  viewers: 10,
  counters: { messages: 5, chatters: 2, follows: 0, subs: 0, bits: 0 },
  chat: [],
  events: [],
  transcript: [],
  highlights: [],
  chatterIds: [],
  eventSubFamilies: [],
  missed: 0,
};
const chat = (id: string, extra: Record<string, unknown> = {}) => ({
  event: 'chat',
  data: {
    id,
    streamId: 's1',
    ts: 1000,
    userLogin: 'a',
    displayName: 'A',
    text: `m ${id}`,
    bits: 0,
    firstMsg: false,
    ...extra,
  },
});

test('chat lines append once, count messages and bits, and are capped', () => {
  let s = applyLiveEvent(initial, chat('1', { bits: 100 }));
  s = applyLiveEvent(s, chat('1'));
  assert.equal(s.chat.length, 1);
  assert.equal(s.counters.messages, 6);
  assert.equal(s.counters.bits, 100);
  for (let i = 0; i < caps.chat + 5; i++) s = applyLiveEvent(s, chat(`x${i}`));
  assert.equal(s.chat.length, caps.chat);
  assert.equal(s.chat.at(-1)?.id, `x${caps.chat + 4}`);
});

test('follows and subs count from their own source, other streams are ignored', () => {
  let s = applyLiveEvent(initial, {
    event: 'channel-event',
    data: { id: 'e1', streamId: 's1', ts: 1, type: 'channel.follow', userLogin: 'f' },
  });
  s = applyLiveEvent(s, {
    event: 'chat-event',
    data: { id: 'e2', streamId: 's1', ts: 2, type: 'resub', userLogin: 'g' },
  });
  s = applyLiveEvent(s, {
    event: 'channel-event',
    data: { id: 'e3', streamId: 'other', ts: 3, type: 'channel.follow' },
  });
  assert.deepEqual([s.counters.follows, s.counters.subs, s.events.length], [1, 1, 2]);
});

test('a sub reported by both chat and EventSub is listed and counted once, from EventSub', () => {
  const event = (source: 'chat-event' | 'channel-event', id: string, type: string, userLogin: string) => ({
    event: source,
    data: { id, streamId: 's1', ts: 10, type, userLogin },
  });
  // Chat is often first: without EventSub so far, its sub counts.
  let s = applyLiveEvent(initial, event('chat-event', 'c1', 'sub', 'ann'));
  assert.deepEqual([s.counters.subs, s.events.map((e) => e.id)], [1, ['c1']]);
  s = applyLiveEvent(s, event('chat-event', 'c2', 'ban', 'troll'));
  s = applyLiveEvent(s, event('channel-event', 'e1', 'channel.subscribe', 'ann'));
  assert.deepEqual([s.counters.subs, s.events.map((e) => e.id)], [1, ['c2', 'e1']]);
  s = applyLiveEvent(s, event('chat-event', 'c3', 'resub', 'bob'));
  s = applyLiveEvent(s, event('channel-event', 'e2', 'channel.subscription.message', 'bob'));
  s = applyLiveEvent(s, event('chat-event', 'c4', 'raid', 'friend'));
  assert.deepEqual([s.counters.subs, s.events.map((e) => e.id)], [2, ['c2', 'e1', 'e2', 'c4']]);
  assert.deepEqual(s.eventSubFamilies, ['subs']);
});

test('a gift counts once per recipient, as the analytics count it', () => {
  const event = (source: 'chat-event' | 'channel-event', id: string, type: string, data: Record<string, unknown>) => ({
    event: source,
    data: { id, streamId: 's1', ts: 10, type, userLogin: 'gifter', data },
  });
  let s = applyLiveEvent(initial, event('chat-event', 'm', 'submysterygift', { count: 2 }));
  s = applyLiveEvent(s, event('chat-event', 'g1', 'subgift', {}));
  s = applyLiveEvent(s, event('chat-event', 'g2', 'subgift', {}));
  assert.equal(s.counters.subs, 2);
  // EventSub's gift carries the total; its per-recipient subscribes (is_gift) add nothing.
  s = applyLiveEvent(s, event('channel-event', 'e1', 'channel.subscription.gift', { total: 5 }));
  for (const id of ['r1', 'r2', 'r3', 'r4', 'r5'])
    s = applyLiveEvent(s, event('channel-event', id, 'channel.subscribe', { isGift: true }));
  assert.equal(s.counters.subs, 5);
});

test('snapshots update viewers; dropped events are counted as missed', () => {
  let s = applyLiveEvent(initial, { event: 'snapshot', data: { streamId: 's1', viewerCount: 77, title: 'new title' } });
  s = applyLiveEvent(s, { event: 'dropped', data: { count: 12 } });
  assert.deepEqual([s.viewers, s.title, s.missed], [77, 'new title', 12]);
});

test('chat rate counts messages of the last minute', () => {
  const lines = [{ ts: 0 }, { ts: 50_000 }, { ts: 90_000 }, { ts: 100_000 }];
  assert.equal(chatRate(lines, 110_000), 2);
  assert.equal(chatRate([], 110_000), 0);
});

test("a live stream's now follows its records' clock, not the browser's", () => {
  let real = 1_000_000;
  const clock = createRecordClock(() => real);
  assert.equal(clock.now(), 1_000_000, "the browser's clock until a record is seen");
  clock.see(400_000); // the demo's simulated clock, well behind the wall
  real += 5_000;
  assert.equal(clock.now(), 405_000, 'the newest record plus the real time since');
  clock.see(300_000);
  assert.equal(clock.now(), 405_000, 'an older record changes nothing');
  clock.see(460_000);
  assert.equal(clock.now(), 460_000);
});
