import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrometheusText } from '../../test/support/parse-prometheus-text.ts';
import { createMetricsRegistry } from './metrics-registry.ts';

describe('createMetricsRegistry', () => {
  it('renders counters, gauges and histograms as text format 0.0.4 a strict parser reads back', () => {
    const registry = createMetricsRegistry();
    const dropped = registry.counter('demo_dropped_total', 'Dropped records,\nby reason \\ kind.');
    const depth = registry.gauge('demo_depth', 'Depth.');
    const lag = registry.histogram('demo_lag_seconds', 'Lag.', [0.1, 1, 0.5]);
    dropped.inc({ reason: 'message: "empty" text\\n\nsecond line' });
    dropped.inc({ reason: 'message: "empty" text\\n\nsecond line' }, 2);
    dropped.inc({ reason: 'other' });
    depth.set({}, 7);
    for (const v of [0.05, 0.3, 0.3, 2, 0.5]) lag.observe(v, { stage: 'write' });

    const families = parsePrometheusText(registry.render());
    const counter = families.get('demo_dropped_total')!;
    assert.equal(counter.type, 'counter');
    assert.equal(counter.help, 'Dropped records,\nby reason \\ kind.');
    assert.deepEqual(
      counter.samples.map((s) => [s.labels.reason, s.value]),
      [
        ['message: "empty" text\\n\nsecond line', 3],
        ['other', 1],
      ],
    );
    assert.equal(families.get('demo_depth')?.samples[0]?.value, 7);
    const buckets = families
      .get('demo_lag_seconds')!
      .samples.filter((s) => s.name.endsWith('_bucket'))
      .map((s) => [s.labels.le, s.value]);
    assert.deepEqual(buckets, [
      ['0.1', 1],
      ['0.5', 4],
      ['1', 4],
      ['+Inf', 5],
    ]);
    const sum = families.get('demo_lag_seconds')!.samples.find((s) => s.name === 'demo_lag_seconds_sum');
    assert.ok(Math.abs((sum?.value ?? 0) - 3.15) < 1e-9);
  });

  it('a followed total never goes down: a restarted source adds its new count', () => {
    const registry = createMetricsRegistry();
    const reconnects = registry.counter('demo_reconnects_total', 'Reconnects.');
    let total = 0;
    registry.onCollect(() => reconnects.follow({ connection: 'eventsub' }, total));
    const read = () => parsePrometheusText(registry.render()).get('demo_reconnects_total')!.samples[0]!.value;
    total = 3;
    assert.equal(read(), 3);
    total = 5;
    assert.equal(read(), 5);
    total = 1; // the listener restarted and counts from zero again
    assert.equal(read(), 6);
  });

  it('refuses names Prometheus would reject, and a counter going down', () => {
    const registry = createMetricsRegistry();
    assert.throws(() => registry.counter('bad-name', 'x'), /invalid metric name/);
    const c = registry.counter('ok_total', 'x');
    assert.throws(() => c.inc({}, -1), /cannot decrease/);
    c.inc({ 'bad-label': 'x' });
    assert.throws(() => registry.render(), /invalid label name/);
  });

  it('the strict parser itself rejects what a scraper would', () => {
    assert.throws(() => parsePrometheusText('a_total 1'), /line feed/);
    assert.throws(() => parsePrometheusText('# TYPE a counter\na{x="\\t"} 1\n'), /unknown escape/);
    assert.throws(() => parsePrometheusText('# TYPE a gauge\na one\n'), /not a float/);
    assert.throws(() => parsePrometheusText('# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="y"} 2\n'), /continues/);
    assert.throws(
      () => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'),
      /not cumulative/,
    );
    assert.throws(() => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'), /\+Inf/);
    assert.throws(() => parsePrometheusText('# TYPE a counter\na -1\n'), /negative/);
  });
});
