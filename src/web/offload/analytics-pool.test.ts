import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { type AnalyticsFixture, CH, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { generateStreamReport, getChannelRetention } from '../../analytics/index.ts';
import { configSchema } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { silentLogger } from '../../log.ts';
import { type AnalyticsPool, createAnalyticsPool } from './analytics-pool.ts';

describeEachBackend('heavy questions on analytics workers', (backend) => {
  let fx: AnalyticsFixture;
  let pool: AnalyticsPool;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
    const dir = tmpdir();
    const config = Object.freeze(
      configSchema.parse({
        configFile: join(dir, 'none.json'),
        dataDir: dir,
        db: join(dir, 'none.db'),
        ...fx.configFlags,
      }),
    );
    pool = createAnalyticsPool({ config, size: 1, log: silentLogger });
  });
  after(async () => {
    await pool?.close();
    await fx?.close();
  });

  it('answers as the question does on this thread', async () => {
    const [offThread, here] = await Promise.all([
      pool.ask('generateStreamReport', ['s-main']),
      generateStreamReport(fx.store, 's-main'),
    ]);
    assert.deepEqual({ ...offThread, generatedAt: 0 }, { ...here, generatedAt: 0 });
    assert.deepEqual(await pool.ask('getChannelRetention', [CH]), await getChannelRetention(fx.store, CH));
  });

  it('keeps the error code of a question that fails', async () => {
    await assert.rejects(
      pool.ask('generateStreamReport', ['no-such-stream']),
      (error) => error instanceof StreamlensError && error.code === 'NOT_FOUND',
    );
  });

  it('never runs a question whose client went away while it waited', async () => {
    const running = pool.ask('generateStreamReport', ['s-main']);
    const gone = new AbortController();
    const waiting = pool.ask('getChannelRetention', [CH], gone.signal);
    gone.abort();
    await assert.rejects(waiting, { name: 'AbortError' });
    assert.equal((await running).stream.id, 's-main');
  });
});
