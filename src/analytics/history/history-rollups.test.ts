import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import {
  baseTs,
  makeChannel,
  makeChannelEvent,
  makeChatMessage,
  makeSnapshot,
  makeStream,
} from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import type { Store, WriteBatch } from '../../store/store.ts';
import { getRecommendations } from '../report/get-recommendations.ts';
import { getBestTimes } from './get-best-times.ts';
import { getCategoryComparison } from './get-category-comparison.ts';
import { getPeriodTotals } from './get-period-totals.ts';
import { getTitleKeywords } from './get-title-keywords.ts';
import { getWeeklyTrends } from './get-weekly-trends.ts';
import {
  answerFromChannelHistory,
  type HistoryStream,
  keepHistoryRollups,
  loadChannelHistory,
} from './load-channel-history.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const games = ['Chess', 'Minecraft', 'Chess', 'Minecraft'];

/** Four finished streams two days apart (the third changes category at 60 min, the fourth has a long ad), one live. */
function history(): WriteBatch {
  const streams = games.map((game, k) =>
    makeStream({
      id: `s${k}`,
      startedAt: baseTs + k * 2 * DAY,
      endedAt: baseTs + k * 2 * DAY + 120 * MIN,
      title: `${game} ${k % 2 ? 'ranked' : 'chill'} night`,
      gameName: game,
    }),
  );
  streams.push(makeStream({ id: 'live', startedAt: baseTs + 9 * DAY, title: 'Chess ranked again', gameName: 'Chess' }));
  const batch: Required<Pick<WriteBatch, 'snapshots' | 'chatMessages' | 'channelEvents'>> = {
    snapshots: [],
    chatMessages: [],
    channelEvents: [],
  };
  for (const s of streams) {
    const k = s.id === 'live' ? 4 : Number(s.id.slice(1));
    for (let m = 0; m <= (s.id === 'live' ? 30 : 120); m += 5)
      batch.snapshots.push(
        makeSnapshot({
          streamId: s.id,
          ts: s.startedAt + m * MIN + 7_000,
          viewerCount: 40 + 20 * k + m + (m === 70 ? -25 : 0),
          gameName: k === 2 && m >= 60 ? 'Minecraft' : s.gameName,
        }),
      );
    for (let i = 0; i < 40 + 10 * k; i++)
      batch.chatMessages.push(
        makeChatMessage({
          streamId: s.id,
          ts: s.startedAt + i * 2 * MIN + 1_000 * k,
          userId: `u${(i * 7 + k) % 13}`,
          userLogin: `user${(i * 7 + k) % 13}`,
        }),
      );
    for (let f = 0; f < k + 1; f++)
      batch.channelEvents.push(makeChannelEvent({ streamId: s.id, ts: s.startedAt + (10 + 25 * f) * MIN }));
  }
  batch.channelEvents.push(
    makeChannelEvent({
      streamId: 's3',
      ts: streams[3]!.startedAt + 65 * MIN,
      type: 'channel.ad_break.begin',
      data: { durationSeconds: 180 },
    }),
  );
  return { channels: [makeChannel()], streams, ...batch };
}

/** A late import into the oldest stream: chat in both of its halves, a poll and a follow with no stream id. */
function lateImport(): WriteBatch {
  const start = baseTs;
  return {
    chatMessages: [5, 61, 62, 119].map((m) =>
      makeChatMessage({ streamId: 's0', ts: start + m * MIN + 500, userId: 'late', userLogin: 'late_one' }),
    ),
    snapshots: [makeSnapshot({ streamId: 's0', ts: start + 61 * MIN, viewerCount: 999 })],
    channelEvents: [makeChannelEvent({ streamId: null, ts: start + 90 * MIN })],
  };
}

