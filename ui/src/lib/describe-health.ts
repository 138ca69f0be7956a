// What the storage banner says, from /api/health: nothing while the database answers and takes writes; a line
// saying that writes are refused (since when, how many records wait and where) or that it cannot be reached.

import { formatNumber } from './format.ts';

export interface HealthWrites {
  failing: boolean;
  failingSince: number | null;
  lastError: string | null;
  waiting: number;
  journalBytes: number;
  paused: boolean;
}

export interface Health {
  database: 'reachable' | 'unreachable';
  writes: HealthWrites | null;
}

export interface StorageBanner {
  /** One sentence for everyone. */
  message: string;
  /** The database's own words, when the server shares them. */
  detail: string | null;
}

/** The banner for a health answer, or null when all is well. */
export function describeHealth(health: Health, now: number = Date.now()): StorageBanner | null {
  const writes = health.writes;
  if (writes && (writes.failing || writes.waiting > 0)) {
    const since = writes.failingSince === null ? '' : ` for ${formatSince(now - writes.failingSince)}`;
    const kept =
      writes.journalBytes > 0 ? 'kept on disk' : writes.paused ? 'held in memory, and collection is paused' : 'kept';
    const records = `${formatNumber(writes.waiting)} ${writes.waiting === 1 ? 'record waits' : 'records wait'}`;
    return {
      message: writes.failing
        ? `The database has refused writes${since}: ${records} (${kept}) and will be written once it takes them again.`
        : `The database takes writes again: ${records} to catch up.`,
      detail: writes.failing ? writes.lastError : null,
    };
  }
  if (health.database === 'unreachable')
    return {
      message: 'The database cannot be reached right now; pages will load again once it is back.',
      detail: null,
    };
  return null;
}

function formatSince(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
