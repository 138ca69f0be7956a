// Prometheus /metrics of a collecting process: `collect` has no web server, so the app serves /metrics on
// metrics.port. A scenario with a chat drop runs through the real simulator; the scrape parses as strict text
// format 0.0.4, its totals match the ingest's own, both latency histograms observed every write, the chat
// reconnect is counted, and with a token configured nothing is served without it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MetricFamily, parsePrometheusText } from '../support/parse-prometheus-text.ts';
import { makeBusyChannel, startCollectedRun } from '../support/start-collected-run.ts';

const token = 'scrape-token-0123456789abcdef';

const sampleValue = (families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}) =>
  families
    .get(name.replace(/_(bucket|sum|count)$/, ''))
    ?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

test('collect serves /metrics on metrics.port: strict Prometheus text with ingest, lag, writes and reconnects', async () => {
  const run = await startCollectedRun(
    {
      seed: 21,
      channels: [makeBusyChannel('alpha', '1001', { at: '1m', duration: '2m' })],
      faults: [{ at: '2m', type: 'irc-drop' }],
    },
    { speed: 20, flags: { 'metrics.port': 0, 'metrics.token': token } },
  );
  try {
    await run.runToEnd();
    const url = run.app.metricsUrl;
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    const refused = await fetch(url!);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('www-authenticate'), 'Bearer realm="streamlens"');
    assert.equal((await fetch(url!, { headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).status, 401);

    const response = await fetch(url!, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const families = parsePrometheusText(text);

    const stats = run.app.ingest.stats();
    assert.ok((stats.stored.message ?? 0) > 0, `the scenario chatted: ${JSON.stringify(stats)}`);
    for (const [kind, n] of Object.entries(stats.stored))
      assert.equal(sampleValue(families, 'streamlens_ingest_records_stored_total', { kind }), n, kind);
    for (const family of families.values())
      if (family.type === 'counter') assert.match(family.name, /_total$/, `counter ${family.name} ends in _total`);

    const lagCount = sampleValue(families, 'streamlens_ingest_lag_seconds_count') ?? 0;
    const stored = Object.values(stats.stored).reduce((a, b) => a + b, 0);
    assert.ok(lagCount >= stats.stored.message!, `lag observed for every stored message (${lagCount})`);
    assert.ok(lagCount <= stored + stats.duplicates, 'lag observed only for records that were pushed');
    assert.ok((sampleValue(families, 'streamlens_store_write_duration_seconds_count', { result: 'ok' }) ?? 0) > 0);
    assert.ok((sampleValue(families, 'streamlens_twitch_reconnects_total', { connection: 'chat' }) ?? 0) >= 1);
    assert.equal(sampleValue(families, 'streamlens_ingest_buffered_records'), stats.pending);
    assert.equal(sampleValue(families, 'streamlens_ingest_writes_failing'), stats.writes.failing ? 1 : 0);
    assert.equal(sampleValue(families, 'streamlens_ingest_writes_waiting_records'), stats.writes.waiting);
    assert.equal(sampleValue(families, 'streamlens_ingest_journal_bytes'), stats.writes.journalBytes);
    assert.equal(sampleValue(families, 'streamlens_ingest_sources_paused'), stats.writes.paused ? 1 : 0);
    assert.ok((sampleValue(families, 'streamlens_process_start_time_seconds') ?? 0) > 1_600_000_000);
  } finally {
    await run.stop();
  }
});
