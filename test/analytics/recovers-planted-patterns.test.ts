// The simulator's history plants known patterns (a better category and slot, an ad break followed by a drop,
// a hype moment, regulars and first-timers); every analytics question must find them in the stored data.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
  getBestTimes,
  getCategoryComparison,
  getChannelRetention,
  getStreamHighlights,
  getViewerChanges,
  type NoData,
} from '../../src/analytics/index.ts';
import {
  defaultScenarioPath,
  generateHistory,
  type HistoryFacts,
  historyFacts,
  loadScenario,
} from '../../src/sim/index.ts';
import type { Store } from '../../src/store/store.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import { openTestStore, type TestStore } from '../support/open-test-store.ts';

const isNoData = (value: unknown): value is NoData =>
  typeof value === 'object' && value !== null && (value as { status?: string }).status === 'no-data';

describeEachBackend('analytics recovers what the simulator planted', (backend) => {
  let testStore: TestStore;
  let store: Store;
  let facts: HistoryFacts;
  let streamIds: string[];

  before(async () => {
    const scenario = loadScenario(defaultScenarioPath());
    facts = historyFacts(scenario);
    testStore = await openTestStore(backend);
    store = testStore.store;
    for (const batch of generateHistory(scenario, { streams: 16, endBefore: Date.UTC(2026, 10, 1) }))
      await store.write(batch);
    streamIds = (
      await store.all<{ id: string }>('SELECT id FROM streams WHERE channel_id = ? ORDER BY started_at', [
        facts.channelId,
      ])
    ).map((r) => r.id);
  });
  after(() => testStore.close());

  it('the better category comes first', async () => {
    const result = await getCategoryComparison(store, facts.channelId);
    assert.ok(!isNoData(result));
    const ranked = [...result.categories].sort((a, b) => (b.avgViewers ?? 0) - (a.avgViewers ?? 0));
    assert.equal(ranked[0]?.gameName, facts.bestCategory.name);
    const byFollows = [...result.categories].sort((a, b) => b.followsPerHour - a.followsPerHour);
    assert.equal(byFollows[0]?.gameName, facts.bestCategory.name);
  });

  it('the better weekday and hour is the best slot', async () => {
    const result = await getBestTimes(store, facts.channelId, { tzOffsetMinutes: 0, minStreams: 1 });
    assert.ok(!isNoData(result));
    assert.equal(result.best[0]?.day, facts.bestSlot.weekday);
    assert.equal(result.best[0]?.hour, facts.bestSlot.hourUtc);
  });

  it('the hype moment is the top highlight of each stream, with its emote', async () => {
    for (const id of streamIds.slice(-4)) {
      const result = await getStreamHighlights(store, id);
      assert.ok(result && !isNoData(result), `highlights of ${id}`);
      const top = result.highlights[0];
      assert.ok(top, `a highlight in ${id}`);
      assert.ok(
        Math.abs(top.offsetMs - facts.hypeMinute * 60_000) <= 2 * 60_000,
        `hype at ${top.offsetLabel} in ${id}`,
      );
      assert.ok(JSON.stringify(top).includes(facts.hypeEmote));
    }
  });

  it('the drop after the ad break is found and explained by it', async () => {
    let explained = 0;
    for (const id of streamIds.slice(-6)) {
      const result = await getViewerChanges(store, id);
      assert.ok(result && !isNoData(result));
      const drop = result.changes.find(
        (c) => c.direction === 'drop' && Math.abs(c.offsetMs - facts.adBreakMinute * 60_000) <= 5 * 60_000,
      );
      if (drop?.causes.some((c) => c.kind === 'ad-break')) explained++;
    }
    assert.ok(explained >= 4, `the ad break explained a drop in ${explained} of 6 streams`);
  });

  it('regulars return and some first-timers come back', async () => {
    const result = await getChannelRetention(store, facts.channelId);
    assert.ok(!isNoData(result));
    const later = result.streams.slice(4);
    assert.ok(
      later.every((s) => s.returningChatters >= facts.regularChatters / 2),
      'regulars come back',
    );
    assert.ok(
      result.streams.some((s) => s.newChattersReturned > 0),
      'some first-timers come back',
    );
  });
});
