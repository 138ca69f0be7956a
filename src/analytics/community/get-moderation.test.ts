import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel, makeChatEvent, makeChatMessage, makeStream } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { getModeration } from './get-moderation.ts';

const MIN = 60_000;

// Two streams: the first with a ban, three timeouts of one chatter and one of another, a deleted message, a chat
// clear, and two moderators chatting; the second (outside the period asked) with one more ban.
describeEachBackend('getModeration', (backend) => {
  let fx: TestStore;
  const first = makeStream({ id: 'mod-1', startedAt: Date.UTC(2026, 10, 3, 18), endedAt: Date.UTC(2026, 10, 3, 20) });
  const second = makeStream({
    id: 'mod-2',
    startedAt: Date.UTC(2026, 10, 10, 18),
    endedAt: Date.UTC(2026, 10, 10, 20),
  });
  const at = (minute: number) => first.startedAt + minute * MIN;
  before(async () => {
    fx = await openTestStore(backend);
    await fx.store.write({ channels: [makeChannel()], streams: [first, second] });
    const event = (streamId: string, ts: number, type: string, userLogin: string | null, data = {}) =>
      makeChatEvent({ streamId, ts, type, userLogin, userId: null, data });
    await fx.store.write({
      chatEvents: [
        event('mod-1', at(10), 'ban', 'spambot'),
        event('mod-1', at(20), 'timeout', 'loudguy', { durationSeconds: 60 }),
        event('mod-1', at(30), 'timeout', 'loudguy', { durationSeconds: 600 }),
        event('mod-1', at(40), 'timeout', 'loudguy', { durationSeconds: 10 }),
        event('mod-1', at(41), 'timeout', 'other', { durationSeconds: 600 }),
        event('mod-1', at(50), 'delete', 'rude', { targetMessageId: 'x', text: 'rude words' }),
        event('mod-1', at(60), 'clear', null),
        event('mod-1', at(61), 'sub', 'fan'),
        event('mod-2', second.startedAt + MIN, 'ban', 'laterbot'),
      ],
      chatMessages: [
        makeChatMessage({
          streamId: 'mod-1',
          ts: at(5),
          userId: '11',
          userLogin: 'modanna',
          badges: [{ name: 'moderator', version: '1' }],
        }),
        makeChatMessage({
          streamId: 'mod-1',
          ts: at(6),
          userId: '11',
          userLogin: 'modanna',
          badges: [
            { name: 'subscriber', version: '12' },
            { name: 'moderator', version: '1' },
          ],
        }),
        makeChatMessage({
          streamId: 'mod-1',
          ts: at(7),
          userId: '12',
          userLogin: 'modben',
          badges: [{ name: 'moderator', version: '1' }],
        }),
        makeChatMessage({
          streamId: 'mod-1',
          ts: at(8),
          userId: '13',
          userLogin: 'viewer',
          badges: [{ name: 'vip', version: '1' }],
        }),
      ],
    });
  });
  after(() => fx.close());

  it("counts the period's bans, timeouts by chatter, deleted messages, clears and the moderators who chatted", async () => {
    const r = await getModeration(fx.store, '1001', first.startedAt, first.startedAt + 1);
    assert.equal(r.streams, 1);
    assert.deepEqual(r.bans, [{ login: 'spambot', streamId: 'mod-1', offsetMs: 10 * MIN }]);
    assert.deepEqual(
      r.timeouts.map((t) => [t.login, t.timeouts, t.longestSeconds, t.first.offsetMs]),
      [
        ['loudguy', 3, 600, 20 * MIN],
        ['other', 1, 600, 41 * MIN],
      ],
    );
    assert.equal(r.totalTimeouts, 4);
    assert.equal(r.deletedMessages, 1);
    assert.equal(r.chatClears, 1);
    assert.deepEqual(r.moderators, [
      { login: 'modanna', messages: 2 },
      { login: 'modben', messages: 1 },
    ]);
  });

  it('takes every stream of a wider period, and none outside the channel history', async () => {
    const all = await getModeration(fx.store, '1001', 0, Date.UTC(2027, 0, 1));
    assert.equal(all.streams, 2);
    assert.deepEqual(
      all.bans.map((b) => b.login),
      ['spambot', 'laterbot'],
    );
    const none = await getModeration(fx.store, '1001', Date.UTC(2020, 0, 1), Date.UTC(2020, 1, 1));
    assert.deepEqual(none, {
      streams: 0,
      bans: [],
      timeouts: [],
      totalTimeouts: 0,
      deletedMessages: 0,
      chatClears: 0,
      moderators: [],
    });
  });
});
