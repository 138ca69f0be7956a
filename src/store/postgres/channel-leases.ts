// Splits the channels among collector processes sharing one PostgreSQL database. Each channel has at most one
// lease row (the primary key), taken only when free or expired and renewed by its holder every ttl/3; a worker
// holds at most its fair share, ceil(channels / live workers), so a new process gets work and a dead one's
// channels move on after the TTL. All times are the database's clock, so machines need not agree on theirs.
// A worker that cannot reach the database keeps its channels past the TTL (its writes wait in the ingest's
// journal); one the database says lost a lease stops that channel.

import type pg from 'pg';
import type { ChannelLeaseOptions, ChannelLeases } from '../store.ts';
import { isConnectionError } from './create-pool.ts';

export interface ChannelLeasesOptions extends ChannelLeaseOptions {
  pool: pg.Pool;
}

/** Lease lifetime when none is given: renewals every 10 s, a dead worker's channels move within ~40 s. */
export const defaultLeaseTtlMs = 30_000;

const nowMs = '(extract(epoch from now()) * 1000)::int8';

/** Starts the lease loop: the first round runs at once, then every ttl/3. */
export function startChannelLeases(options: ChannelLeasesOptions): ChannelLeases {
  const { pool, workerId, log } = options;
  const ttlMs = options.ttlMs ?? defaultLeaseTtlMs;
  const channels = [...new Set(options.channels)].sort();
  const held = new Set<string>();
  // Local deadline for everything held, set before each renewal is sent, so it never outlives the database's.
  let validUntil = 0;
  let stopped = false;
  let tickTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  /** The last round could not reach the database (not: it answered that the lease is gone). */
  let unreachable = false;
  let callbacks: Promise<void> = Promise.resolve();

  const notify = (kind: 'acquire' | 'release', channel: string) => {
    const handler = kind === 'acquire' ? options.onAcquire : options.onRelease;
    callbacks = callbacks
      .then(() => handler(channel))
      .catch((error: unknown) => log.error(`${kind} handler failed`, { channel, error: String(error) }));
  };
  const drop = (list: Iterable<string>) => {
    for (const c of [...list]) if (held.delete(c)) notify('release', c);
  };
  const take = (list: Iterable<string>) => {
    for (const c of list)
      if (!held.has(c)) {
        held.add(c);
        notify('acquire', c);
      }
  };

  async function tick(): Promise<void> {
    const deadline = performance.now() + ttlMs;
    const live = await pool.query<{ live: number }>(
      `WITH beat AS (
         INSERT INTO collector_workers (worker_id, started_at, heartbeat_at) VALUES ($1, ${nowMs}, ${nowMs})
         ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at)
       SELECT COUNT(*)::int + 1 AS live FROM collector_workers WHERE worker_id <> $1 AND heartbeat_at > ${nowMs} - $2`,
      [workerId, ttlMs],
    );
    const fairShare = Math.ceil(channels.length / Math.max(1, live.rows[0]?.live ?? 1));
    const renewed = await pool.query<{ channel: string }>(
      `UPDATE channel_leases SET expires_at = ${nowMs} + $3, heartbeat_at = ${nowMs}
       WHERE worker_id = $1 AND channel = ANY($2::text[]) RETURNING channel`,
      [workerId, channels, ttlMs],
    );
    const mine = new Set(renewed.rows.map((r) => r.channel));
    if (stopped) return;
    drop([...held].filter((c) => !mine.has(c)));
    take(mine);
    validUntil = deadline;
    armExpiry();
    if (held.size > fairShare) {
      const extras = [...held].sort().slice(fairShare);
      drop(extras);
      await pool.query('DELETE FROM channel_leases WHERE worker_id = $1 AND channel = ANY($2::text[])', [
        workerId,
        extras,
      ]);
      log.info('released channels for a fair share', { channels: extras, fairShare });
    } else if (held.size < fairShare) {
      const taken = await pool.query<{ channel: string }>(
        `INSERT INTO channel_leases (channel, worker_id, expires_at, heartbeat_at)
         SELECT c, $2, ${nowMs} + $3, ${nowMs} FROM (
           SELECT c FROM unnest($1::text[]) AS c
           WHERE NOT EXISTS (SELECT 1 FROM channel_leases l WHERE l.channel = c AND l.expires_at > ${nowMs})
           ORDER BY random() LIMIT $4) AS free
         -- A random pick spreads workers over the free channels; locking its rows in one order avoids deadlocks.
         ORDER BY c
         ON CONFLICT (channel) DO UPDATE SET worker_id = excluded.worker_id, expires_at = excluded.expires_at,
           heartbeat_at = excluded.heartbeat_at
         WHERE channel_leases.expires_at <= excluded.heartbeat_at
         RETURNING channel`,
        [channels, workerId, ttlMs, fairShare - held.size],
      );
      if (stopped) return;
      const gained = taken.rows.map((r) => r.channel);
      if (gained.length) log.info('acquired channels', { channels: gained, fairShare });
      take(gained);
    }
    // Forget workers gone for long, so the table does not grow with every restart.
    await pool.query(`DELETE FROM collector_workers WHERE heartbeat_at < ${nowMs} - $1`, [ttlMs * 10]);
  }

  function armExpiry(): void {
    clearTimeout(expiryTimer);
    expiryTimer = setTimeout(
      () => {
        if (held.size === 0) return;
        if (unreachable) {
          // Nobody who cannot reach the database can take a lease either, and one who can and does only makes
          // the same records arrive twice, which the database stores once: keep collecting (the ingest keeps the
          // writes until the database is back); the first round that gets through settles who holds what.
          log.warn('leases lapsed while the database is unreachable; collecting on until it is back', {
            channels: [...held],
          });
          return;
        }
        log.warn('leases lapsed without renewal; stopping their channels', { channels: [...held] });
        drop(held);
      },
      Math.max(0, validUntil - performance.now()),
    );
  }

  function schedule(): void {
    if (stopped) return;
    running = tick()
      .then(() => {
        unreachable = false;
      })
      .catch((error: unknown) => {
        unreachable = isConnectionError(error);
        log.warn('lease round failed', { error: String(error) });
        // The expiry already passed while a round hung: apply the rule now.
        if (performance.now() >= validUntil) armExpiry();
      })
      .finally(() => {
        if (!stopped) tickTimer = setTimeout(schedule, Math.max(1, Math.floor(ttlMs / 3)));
      });
  }
  schedule();

  return {
    owned: () => (performance.now() < validUntil ? [...held].sort() : []),
    async stop(stopOptions = {}) {
      stopped = true;
      clearTimeout(tickTimer);
      clearTimeout(expiryTimer);
      await running;
      if (stopOptions.release ?? true) {
        drop(held);
        await pool.query('DELETE FROM channel_leases WHERE worker_id = $1', [workerId]);
        await pool.query('DELETE FROM collector_workers WHERE worker_id = $1', [workerId]);
      }
      await callbacks;
    },
  };
}
