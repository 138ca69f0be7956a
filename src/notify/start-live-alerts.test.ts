// Live alerts from analytics' signals, on both backends: a category change followed by a viewer drop of more
// than the set percentage alerts once (the cooldown holds back a second one), with the numbers and the change.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { makeChannel, makeChannelEvent, makeSnapshot, makeStream } from '../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../test/support/open-test-store.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { configSchema } from '../config.ts';
import { createIngest } from '../ingest/create-ingest.ts';
import type { Ingest } from '../ingest/ingest.ts';
import { silentLogger } from '../log.ts';
import type { Notification } from './notification.ts';
import { startLiveAlerts } from './start-live-alerts.ts';

const MIN = 60_000;
const start = Date.UTC(2026, 9, 6, 18, 0, 0);

describeEachBackend('live alerts', (backend) => {
  let db: TestStore;
  let ingest: Ingest;
  before(async () => {
    db = await openTestStore(backend);
    await db.store.write({
      channels: [makeChannel({ id: '1001', login: 'smallstreamer', displayName: 'SmallStreamer' })],
      streams: [makeStream({ id: 'live-1', channelId: '1001', startedAt: start, endedAt: null, title: 'Chill' })],
      snapshots: Array.from({ length: 30 }, (_, m) =>
        makeSnapshot({ channelId: '1001', streamId: 'live-1', ts: start + m * MIN, viewerCount: m < 22 ? 100 : 60 }),
      ),
      channelEvents: [
        makeChannelEvent({
          channelId: '1001',
          streamId: 'live-1',
          ts: start + 20 * MIN,
          type: 'stream.change',
          userLogin: null,
          data: { gameName: 'Chess', previousGameName: 'Just Chatting' },
        }),
      ],
    });
    ingest = await createIngest({
      store: db.store,
      log: silentLogger,
      batchSize: 100,
      flushIntervalMs: 0,
      maxRetries: 0,
    });
  });
  after(async () => {
    await ingest.stop();
    await db.close();
  });

  it('viewers falling 40% after a category change: one alert with the numbers, then the cooldown', async () => {
    const sent: Notification[] = [];
    const config = configSchema.pick({ notifications: true }).parse({
      notifications: {
        targets: [{ url: 'https://example.net/hook', kind: 'json', events: ['viewers-falling'] }],
        viewersFallingPct: 25,
      },
    });
    const alerts = startLiveAlerts({
      store: db.store,
      ingest,
      notify: async (n) => void sent.push(n),
      config,
      log: silentLogger,
      publicUrl: () => 'http://streamlens.local:7420',
      // 60 s of checks at this speed run every 500 ms.
      clock: { now: () => start + 30 * MIN, speed: 1000 },
    });
    try {
      await waitFor(() => sent.length > 0, { what: 'the viewers-falling alert' });
      await new Promise((r) => setTimeout(r, 1200)); // two more checks: the cooldown holds
      assert.equal(sent.length, 1);
      const [alert] = sent;
      assert.equal(alert?.event, 'viewers-falling');
      assert.equal(alert?.title, 'smallstreamer: viewers down 40% since the category change');
      assert.match(
        alert?.text ?? '',
        /^100 → 60 viewers by 22:00 into the stream, after category Just Chatting → Chess \(2 min before\)\.$/,
      );
      assert.equal(alert?.url, 'http://streamlens.local:7420/streams/live-1');
    } finally {
      await alerts.stop();
    }
  });
});
