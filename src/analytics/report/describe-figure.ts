// How a figure and its comparison read for people, in one place for the reports, the stream page and the CLI:
// human labels, units with their plural ("1 raid", "2 raids"), a percentage only over a base at or above a
// stated minimum (no "+10000%" over a base of 0), and no "better than 50%" when every stream was the same.
// Pure: no store, so the browser imports it too.

import type { SummaryFigureKey } from '../summary/stream-figures.ts';

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

/** [one, many]; null for a rate whose label already says what it counts. */
const units: Record<SummaryFigureKey, [string, string] | null> = {
  durationMinutes: ['minute', 'minutes'],
  avgViewers: ['viewer', 'viewers'],
  medianViewers: ['viewer', 'viewers'],
  peakViewers: ['viewer', 'viewers'],
  hoursWatched: ['hour', 'hours'],
  follows: ['follow', 'follows'],
  subsNew: ['sub', 'subs'],
  subsResub: ['resub', 'resubs'],
  subsGifted: ['gifted sub', 'gifted subs'],
  bits: ['bit', 'bits'],
  raidsReceived: ['raid', 'raids'],
  raidsSent: ['raid', 'raids'],
  chatMessages: ['message', 'messages'],
  uniqueChatters: ['chatter', 'chatters'],
  messagesPerMinute: null,
  chattersPer100Viewers: null,
};

/**
 * The smallest usual value (median of earlier streams) a percentage change is stated over: below it a change
 * reads as a difference in units ("+3 follows"), since a percentage of a handful says little.
 */
export const percentMinimumBase: Record<SummaryFigureKey, number> = {
  durationMinutes: 30,
  avgViewers: 5,
  medianViewers: 5,
  peakViewers: 5,
  hoursWatched: 5,
  follows: 10,
  subsNew: 10,
  subsResub: 10,
  subsGifted: 10,
  bits: 500,
  raidsReceived: 10,
  raidsSent: 10,
  chatMessages: 100,
  uniqueChatters: 10,
  messagesPerMinute: 1,
  chattersPer100Viewers: 5,
};

/** `Average viewers`. */
export function figureLabel(key: SummaryFigureKey): string {
  return labels[key];
}

/** `1 raid`, `2 raids`, `1,234 messages`, `3.5` (a rate: its label names it); rounded to 1 decimal. */
export function formatFigureValue(key: SummaryFigureKey, value: number): string {
  const rounded = Math.round(value * 10) / 10;
  const text = rounded.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const unit = units[key];
  if (!unit) return text;
  return `${text} ${rounded === 1 ? unit[0] : unit[1]}`;
}

/** A comparison as the renderers need it (the fields of analytics' FigureComparison they read). */
export interface ComparedFigure {
  key: SummaryFigureKey;
  value: number | null;
  previousStreams: number;
  previousMedian: number | null;
  delta: number | null;
  deltaPct: number | null;
  percentile: number | null;
}

/** The percentage change, or null when the usual value is under the figure's minimum base. */
export function comparisonPct(f: ComparedFigure): number | null {
  if (f.deltaPct === null || f.previousMedian === null) return null;
  return Math.abs(f.previousMedian) >= percentMinimumBase[f.key] ? f.deltaPct : null;
}

/** `+12%` over a base at or above the minimum, else the difference in units (`+3 follows`), `same as usual`. */
export function describeChange(f: ComparedFigure): string {
  if (f.delta === null) return '—';
  if (Math.round(f.delta * 10) === 0) return 'same as usual';
  const pct = comparisonPct(f);
  if (pct !== null) {
    const rounded = Math.round(pct);
    return rounded === 0 ? 'about the same' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}%`;
  }
  const sign = f.delta > 0 ? '+' : '−';
  return `${sign}${formatFigureValue(f.key, Math.abs(f.delta))}`;
}

/**
 * The fewest viewers a moment-to-moment viewer change is stated as a percentage of: below it the change reads in
 * viewers ("+38 viewers", not "+316.7%" over 12), since a percentage of a small audience swings wildly.
 */
export const viewerChangePercentMinimumBase = 50;

/** `+38 viewers` when the change started under the minimum base, else `−25%` (whole percent); `no change`. */
export function describeViewerChange(c: { before: number; change: number; changePct: number }): string {
  if (c.change === 0) return 'no change';
  const sign = c.change > 0 ? '+' : '−';
  if (c.before < viewerChangePercentMinimumBase || !Number.isFinite(c.changePct))
    return `${sign}${plural(Math.abs(c.change), 'viewer')}`;
  const pct = Math.abs(c.changePct);
  return `${sign}${pct < 10 ? Math.round(pct * 10) / 10 : Math.round(pct)}%`;
}

/**
 * `better than 70% of your last 6 streams`; null when there is nothing to rank against or every stream, this
 * one included, had the same value (0 vs 0 is not "better than 50%").
 */
export function describeStanding(f: ComparedFigure): string | null {
  if (f.percentile === null || f.previousStreams === 0 || f.value === null) return null;
  if (f.delta !== null && Math.round(f.delta * 10) === 0 && f.percentile === 50) return null;
  const streams = f.previousStreams === 1 ? 'your last stream' : `your last ${f.previousStreams} streams`;
  const p = Math.round(f.percentile);
  if (p >= 100) return `better than all of ${streams}`;
  if (p <= 0) return `below all of ${streams}`;
  return `better than ${p}% of ${streams}`;
}

/** `1 raid`, `2 raids` for any count and noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `alice (12), bob (9) and 244 more`: the first `shown` names with counts, then how many more. */
export function listWithMore(items: readonly { name: string; count: number }[], shown: number): string {
  const head = items.slice(0, shown).map((i) => `${i.name} (${i.count})`);
  const rest = items.length - head.length;
  if (rest <= 0) return head.join(', ');
  return `${head.join(', ')} and ${rest.toLocaleString('en-US')} more`;
}

/** First-timers by messages, most first, as name and count (for listWithMore). */
export function topFirstTimers(list: readonly { userLogin: string; messages: number }[]) {
  return [...list].sort((a, b) => b.messages - a.messages).map((f) => ({ name: f.userLogin, count: f.messages }));
}
