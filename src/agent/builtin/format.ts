// How the built-in analyst writes figures, moments and streams: every moment and stream a link the answer's
// citations are read from (`/streams/<id>?t=<offsetMs>`).

import { formatOffset, formatZonedDateTime } from '../../analytics/index.ts';
import { toStreamHref } from '../extract-citations.ts';

/** A number rounded to one decimal, or "not recorded". */
export const num = (n: number | null | undefined): string =>
  n === null || n === undefined || Number.isNaN(n) ? 'not recorded' : String(Math.round(n * 10) / 10);

/** " (+12.5%)" or "" when unknown. */
export const pct = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : ` (${n >= 0 ? '+' : ''}${num(n)}%)`;

/** "+3" / "-4". */
export const signed = (n: number): string => `${n >= 0 ? '+' : ''}${num(n)}`;

/** A link to a moment of a stream, labelled h:mm:ss. */
export const moment = (streamId: string, offsetMs: number): string =>
  `[${formatOffset(Math.max(0, offsetMs))}](${toStreamHref(streamId, Math.max(0, offsetMs))})`;

/** A link to a stream, with its start in the asker's zone (and "live now" while it is). */
export const streamLink = (
  s: { id: string; title: string; startedAt: number; live?: boolean },
  timeZone: string,
): string =>
  `[${s.title.replace(/[[\]]/g, '') || 'untitled stream'}](${toStreamHref(s.id, null)}) (${formatZonedDateTime(s.startedAt, timeZone)}${s.live ? ', live now' : ''})`;

/** "1 stream" / "3 streams". */
export const plural = (n: number, word: string): string => `${num(n)} ${word}${num(n) === '1' ? '' : 's'}`;

/** Sums of weights of the patterns a question matches. */
export function scorePatterns(q: string, patterns: readonly (readonly [RegExp, number])[]): number {
  let score = 0;
  for (const [re, weight] of patterns) if (re.test(q)) score += weight;
  return score;
}
