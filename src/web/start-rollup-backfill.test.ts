import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, openAnalyticsFixture } from '../../test/support/open-analytics-fixture.ts';
import { toTestConfig } from '../../test/support/open-test-store.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { silentLogger } from '../log.ts';
import { type AnalyticsPool, createAnalyticsPool } from './offload/analytics-pool.ts';
import { startRollupBackfill } from './start-rollup-backfill.ts';

describeEachBackend('rollup backfill at start-up', (backend) => {
  let fx: AnalyticsFixture;
  let pool: AnalyticsPool;
  let minConfidence: number;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
    const config = toTestConfig(fx);
    minConfidence = config.transcription.minConfidence;
    pool = createAnalyticsPool({ config, size: 1, log: silentLogger });
  });
  after(async () => {
    await pool?.close();
    await fx?.close();
  });

  const count = async (sql: string) => Number((await fx.store.get<{ n: number }>(sql))?.n ?? 0);

  it("keeps every finished stream's rollup and each channel's whole-history rollups", async () => {
    const finished = await count('SELECT COUNT(*) AS n FROM streams WHERE ended_at IS NOT NULL');
    assert.ok(finished > 1);
    // The planted history is written without either (as a database from before rollups, or an import).
    assert.equal(await count('SELECT COUNT(*) AS n FROM history_rollups'), 0);
    const backfill = startRollupBackfill({ store: fx.store, analytics: pool, minConfidence, log: silentLogger });
    try {
      await waitFor(async () => (await count('SELECT COUNT(*) AS n FROM history_rollups')) === finished, {
        what: 'a history rollup for each finished stream',
        timeoutMs: 60_000,
      });
      assert.equal(await count('SELECT COUNT(DISTINCT stream_id) AS n FROM stream_rollups'), finished);
    } finally {
      await backfill.stop();
    }
  });
});
