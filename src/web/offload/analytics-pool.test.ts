import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import {
  type AnalyticsFixture,
  CH,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import { toTestConfig } from '../../../test/support/open-test-store.ts';
import { generateStreamReport, getChannelRetention } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { silentLogger } from '../../log.ts';
import { type AnalyticsPool, createAnalyticsPool } from './analytics-pool.ts';
import { askHeavyQuestion } from './ask-heavy-question.ts';

describeEachBackend('heavy questions on analytics workers', (backend) => {
  let fx: AnalyticsFixture;
  let pool: AnalyticsPool;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
    const config = toTestConfig(fx);
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

  it('leaves no listener on the signal of a request once its questions are answered', async () => {
    // A report asks many questions under its request's one signal: listeners left behind would pile up (Node
    // warns at 11) and keep every answered question's closures alive until the request ends.
    const request = new AbortController();
    for (let i = 0; i < 12; i++) await pool.ask('getChannelRetention', [CH], request.signal);
    await assert.rejects(pool.ask('generateStreamReport', ['no-such-stream'], request.signal));
    assert.equal(getEventListeners(request.signal, 'abort').length, 0);
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

  it('stops a question already running when its client goes away, and is free for the next one', async () => {
    const gone = new AbortController();
    const running = pool.ask('generateStreamReport', ['s-main'], gone.signal);
    gone.abort();
    // Rejected when the worker has stopped it (at a read, without building the report), not when the client left.
    await assert.rejects(running, (error: Error) => error.name === 'AbortError' && /was stopped/.test(error.message));
    assert.deepEqual(await pool.ask('getChannelRetention', [CH]), await getChannelRetention(fx.store, CH));
  });

  /** One worker answering two questions at once, closed after `use`. */
  async function withTwoLanes(use: (pool: ReturnType<typeof createAnalyticsPool>) => Promise<void>): Promise<void> {
    const pool = createAnalyticsPool({ config: toTestConfig(fx), size: 1, questionsPerWorker: 2, log: silentLogger });
    try {
      await use(pool);
    } finally {
      await pool.close();
    }
  }

  it('with two questions per worker, runs a second question beside a running one', async () => {
    await withTwoLanes(async (twoLanes) => {
      const running = twoLanes.ask('generateStreamReport', ['s-main']);
      const gone = new AbortController();
      const beside = twoLanes.ask('getChannelRetention', [CH], gone.signal);
      gone.abort();
      // Stopped by the worker at a read (it was running), not answered as gone while it waited.
      await assert.rejects(beside, (error: Error) => error.name === 'AbortError' && /was stopped/.test(error.message));
      assert.equal((await running).stream.id, 's-main');
      const [report, retention] = await Promise.all([
        twoLanes.ask('generateStreamReport', ['s-main']),
        twoLanes.ask('getChannelRetention', [CH]),
      ]);
      assert.deepEqual(
        { ...report, generatedAt: 0 },
        { ...(await generateStreamReport(fx.store, 's-main')), generatedAt: 0 },
      );
      assert.deepEqual(retention, await getChannelRetention(fx.store, CH));
    });
  });

  it('runs an identical question once at a time: asked again while it runs, it waits (later askers join it)', async () => {
    await withTwoLanes(async (twoLanes) => {
      const first = twoLanes.ask('getChannelRetention', [CH]);
      const gone = new AbortController();
      const again = twoLanes.ask('getChannelRetention', [CH], gone.signal);
      gone.abort();
      // Gone while it waited (a free lane did not take it beside the running one).
      await assert.rejects(
        again,
        (error: Error) => error.name === 'AbortError' && /before its question was answered/.test(error.message),
      );
      const [a, b, c] = await Promise.all([
        first,
        twoLanes.ask('getChannelRetention', [CH]),
        twoLanes.ask('getChannelRetention', [CH]),
      ]);
      assert.deepEqual([b, c], [a, a]);
    });
  });

  it('answers a question asked again while the same one waits once, for both askers', async () => {
    const other = await fx.store.get<{ id: string }>(
      "SELECT id FROM streams WHERE ended_at IS NOT NULL AND id <> 's-main' ORDER BY id LIMIT 1",
    );
    assert.ok(other);
    const busy = pool.ask('generateStreamReport', ['s-main']);
    // Run one after the other, the second would find the first's rollup kept and build none.
    const [first, second] = await Promise.all([
      pool.ask('refreshStreamRollups', [[other.id]]),
      pool.ask('refreshStreamRollups', [[other.id]]),
      busy,
    ]);
    assert.deepEqual([first, second], [1, 1]);
    assert.equal(await pool.ask('refreshStreamRollups', [[other.id]]), 0);
  });

  it('an asker going away leaves the same question waiting for another', async () => {
    const busy = pool.ask('generateStreamReport', ['s-main']);
    const gone = new AbortController();
    const left = pool.ask('getChannelRetention', [CH], gone.signal);
    const stays = pool.ask('getChannelRetention', [CH]);
    gone.abort();
    await assert.rejects(left, { name: 'AbortError' });
    assert.deepEqual(await stays, await getChannelRetention(fx.store, CH));
    await busy;
  });

  it('searches chat stored moments before, its index brought up to date by the serving store first', async () => {
    // A bulk load leaves the message's search entry pending until a catch-up: the worker's connection only reads.
    const message = makeChatMessage({ channelId: CH, streamId: 's-main', ts: mainStart + 5, text: 'zanzibar quokka' });
    await fx.store.write({ chatMessages: [message] }, { bulkLoad: true });
    const hits = await askHeavyQuestion({ store: fx.store, analytics: pool }, 'getChatMatches', [
      'quokka zanzibar',
      { limit: 10 },
    ]);
    assert.deepEqual(
      hits.map((h) => h.id),
      [message.id],
    );
  });
});
