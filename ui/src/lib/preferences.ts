// What this browser remembers for every page: the channel in scope and the time zone times are shown in
// (localStorage; pages re-render when either changes). The zone defaults to the browser's own.

import { useEffect, useState } from 'preact/hooks';

export interface Preferences {
  /** A channel login, or '' for the main channel. */
  channel: string;
  /** An IANA zone name, e.g. `Europe/Berlin`. */
  timeZone: string;
}

const keys = { channel: 'streamlens-channel', timeZone: 'streamlens-tz' } as const;
const listeners = new Set<() => void>();

/** The browser's own time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when `zone` is a time zone this browser knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

function read(key: string): string {
  try {
    return globalThis.localStorage?.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** The preferences as stored now. */
export function getPreferences(): Preferences {
  const zone = read(keys.timeZone);
  return { channel: read(keys.channel), timeZone: isTimeZone(zone) ? zone : browserTimeZone() };
}

/** Stores one preference and re-renders every page that reads them. */
export function setPreference(key: keyof Preferences, value: string): void {
  try {
    if (value) localStorage.setItem(keys[key], value);
    else localStorage.removeItem(keys[key]);
  } catch {
    // Private mode without storage: the choice lasts until the page is reloaded.
  }
  for (const l of listeners) l();
}

/** The preferences; re-renders when one changes. */
export function usePreferences(): Preferences {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    window.addEventListener('storage', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return getPreferences();
}

/** `?channel=…` (with `&` or `?` as the path needs) for the channel in scope; '' for the main channel. */
export function withChannel(path: string, channel: string): string {
  if (!channel) return path;
  return `${path}${path.includes('?') ? '&' : '?'}channel=${encodeURIComponent(channel)}`;
}
