// A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text exposition
// format 0.0.4 (`# HELP`/`# TYPE` lines, `_bucket{le=…}`/`_sum`/`_count` for histograms, label values escaped).
// Values that other parts already count (the ingest's totals, reconnects) are read at scrape time by collectors
// registered with `onCollect`, so instrumenting adds nothing to the hot paths but a histogram observation.

export type Labels = Readonly<Record<string, string>>;

/** The Content-Type of the text format. */
export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelPattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface Counter {
  /** Adds `by` (default 1; never negative) to the series of these labels. */
  inc(labels?: Labels, by?: number): void;
  /**
   * Follows a total counted elsewhere: the series grows by what the total grew by; a total that went down (its
   * counter restarted) adds all of it, so the series itself never decreases.
   */
  follow(labels: Labels, total: number): void;
}

export interface Gauge {
  set(labels: Labels, value: number): void;
  /** Forgets every series (before a collector sets the current ones). */
  clear(): void;
}

export interface Histogram {
  /** Records one value (seconds for durations). */
  observe(value: number, labels?: Labels): void;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** Runs before every render, to read current values into gauges and followed counters. */
  onCollect(collect: () => void): void;
  /** Every family in the text format, each ending in a line feed. */
  render(): string;
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  lines(): string[];
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** A new, empty registry. */
export function createMetricsRegistry(): MetricsRegistry {
  const families = new Map<string, Family>();
  const collectors: (() => void)[] = [];

  const add = (family: Family) => {
    if (!namePattern.test(family.name)) throw new Error(`invalid metric name ${family.name}`);
    if (families.has(family.name)) throw new Error(`metric ${family.name} is registered twice`);
    families.set(family.name, family);
  };

  return {
    counter(name, help) {
      const series = new Map<string, { labels: Labels; value: number }>();
      const followed = new Map<string, number>();
      const entry = (labels: Labels) => {
        const key = toKey(labels);
        const known = series.get(key);
        if (known) return known;
        const created = { labels, value: 0 };
        series.set(key, created);
        return created;
      };
      add({
        name,
        help,
        type: 'counter',
        lines: () => [...series.values()].map((s) => `${name}${formatLabels(s.labels)} ${formatValue(s.value)}`),
      });
      return {
        inc(labels = {}, by = 1) {
          if (by < 0) throw new Error(`counter ${name} cannot decrease`);
          entry(labels).value += by;
        },
        follow(labels, total) {
          const key = toKey(labels);
          const last = followed.get(key) ?? 0;
          entry(labels).value += total >= last ? total - last : total;
          followed.set(key, total);
        },
      };
    },

    gauge(name, help) {
      const series = new Map<string, { labels: Labels; value: number }>();
      add({
        name,
        help,
        type: 'gauge',
        lines: () => [...series.values()].map((s) => `${name}${formatLabels(s.labels)} ${formatValue(s.value)}`),
      });
      return {
        set: (labels, value) => void series.set(toKey(labels), { labels, value }),
        clear: () => series.clear(),
      };
    },

    histogram(name, help, buckets) {
      const bounds = [...buckets].sort((a, b) => a - b);
      const series = new Map<string, HistogramSeries>();
      add({
        name,
        help,
        type: 'histogram',
        lines: () =>
          [...series.values()].flatMap((s) => {
            let cumulative = 0;
            const out = bounds.map((bound, i) => {
              cumulative += s.counts[i]!;
              return `${name}_bucket${formatLabels({ ...s.labels, le: formatValue(bound) })} ${cumulative}`;
            });
            out.push(`${name}_bucket${formatLabels({ ...s.labels, le: '+Inf' })} ${s.count}`);
            out.push(`${name}_sum${formatLabels(s.labels)} ${formatValue(s.sum)}`);
            out.push(`${name}_count${formatLabels(s.labels)} ${s.count}`);
            return out;
          }),
      });
      return {
        observe(value, labels = {}) {
          const key = toKey(labels);
          const s = series.get(key) ?? { labels, counts: bounds.map(() => 0), sum: 0, count: 0 };
          series.set(key, s);
          const i = bounds.findIndex((bound) => value <= bound);
          if (i >= 0) s.counts[i]!++;
          s.sum += value;
          s.count++;
        },
      };
    },

    onCollect(collect) {
      collectors.push(collect);
    },

    render() {
      for (const collect of collectors) collect();
      const out: string[] = [];
      for (const family of families.values()) {
        out.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
        out.push(...family.lines());
      }
      return `${out.join('\n')}\n`;
    },
  };
}

function toKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  for (const [key] of entries) if (!labelPattern.test(key)) throw new Error(`invalid label name ${key}`);
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Help text escapes backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
