// What went well and badly in a stream, from its comparison with earlier ones; shared by both renderers.

import type { FigureComparison } from '../summary/get-stream-summary.ts';
import type { SummaryFigureKey } from '../summary/stream-figures.ts';
import { describeChange, figureLabel, formatFigureValue } from './describe-figure.ts';
import type { StreamReport } from './generate-stream-report.ts';

export { figureLabel } from './describe-figure.ts';

/** `12.5 viewers`, `1 raid`, `no data (reason)`. */
export function formatFigure(report: StreamReport, key: SummaryFigureKey): string {
  const m = report.summary.figures[key];
  return m.value === null ? `no data (${m.missing ?? 'not recorded'})` : formatFigureValue(key, m.value);
}

const judged: SummaryFigureKey[] = [
  'avgViewers',
  'peakViewers',
  'hoursWatched',
  'follows',
  'uniqueChatters',
  'messagesPerMinute',
  'chattersPer100Viewers',
];

function sentence(f: FigureComparison): string {
  const change = describeChange(f);
  return `${figureLabel(f.key)}: ${formatFigureValue(f.key, f.value ?? 0)} vs a usual ${formatFigureValue(f.key, f.previousMedian ?? 0)} (median of your last ${f.previousStreams} streams; ${change})`;
}

/** Figures in the top / bottom quarter of the channel's previous streams (needs ≥ 3 of them). */
export function reportPoints(report: StreamReport): { well: string[]; badly: string[] } {
  const well: string[] = [];
  const badly: string[] = [];
  for (const f of report.summary.comparison.figures) {
    if (!judged.includes(f.key) || f.percentile === null || f.previousStreams < 3 || f.delta === 0) continue;
    if (f.percentile >= 75) well.push(sentence(f));
    else if (f.percentile <= 25) badly.push(sentence(f));
  }
  return { well, badly };
}
