// Retention and a stream's community over a history of many streams, checked against counts made here from the
// messages written: the chatter_streams lookups by chatter (migration 14's index) and the rollups must give
// the answers the raw chat gives, on both backends.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannel, makeChatMessage, makeStream } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import type { ChatMessage, Stream } from '../../domain.ts';
import { getWeeklyTrends } from '../history/get-weekly-trends.ts';
import { getChannelRetention } from './get-channel-retention.ts';
import { getStreamCommunity } from './get-stream-community.ts';
import { getTopChatters } from './get-top-chatters.ts';

const channelId = '1001';
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 5, 18);

/** A seeded history: 12 two-hour streams, chatters who come and go, deterministic. */
function buildHistory(): { streams: Stream[]; messages: ChatMessage[] } {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const streams: Stream[] = [];
  const messages: ChatMessage[] = [];
  for (let k = 0; k < 12; k++) {
    const startedAt = t0 + k * 2 * day;
    streams.push(makeStream({ id: `s${k}`, channelId, startedAt, endedAt: startedAt + 7_200_000 }));
    for (let u = 0; u < 40; u++) {
      // Lower ids chat often; higher ones rarely, and the newest only from their first stream on.
      if (u > 10 + k * 3 || random() > 1 / (1 + u / 8)) continue;
      const lines = 1 + Math.floor(random() * 4);
      for (let i = 0; i < lines; i++)
        messages.push(
          makeChatMessage({
            id: `m${k}-${u}-${i}`,
            channelId,
            streamId: `s${k}`,
            ts: startedAt + Math.floor(random() * 7_000_000),
            userId: `u${u}`,
            userLogin: `user${u}`,
            displayName: `User${u}`,
          }),
        );
    }
  }
  return { streams, messages };
}

describeEachBackend('retention and community over a long history', (backend) => {
  let t: TestStore;
  const { streams, messages } = buildHistory();
  before(async () => {
    t = await openTestStore(backend);
    await t.store.write({ channels: [makeChannel({ id: channelId })], streams });
    // In several writes, out of order: totals must not depend on the order chat arrives in.
    for (const part of [messages.filter((_, i) => i % 2 === 1), messages.filter((_, i) => i % 2 === 0)])
      await t.store.write({ chatMessages: part });
  });
  after(() => t?.close());

  /** Per stream: the chatters, with their first and last message in it. */
  const perStream = () => {
    const map = new Map<string, Map<string, { first: number; last: number; n: number }>>();
    for (const m of messages) {
      const users = map.get(m.streamId!) ?? new Map();
      const u = users.get(m.userId) ?? { first: m.ts, last: m.ts, n: 0 };
      users.set(m.userId, { first: Math.min(u.first, m.ts), last: Math.max(u.last, m.ts), n: u.n + 1 });
      map.set(m.streamId!, users);
    }
    return map;
  };
  const firstSeen = () => {
    const seen = new Map<string, number>();
    for (const m of messages) seen.set(m.userId, Math.min(seen.get(m.userId) ?? Infinity, m.ts));
    return seen;
  };

  it('counts new, returning and returned chatters per stream as the raw chat does', async () => {
    const retention = await getChannelRetention(t.store, channelId, { limit: 100 });
    assert.ok(!('status' in retention));
    const byStream = perStream();
    const seen = firstSeen();
    assert.deepEqual(
      retention.streams.map((s) => s.streamId),
      streams.filter((s) => byStream.has(s.id)).map((s) => s.id),
    );
    for (const s of retention.streams) {
      const users = byStream.get(s.streamId)!;
      const fresh = [...users].filter(([u, x]) => seen.get(u) === x.first);
      const returned = fresh.filter(([u, x]) =>
        [...byStream.values()].some((other) => (other.get(u)?.first ?? -Infinity) > x.last),
      );
      assert.deepEqual(
        [s.chatters, s.newChatters, s.returningChatters, s.newChattersReturned],
        [users.size, fresh.length, users.size - fresh.length, returned.length],
        `stream ${s.streamId}`,
      );
    }
    assert.ok(
      retention.streams.some((s) => s.newChattersReturned > 0),
      'the history has newcomers who came back',
    );
  });

  it("counts each chatter's later streams and streams attended as the raw chat does", async () => {
    const byStream = perStream();
    for (const stream of [streams[3]!, streams[10]!]) {
      const community = await getStreamCommunity(t.store, stream.id, { topLimit: 100 });
      assert.ok(community && !('status' in community));
      const end = stream.endedAt!;
      const streamsOf = (u: string, keep: (first: number) => boolean) =>
        [...byStream.values()].filter((users) => users.has(u) && keep(users.get(u)!.first)).length;
      for (const f of community.firstTimers) {
        const u = f.userLogin.replace('user', 'u');
        assert.equal(
          f.laterStreams,
          streamsOf(u, (first) => first > end),
          `${f.userLogin} later`,
        );
      }
      assert.ok(community.topChatters.length > 0);
      for (const c of community.topChatters) {
        const u = c.userLogin.replace('user', 'u');
        assert.equal(
          c.streamsAttended,
          streamsOf(u, (first) => first <= end),
          `${c.userLogin} attended`,
        );
        assert.equal(c.messages, byStream.get(stream.id)!.get(u)!.n);
      }
    }
  });

  it('ranks top chatters by messages then streams as the raw chat does, ties at the cut included', async () => {
    const totals = new Map<string, { login: string; messages: number; streams: Set<string> }>();
    for (const m of messages) {
      const t = totals.get(m.userId) ?? { login: m.userLogin, messages: 0, streams: new Set<string>() };
      t.messages++;
      t.streams.add(m.streamId!);
      totals.set(m.userId, t);
    }
    const ranked = [...totals.values()].sort(
      (a, b) => b.messages - a.messages || b.streams.size - a.streams.size || a.login.localeCompare(b.login),
    );
    for (const limit of [1, 5, 12, 100]) {
      const top = await getTopChatters(t.store, channelId, { limit });
      assert.ok(!('status' in top));
      assert.deepEqual(
        top.chatters.map((c) => [c.userLogin, c.messages, c.streams]),
        ranked.slice(0, limit).map((r) => [r.login, r.messages, r.streams.size]),
        `limit ${limit}`,
      );
    }
  });

  it('counts distinct chatters per week as the raw chat does', async () => {
    const trends = await getWeeklyTrends(t.store, channelId, { weeks: 8 });
    assert.ok(!('status' in trends));
    const firstInStream = new Map<string, number>();
    for (const m of messages) {
      const key = `${m.streamId} ${m.userId}`;
      firstInStream.set(key, Math.min(firstInStream.get(key) ?? Infinity, m.ts));
    }
    for (const w of trends.weeks) {
      const users = new Set(
        [...firstInStream]
          .filter(([, ts]) => ts >= w.weekStart && ts < w.weekStart + 7 * day)
          .map(([key]) => key.split(' ')[1]),
      );
      assert.equal(w.uniqueChatters, users.size, `week of ${new Date(w.weekStart).toISOString()}`);
    }
    assert.ok(trends.weeks.filter((w) => w.uniqueChatters > 0).length >= 3);
  });
});
