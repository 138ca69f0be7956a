// Formatting for people: durations, offsets, dates, compact numbers. Times of day are shown
// in the chosen time zone (lib/preferences.ts) and say which zone that is.

import { getPreferences } from './preferences.ts';

/** `1:02:03` (or `2:03` under an hour) from milliseconds. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** `2 h 05 min` from milliseconds. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A number for a card: 1234 → `1,234`, 12345 → `12.3k`; null → `—`. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)}k`;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

const zone = (timeZone?: string) => timeZone ?? getPreferences().timeZone;

/** The zone's short name at `ts` (`CET`, `GMT+1`, `UTC`). */
export function formatZone(ts: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone(timeZone), timeZoneName: 'short' }).formatToParts(ts);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone(timeZone);
}

/** `Tue 6 Oct 2026, 18:00 CET` in the chosen time zone. */
export function formatDateTime(ts: number, timeZone?: string): string {
  return new Date(ts).toLocaleString('en-GB', {
    timeZone: zone(timeZone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** `18:04:05` in the chosen time zone (the page says which zone once, see formatZone). */
export function formatClock(ts: number, timeZone?: string): string {
  return new Date(ts).toLocaleTimeString('en-GB', {
    timeZone: zone(timeZone),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Minutes east of UTC of the zone at `ts` (what the API's `tz=` takes). */
export function zoneOffsetMinutes(ts: number, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone(timeZone),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(ts);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(ts / 60_000) * 60_000) / 60_000);
}