/** Every whole-history answer of the channel, with the store's reads counted by the table they touch. */
async function answers(store: Store) {
  const reads: { sql: string; params: unknown[] }[] = [];
  const counting = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === 'all' || key === 'get')
        return (sql: string, params?: unknown[]) => {
          reads.push({ sql, params: params ?? [] });
          return (value as Store['all']).call(target, sql, params);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const ch = '1001';
  const result = {
    bestTimes: await getBestTimes(counting, ch),
    bestTimesCet: await getBestTimes(counting, ch, { tzOffsetMinutes: 60 }),
    bestTimesOdd: await getBestTimes(counting, ch, { tzOffsetMinutes: 7 }),
    categories: await getCategoryComparison(counting, ch),
    trends: await getWeeklyTrends(counting, ch),
    totals: await getPeriodTotals(counting, ch, 0, baseTs + 30 * DAY),
    keywords: await getTitleKeywords(counting, ch),
    recommendations: await getRecommendations(counting, ch),
  };
  return { result, reads };
}

describeEachBackend('whole-history questions from kept rollups', (backend) => {
  /** `use` on a scratch database that held the history, the late import and `more` from the start. */
  async function withEveryRecord(
    more: Pick<WriteBatch, 'chatMessages' | 'snapshots'>,
    use: (store: Store) => Promise<void>,
  ) {
    const scratch = await openTestStore(backend);
    try {
      const all = history();
      const extra = lateImport();
      await scratch.store.write({
        ...all,
        chatMessages: [...all.chatMessages!, ...extra.chatMessages!, ...(more.chatMessages ?? [])],
        snapshots: [...all.snapshots!, ...extra.snapshots!, ...(more.snapshots ?? [])],
        channelEvents: [...all.channelEvents!, ...extra.channelEvents!],
      });
      await use(scratch.store);
    } finally {
      await scratch.close();
    }
  }

  let t: TestStore;
  before(async () => {
    t = await openTestStore(backend);
    await t.store.write(history());
  });
  after(() => t?.close());

  it('answers from the rollups as from the records, reading no chat once they are kept', async () => {
    const built = await answers(t.store);
    const kept = await answers(t.store);
    assert.deepEqual(kept.result, built.result);
    const finishedChat = (reads: typeof built.reads) =>
      reads.filter((r) => /FROM chat_messages/.test(r.sql) && r.params.some((p) => /^s[0-3]$/.test(String(p))));
    assert.ok(finishedChat(built.reads).length > 0, 'the first answers count each segment’s chat');
    // The live stream is built each time from its records; finished streams' chat is never read again.
    assert.deepEqual(finishedChat(kept.reads), []);
    const rows = await t.store.all<{ n: number }>('SELECT COUNT(*) AS n FROM history_rollups');
    assert.equal(Number(rows[0]!.n), 4, 'the four finished streams are kept, not the live one');
    // What they were built from is what a build from the records gives.
    assert.deepEqual(
      await loadChannelHistory(t.store, '1001'),
      await loadChannelHistory(t.store, '1001', { useKept: false }),
    );
    const categories = built.result.categories;
    assert.ok(!('status' in categories));
    assert.deepEqual(
      categories.categories.map((c) => [c.gameName, c.streams, c.segments]),
      [
        ['Minecraft', 3, 3],
        ['Chess', 3, 3],
      ],
    );
  });

  it('a late import into an old stream is in the next answers, as a database with it from the start answers', async () => {
    const before = await answers(t.store);
    await t.store.write(lateImport(), { bulkLoad: true });
    await t.store.catchUp();
    const late = await answers(t.store);
    await withEveryRecord({}, async (store) => {
      const fromRecords = await answers(store);
      assert.deepEqual(late.result, fromRecords.result);
    });
    assert.equal(late.result.totals.totals.follows, before.result.totals.totals.follows + 1);
    assert.equal(late.result.totals.totals.chatMessages, before.result.totals.totals.chatMessages + 4);
    assert.notDeepEqual(late.result.categories, before.result.categories);
  });
  it("keeps the finished streams' rollups ahead of a question (at a stream's end)", async () => {
    await t.store.write({ chatMessages: [makeChatMessage({ streamId: 's1', ts: baseTs + 2 * DAY + 30 * MIN })] });
    assert.equal(await keepHistoryRollups(t.store, '1001'), 4);
    const next = await answers(t.store);
    assert.deepEqual(
      next.reads.filter((r) => /FROM chat_messages/.test(r.sql) && r.params.some((p) => /^s[0-3]$/.test(String(p)))),
      [],
    );
  });

  it('reads a kept rollup once per process while its stream is unchanged, and again after a late record', async () => {
    const reads: string[] = [];
    const counting = new Proxy(t.store, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key === 'all' || key === 'get')
          return (sql: string, params?: unknown[]) => {
            reads.push(sql);
            return (value as Store['all']).call(target, sql, params);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const fromRecords = () => loadChannelHistory(t.store, '1001', { useKept: false });
    await loadChannelHistory(counting, '1001');
    reads.length = 0;
    assert.deepEqual(await loadChannelHistory(counting, '1001'), await fromRecords());
    assert.deepEqual(
      reads.filter((sql) => /FROM history_rollups/.test(sql)),
      [],
    );
    // A poll recorded late for s2: its rollup is stale, read or built again, never served from memory.
    await t.store.write({
      snapshots: [makeSnapshot({ streamId: 's2', ts: baseTs + 4 * DAY + 63 * MIN, viewerCount: 999 })],
    });
    reads.length = 0;
    const late = await loadChannelHistory(counting, '1001');
    assert.ok(reads.some((sql) => /FROM history_rollups|FROM stream_snapshots/.test(sql)));
    assert.deepEqual(late, await fromRecords());
    assert.ok(late.find((h) => h.row.id === 's2')!.viewerQuarters.some(([, viewers]) => viewers >= 999));
  });

  it('keeps answers over finished streams in the process, and answers again after a late record', async () => {
    // Every stream finished: the answers over the channel's history are kept while none of them changes.
    const liveEnd = baseTs + 9 * DAY + 40 * MIN;
    await t.store.endStream('live', liveEnd);
    // On the store itself: what is kept in the process is kept per store.
    const ask = async (store: Store) => ({
      bestTimes: await getBestTimes(store, '1001'),
      categories: await getCategoryComparison(store, '1001'),
      recommendations: await getRecommendations(store, '1001'),
    });
    const first = await ask(t.store);
    const again = await ask(t.store);
    assert.equal(again.bestTimes, first.bestTimes, 'served from memory');
    assert.equal(again.categories, first.categories, 'served from memory');
    const late = makeSnapshot({ streamId: 's1', ts: baseTs + 2 * DAY + 33 * MIN, viewerCount: 5000 });
    const lateChat = makeChatMessage({ streamId: 's3', ts: baseTs + 6 * DAY + 50 * MIN, userId: 'u99' });
    await t.store.write({ snapshots: [late], chatMessages: [lateChat] });
    await t.store.catchUp();
    const after = await ask(t.store);
    assert.notDeepEqual(after.bestTimes, first.bestTimes);
    assert.notDeepEqual(after.categories, first.categories);
    // As a database that had every record from the start answers (late imports and the poll above included).
    await withEveryRecord(
      {
        chatMessages: [makeChatMessage({ streamId: 's1', ts: baseTs + 2 * DAY + 30 * MIN }), lateChat],
        snapshots: [makeSnapshot({ streamId: 's2', ts: baseTs + 4 * DAY + 63 * MIN, viewerCount: 999 }), late],
      },
      async (store) => {
        await store.endStream('live', liveEnd);
        assert.deepEqual(after, await ask(store));
      },
    );
  });

  it('computes an answer once for questions asked side by side; a waiter whose computing question failed computes its own', async () => {
    let computed = 0;
    const count = async (history: HistoryStream[]) => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return history.length;
    };
    const both = await Promise.all([
      answerFromChannelHistory(t.store, '1001', 'side-by-side', {}, count),
      answerFromChannelHistory(t.store, '1001', 'side-by-side', {}, count),
    ]);
    assert.deepEqual(both, [5, 5]);
    assert.equal(computed, 1);
    let started!: () => void;
    const computing = new Promise<void>((resolve) => {
      started = resolve;
    });
    const stopped = answerFromChannelHistory(t.store, '1001', 'stopped', {}, async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('stopped');
    });
    await computing;
    const waiter = answerFromChannelHistory(t.store, '1001', 'stopped', {}, (history) => history.length);
    await assert.rejects(stopped, /stopped/);
    assert.equal(await waiter, 5);
  });
});
