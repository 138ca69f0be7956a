// Times of day for people in a named time zone (IANA, e.g. `Europe/Berlin`), always with the zone's name, and
// the zone's offset for the hour-of-week questions (which take minutes east of UTC). Uses Intl only.

/** This machine's zone (what the CLI shows times in). */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Formatters by their options and zone, made once (each costs ~0.3 ms to make; a report request made three). Zones
 * are validated before they get here, so the set is bounded by Intl's.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, made);
  }
  return made;
}

/** True when `zone` names a time zone Intl knows. */
export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC of `zone` at `ts`. */
export function zoneOffsetMinutes(ts: number, zone: string): number {
  const parts = formatter('en-US', {
    timeZone: zone,
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

/** `UTC`, `UTC+1`, `UTC−5`, `UTC+5:30` for an offset in minutes east of UTC. */
export function utcOffsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const mm = abs % 60;
  return `UTC${minutes > 0 ? '+' : '−'}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

/** The zone's short name at `ts` (`CET`, `GMT+9`, `UTC`). */
export function zoneName(ts: number, zone: string): string {
  const parts = formatter('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(ts);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** `Sat, 5 Dec 2026, 18:00 CET`. */
export function formatZonedDateTime(ts: number, zone: string): string {
  return new Date(ts).toLocaleString('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}
