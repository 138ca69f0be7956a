// The same records give the same answers on SQLite and PostgreSQL: the simulator's history is written to one store
// of each backend, and every analytics question is asked of both. A difference is a bug in a query or a backend.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  compareStreams,
  findMainChannelId,
  findStream,
  generateStreamReport,
  getBestTimes,
  getCategoryComparison,
  getCategoryCompetition,
  getChannelRetention,
  getChatMinutes,
  getChatQuestions,
  getChatterProfile,
  getEmoteUsage,
  getLatestStream,
  getPeriodTotals,
  getRaidEffects,
  getRecommendations,
  getStreamCommunity,
  getStreamHighlights,
  getStreamSentiment,
  getStreamSummary,
  getStreamTimeline,
  getTimelineWindow,
  getTitleKeywords,
  getViewerChanges,
  getWeeklyTrends,
  listChannels,
  listStreams,
} from '../../src/analytics/index.ts';
import { defaultScenarioPath, generateHistory, historyFacts, loadScenario } from '../../src/sim/index.ts';
import type { Store } from '../../src/store/store.ts';
import { openTestStore, type TestStore } from '../support/open-test-store.ts';
import { skipWithout } from '../support/skip-without.ts';

const skip =
  process.env.TEST_BACKENDS?.includes('postgres') === false ? 'TEST_BACKENDS' : await skipWithout('postgresql');

describe('analytics answers agree on SQLite and PostgreSQL', { skip }, () => {
  const scenario = loadScenario(defaultScenarioPath());
  const { channelId } = historyFacts(scenario);
  let stores: TestStore[] = [];
  let streamIds: string[] = [];
  let logins: string[] = [];

  before(async () => {
    stores = [await openTestStore('sqlite'), await openTestStore('postgres')];
    for (const batch of generateHistory(scenario, { streams: 4, endBefore: Date.UTC(2026, 10, 1) }))
      for (const { store } of stores) await store.write(batch);
    const [sqlite] = stores;
    streamIds = (await listStreams(sqlite!.store, { channelId, sort: 'oldest', limit: 100 })).map((s) => s.id);
    logins = (
      await sqlite!.store.all<{ user_login: string }>(
        'SELECT user_login FROM chatters WHERE channel_id = ? ORDER BY messages DESC, user_login LIMIT 5',
        [channelId],
      )
    ).map((r) => r.user_login);
  });
  after(async () => {
    for (const s of stores) await s.close();
  });

  /** Asks both stores and compares the answers (JSON, as every API and the agent see them). */
  async function agree(question: string, ask: (store: Store) => Promise<unknown>): Promise<void> {
    const [onSqlite, onPostgres] = await Promise.all(stores.map(({ store }) => ask(store)));
    assert.deepEqual(JSON.parse(JSON.stringify(onPostgres)), JSON.parse(JSON.stringify(onSqlite)), question);
  }

  it('has a history to compare', () => {
    assert.ok(streamIds.length >= 4, `${streamIds.length} streams`);
    assert.equal(logins.length, 5);
  });

  it('lookups: channels, streams, prefixes, the latest stream, chatters', async () => {
    await agree('listChannels', (s) => listChannels(s));
    await agree('findMainChannelId', (s) => findMainChannelId(s));
    for (const sort of ['newest', 'oldest', 'avg-viewers', 'peak-viewers', 'duration'] as const)
      await agree(`listStreams sort ${sort}`, (s) => listStreams(s, { sort, limit: 100 }));
    const { gameName } = (await listStreams(stores[0]!.store, { channelId, limit: 1 }))[0]!;
    await agree('listStreams by category, other case', (s) =>
      listStreams(s, { channelId, category: gameName?.toUpperCase() ?? '' }),
    );
    await agree('getLatestStream', (s) => getLatestStream(s, channelId));
    for (const id of streamIds) await agree(`findStream ${id.slice(0, 6)}…`, (s) => findStream(s, id.slice(0, 6)));
    for (const login of logins) {
      await agree(`getChatterProfile ${login}`, (s) => getChatterProfile(s, channelId, login));
      await agree(`getChatterProfile @${login.toUpperCase()}`, (s) =>
        getChatterProfile(s, channelId, `@${login.toUpperCase()}`),
      );
    }
  });

  it('every stream question, stream by stream', async () => {
    for (const id of streamIds) {
      await agree(`getStreamSummary ${id}`, (s) => getStreamSummary(s, id));
      await agree(`getChatMinutes ${id}`, (s) => getChatMinutes(s, id));
      await agree(`getStreamTimeline ${id}`, (s) => getStreamTimeline(s, id));
      await agree(`getStreamHighlights ${id}`, (s) => getStreamHighlights(s, id));
      await agree(`getViewerChanges ${id}`, (s) => getViewerChanges(s, id));
      await agree(`getRaidEffects ${id}`, (s) => getRaidEffects(s, id));
      await agree(`getStreamCommunity ${id}`, (s) => getStreamCommunity(s, id));
      await agree(`getChatQuestions ${id}`, (s) => getChatQuestions(s, id));
      await agree(`getStreamSentiment ${id}`, (s) => getStreamSentiment(s, id));
      await agree(`getEmoteUsage ${id}`, (s) => getEmoteUsage(s, id));
      await agree(`getTimelineWindow ${id}`, (s) => getTimelineWindow(s, id, 30 * 60_000, 60 * 60_000));
      await agree(`generateStreamReport ${id}`, (s) => generateStreamReport(s, id, { now: () => 0 }));
    }
    await agree('compareStreams', (s) => compareStreams(s, streamIds[0]!, streamIds.at(-1)!));
  });

  it('every channel question', async () => {
    await agree('getBestTimes', (s) => getBestTimes(s, channelId, { minStreams: 1 }));
    await agree('getBestTimes UTC+2', (s) => getBestTimes(s, channelId, { minStreams: 1, tzOffsetMinutes: 120 }));
    await agree('getCategoryComparison', (s) => getCategoryComparison(s, channelId));
    await agree('getCategoryCompetition', (s) => getCategoryCompetition(s, channelId));
    await agree('getChannelRetention', (s) => getChannelRetention(s, channelId));
    await agree('getWeeklyTrends', (s) => getWeeklyTrends(s, channelId, { weeks: 8 }));
    await agree('getPeriodTotals', (s) => getPeriodTotals(s, channelId, 0, Date.UTC(2026, 10, 1)));
    await agree('getTitleKeywords', (s) => getTitleKeywords(s, channelId));
    await agree('getRecommendations', (s) => getRecommendations(s, channelId));
  });
});
