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
  /** Absent from servers that do not collect. */
  twitch?: { state: 'connecting' | 'connected' | 'retrying'; since: number | null } | null;
  transcription?: { enabled: boolean; ready: boolean; problem: string | null; hint: string | null } | null;
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

/** How long Twitch may take to answer before the page says it cannot be reached (a start takes seconds). */
export const twitchGraceMs = 15_000;

/** Banners about collecting: Twitch unreachable (retrying), transcription that cannot run and why. */
export function describeCollection(health: Health, now: number = Date.now()): StorageBanner[] {
  const out: StorageBanner[] = [];
  const t = health.twitch;
  if (t && t.state !== 'connected' && (t.since === null || now - t.since >= twitchGraceMs))
    out.push({
      message: `Can't reach Twitch${t.since === null ? '' : ` for ${formatSince(now - t.since)}`} — retrying. Live chat and viewer counts resume once it answers; nothing already recorded is lost.`,
      detail: "check this computer's internet connection",
    });
  const tr = health.transcription;
  if (tr?.enabled && !tr.ready)
    out.push({
      message: `Transcription is off: ${tr.problem ?? 'it cannot run here'}. Chat, viewers and events are still recorded.`,
      detail: tr.hint,
    });
  return out;
}
