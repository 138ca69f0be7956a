// A strict parser of the Prometheus text exposition format 0.0.4, for tests: it throws, naming the line, on
// anything a scraper would reject or misread — a bad metric or label name, an unknown escape, a value that is
// not a float, a sample before its family's TYPE, a family split in two, a series given twice, HELP/TYPE given
// twice, histogram buckets that are not cumulative or lack `+Inf`, `_count` differing from the `+Inf` bucket,
// a negative counter, no final line feed.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string | undefined;
  samples: Sample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const floatValue = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]?Inf|NaN)$/;
const types = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** The families of an exposition, by name; throws on the first violation. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the last line must end with a line feed');
  const families = new Map<string, MetricFamily>();
  const finished = new Set<string>();
  const seenSeries = new Set<string>();
  let current: string | undefined;

  const familyOf = (sampleName: string): MetricFamily | undefined => {
    for (const suffix of ['_bucket', '_sum', '_count', '']) {
      if (!sampleName.endsWith(suffix)) continue;
      const f = families.get(sampleName.slice(0, sampleName.length - suffix.length));
      if (f && (suffix === '' || f.type === 'histogram' || f.type === 'summary')) return f;
    }
    return undefined;
  };
  const enter = (name: string, line: number) => {
    if (current === name) return;
    if (current) finished.add(current);
    if (finished.has(name)) throw new Error(`line ${line}: ${name} continues after another family began`);
    current = name;
  };

  text.split('\n').forEach((raw, index) => {
    const n = index + 1;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!m) return; // another comment
      const [, keyword, name, rest = ''] = m as unknown as [string, string, string, string | undefined];
      if (!new RegExp(`${metricName.source}$`).test(name)) throw new Error(`line ${n}: bad metric name ${name}`);
      enter(name, n);
      const family = families.get(name) ?? { name, type: 'untyped' as MetricType, help: undefined, samples: [] };
      if (keyword === 'HELP') {
        if (family.help !== undefined) throw new Error(`line ${n}: second HELP for ${name}`);
        family.help = unescapeHelp(rest, false, n);
      } else {
        if (families.has(name) && (family.type !== 'untyped' || family.samples.length > 0))
          throw new Error(`line ${n}: TYPE for ${name} after its samples or a second TYPE`);
        if (!types.has(rest.trim() as MetricType)) throw new Error(`line ${n}: unknown type "${rest}"`);
        family.type = rest.trim() as MetricType;
      }
      families.set(name, family);
      return;
    }
    const sample = parseSample(line, n);
    const family = familyOf(sample.name);
    if (!family) {
      if (families.has(sample.name)) throw new Error(`line ${n}: unexpected`);
      enter(sample.name, n);
      families.set(sample.name, { name: sample.name, type: 'untyped', help: undefined, samples: [sample] });
    } else {
      enter(family.name, n);
      family.samples.push(sample);
    }
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seenSeries.has(key)) throw new Error(`line ${n}: the series ${sample.name} is given twice`);
    seenSeries.add(key);
  });

  for (const family of families.values()) {
    if (family.type === 'counter')
      for (const s of family.samples)
        if (!(s.value >= 0)) throw new Error(`counter ${s.name} has a negative or NaN value ${s.value}`);
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

function parseSample(line: string, n: number): Sample {
  const nameMatch = metricName.exec(line);
  if (!nameMatch) throw new Error(`line ${n}: no metric name in "${line}"`);
  const name = nameMatch[0];
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith('}')) {
        rest = rest.slice(1);
        break;
      }
      const label = labelName.exec(rest);
      if (!label) throw new Error(`line ${n}: bad label name at "${rest}"`);
      rest = rest.slice(label[0].length).trimStart();
      if (!rest.startsWith('="')) throw new Error(`line ${n}: expected =" after ${label[0]}`);
      rest = rest.slice(2);
      let value = '';
      for (let i = 0; ; i++) {
        const c = rest[i];
        if (c === undefined) throw new Error(`line ${n}: unterminated label value`);
        if (c === '\\') {
          const next = rest[++i];
          if (next === '\\' || next === '"') value += next;
          else if (next === 'n') value += '\n';
          else throw new Error(`line ${n}: unknown escape \\${next} in a label value`);
        } else if (c === '"') {
          rest = rest.slice(i + 1);
          break;
        } else value += c;
      }
      if (label[0] in labels) throw new Error(`line ${n}: label ${label[0]} given twice`);
      labels[label[0]] = value;
      rest = rest.trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new Error(`line ${n}: expected , or } at "${rest}"`);
    }
  }
  const parts = rest.trim().split(/\s+/);
  if (!/^\s/.test(rest) || parts.length < 1 || parts.length > 2)
    throw new Error(`line ${n}: expected "value [timestamp]" in "${line}"`);
  const [valueText, timestamp] = parts as [string, string | undefined];
  if (!floatValue.test(valueText)) throw new Error(`line ${n}: "${valueText}" is not a float`);
  if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) throw new Error(`line ${n}: bad timestamp`);
  const value = valueText.endsWith('Inf')
    ? valueText.startsWith('-')
      ? Number.NEGATIVE_INFINITY
      : Number.POSITIVE_INFINITY
    : Number(valueText);
  return { name, labels, value };
}

function unescapeHelp(text: string, quotes: boolean, n: number): string {
  return text.replace(/\\(.)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    if (quotes && c === '"') return '"';
    throw new Error(`line ${n}: unknown escape \\${c} in HELP`);
  });
}

function checkHistogram(family: MetricFamily): void {
  const bySeries = new Map<string, { buckets: [number, number][]; sum?: number; count?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const series = bySeries.get(key) ?? { buckets: [] };
    bySeries.set(key, series);
    if (s.name === `${family.name}_bucket`) {
      if (le === undefined) throw new Error(`${s.name} without an le label`);
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      if (!floatValue.test(le) || Number.isNaN(bound)) throw new Error(`${s.name}: le="${le}" is not a float`);
      series.buckets.push([bound, s.value]);
    } else if (s.name === `${family.name}_sum`) series.sum = s.value;
    else if (s.name === `${family.name}_count`) series.count = s.value;
    else throw new Error(`${s.name} is not a sample name of histogram ${family.name}`);
  }
  for (const [key, series] of bySeries) {
    const buckets = series.buckets.sort((a, b) => a[0] - b[0]);
    const inf = buckets.at(-1);
    if (!inf || inf[0] !== Number.POSITIVE_INFINITY) throw new Error(`${family.name}${key} has no le="+Inf" bucket`);
    for (let i = 1; i < buckets.length; i++)
      if (buckets[i]![1] < buckets[i - 1]![1]) throw new Error(`${family.name}${key}: buckets are not cumulative`);
    if (series.count === undefined || series.sum === undefined)
      throw new Error(`${family.name}${key} lacks _sum or _count`);
    if (series.count !== inf[1]) throw new Error(`${family.name}${key}: _count differs from the +Inf bucket`);
  }
}
