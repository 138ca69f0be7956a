// Scenario files write offsets and durations for people ("1h30m", "90s", or a number of seconds); the
// simulator works in milliseconds. This module is the one place that converts between them.

import { z } from 'zod';

const pattern = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/** Parses "1h30m", "90s", "2m30s" or "45m" into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = pattern.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, h, m, s] = match;
  return Math.round((Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)) * 1000);
}

/** Formats milliseconds the way scenario files write them ("1h05m", "42s"). */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${s ? `${String(s).padStart(2, '0')}s` : ''}`;
  if (m > 0) return `${m}m${s ? `${String(s).padStart(2, '0')}s` : ''}`;
  return `${s}s`;
}

/** A zod field for a duration: a string like "1h30m" or a number of seconds, parsed to milliseconds. */
export const durationSchema = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return Math.round(value * 1000);
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (write e.g. "90s", "45m", "1h30m")` });
    return z.NEVER;
  }
  return ms;
});
