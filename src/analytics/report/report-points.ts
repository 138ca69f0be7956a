// What went well and badly in a stream, from its comparison with earlier ones; shared by both renderers.

import type { FigureComparison } from '../summary/get-stream-summary.ts';
import type { SummaryFigureKey } from '../summary/stream-figures.ts';
import type { StreamReport } from './generate-stream-report.ts';

const labels: Record<SummaryFigureKey, string> = {
  durationMinutes: 'Duration',
  avgViewers: 'Average viewers',
  medianViewers: 'Median viewers',
  peakViewers: 'Peak viewers',
  hoursWatched: 'Hours watched',
  follows: 'Follows',
  subsNew: 'New subs',
  subsResub: 'Resubs',
  subsGifted: 'Gifted subs',
  bits: 'Bits',
  raidsReceived: 'Raids received',
  raidsSent: 'Raids sent',
  chatMessages: 'Chat messages',
  uniqueChatters: 'Unique chatters',
  messagesPerMinute: 'Messages per minute',
  chattersPer100Viewers: 'Chatters per 100 viewers',
};

export function figureLabel(key: SummaryFigureKey): string {
  return labels[key];
}

/** `12.5 viewers`, `no data (reason)`. */
export function formatFigure(report: StreamReport, key: SummaryFigureKey): string {
  const m = report.summary.figures[key];
  return m.value === null ? `no data (${m.missing ?? 'not recorded'})` : `${m.value} ${m.unit}`;
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
  const pct = f.deltaPct === null ? '' : ` (${f.deltaPct > 0 ? '+' : ''}${f.deltaPct}%)`;
  return `${labels[f.key]}: ${f.value} vs a median of ${f.previousMedian} over your last ${f.previousStreams} streams${pct}`;
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
