import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import {
  type AnalyticsFixture,
  CH,
  MIN,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import type { Store } from '../../store/store.ts';
import { computeChatQuestions, getChatQuestions } from '../chat/get-chat-questions.ts';
import { computeStreamHighlights, getStreamHighlights } from '../chat/get-stream-highlights.ts';
import {
  completeStreamCommunity,
  computeStreamCommunityBase,
  getStreamCommunity,
} from '../community/get-stream-community.ts';
import { generateStreamReport } from '../report/generate-stream-report.ts';
import { computeViewerChanges, getViewerChanges } from '../timeline/get-viewer-changes.ts';
import { computeStreamRollup } from './compute-stream-rollup.ts';
import { findStaleStreamRollups, refreshStreamRollups } from './get-stream-rollup.ts';

/** As an answer reaches a client (JSON), so a kept answer and a computed one compare field by field. */
const asSent = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The store, counting the reads of a stream's chat: an answer served from a rollup reads none. */
function countingChatReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === 'all' || key === 'get')
        return (sql: string, params?: readonly unknown[]) => {
          // The report's category comparison (a whole-history question, not the stream's) counts chat per segment.
          if (/FROM chat_messages/.test(sql) && !sql.startsWith('SELECT COUNT(*) AS n FROM chat_messages')) reads++;
          return (value as Store['all']).call(target, sql, params);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
}

/** Every per-stream section as computed from the records now, never from a rollup. */
async function computeFresh(store: Store, streamId: string) {
  const community = await computeStreamCommunityBase(store, streamId);
  assert.ok(community && 'newCandidates' in community);
  return asSent({
    highlights: await computeStreamHighlights(store, streamId, { limit: 10 }),
    questions: await computeChatQuestions(store, streamId),
    community: await completeStreamCommunity(store, community),
    viewerChanges: await computeViewerChanges(store, streamId),
    sections: (await computeStreamRollup(store, streamId))!.report,
  });
}

/** The same sections as served (from the rollup when it is up to date). */
async function served(store: Store, streamId: string) {
  const report = await generateStreamReport(store, streamId, { now: () => 0 });
  return asSent({
    highlights: await getStreamHighlights(store, streamId, { limit: 10 }),
    questions: await getChatQuestions(store, streamId),
    community: await getStreamCommunity(store, streamId),
    viewerChanges: await getViewerChanges(store, streamId),
    report,
  });
}

describeEachBackend('stream rollups', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx?.close());

  it('keeps a finished stream once and serves its sections from it, equal to computing them', async () => {
    assert.equal(await refreshStreamRollups(fx.store, ['s-main']), 1);
    // Up to date: checking again builds nothing.
    assert.equal(await refreshStreamRollups(fx.store, ['s-main']), 0);
    const parts = await fx.store.all<{ part: string }>(
      'SELECT part FROM stream_rollups WHERE stream_id = ? ORDER BY part',
      ['s-main'],
    );
    assert.deepEqual(
      parts.map((p) => p.part),
      ['community', 'figures', 'highlights', 'questions', 'report'],
    );
    const counting = countingChatReads(fx.store);
    const answer = await served(counting.store, 's-main');
    assert.equal(counting.reads(), 0, 'served without reading the chat');
    const fresh = await computeFresh(fx.store, 's-main');
    assert.deepEqual(answer.highlights, fresh.highlights);
    assert.deepEqual(answer.questions, fresh.questions);
    assert.deepEqual(answer.community, fresh.community);
    assert.deepEqual(answer.viewerChanges, fresh.viewerChanges);
    assert.ok(fresh.viewerChanges && 'changes' in fresh.viewerChanges && fresh.viewerChanges.changes.length > 0);
    assert.deepEqual(answer.report.questions, fresh.questions);
    assert.deepEqual(answer.report.community, fresh.community);
    assert.ok(fresh.highlights && 'highlights' in fresh.highlights);
    assert.deepEqual(answer.report.highlights, {
      ...fresh.highlights,
      highlights: fresh.highlights.highlights.slice(0, 5),
    });
    const { viewerChanges, raids, emotes, sentiment, chart, chartEvents, engagement } = answer.report;
    assert.deepEqual({ viewerChanges, raids, emotes, sentiment, chart, chartEvents, engagement }, fresh.sections);
    assert.ok('questions' in answer.questions! && answer.questions.questions.length > 0, 'the fixture asks questions');
  });

  it("serves a finished stream's viewer changes from its rollup without reading its viewer polls", async () => {
    await refreshStreamRollups(fx.store, ['s-main']);
    let pollReads = 0;
    const counted = new Proxy(fx.store, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key === 'all' || key === 'get')
          return (sql: string, params?: readonly unknown[]) => {
            if (/SELECT ts, viewer_count FROM stream_snapshots/.test(sql)) pollReads++;
            return (value as Store['all']).call(target, sql, params);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    assert.deepEqual(
      asSent(await getViewerChanges(counted, 's-main')),
      asSent(await computeViewerChanges(fx.store, 's-main')),
    );
    assert.equal(pollReads, 0);
  });

  it('a late import into the finished stream changes what its rollup serves', async () => {
    await refreshStreamRollups(fx.store, ['s-main']);
    assert.deepEqual(await findStaleStreamRollups(fx.store, ['s-main']), []);
    const before = await served(fx.store, 's-main');
    const beforeQuestions = 'questions' in before.questions! ? before.questions.questions.length : 0;
    // Chat of the stream imported later: a newcomer's question and a burst of laughter at minute 90.
    await fx.store.write({
      chatMessages: [
        makeChatMessage({
          id: 'late-q',
          channelId: CH,
          streamId: 's-main',
          ts: mainStart + 90 * MIN,
          userId: '777001',
          userLogin: 'latecomer',
          text: 'what keyboard do you use?',
        }),
        ...Array.from({ length: 40 }, (_, i) =>
          makeChatMessage({
            id: `late-${i}`,
            channelId: CH,
            streamId: 's-main',
            ts: mainStart + 95 * MIN + i * 500,
            userId: `7770${10 + (i % 8)}`,
            userLogin: `late${i % 8}`,
            text: 'KEKW KEKW',
          }),
        ),
      ],
    });
    assert.deepEqual(await findStaleStreamRollups(fx.store, ['s-main']), ['s-main'], 'the check in bulk sees it');
    const counting = countingChatReads(fx.store);
    const afterImport = await served(counting.store, 's-main');
    assert.ok(counting.reads() > 0, 'the stale rollup was built again from the chat');
    assert.ok('questions' in afterImport.questions!);
    assert.equal(afterImport.questions.questions.length, beforeQuestions + 1);
    assert.ok(afterImport.questions.questions.some((q) => q.userLogin === 'latecomer'));
    assert.equal(
      afterImport.report.summary.figures.chatMessages.value,
      before.report.summary.figures.chatMessages.value! + 41,
    );
    assert.ok('firstTimers' in afterImport.community! && 'firstTimers' in before.community!);
    assert.ok(afterImport.community.chatters > before.community.chatters);
    const fresh = await computeFresh(fx.store, 's-main');
    assert.deepEqual(afterImport.questions, fresh.questions);
    assert.deepEqual(afterImport.community, fresh.community);
    assert.deepEqual(afterImport.highlights, fresh.highlights);
    assert.deepEqual(afterImport.report.questions, fresh.questions);
    // And kept: the next answer reads no chat.
    const again = countingChatReads(fx.store);
    await served(again.store, 's-main');
    assert.equal(again.reads(), 0);
  });
});
