// Loads stream rows (with the channel's login) and turns them into the StreamInfo every result repeats.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';

export interface StreamRow {
  id: string;
  channel_id: string;
  channel_login: string | null;
  started_at: number;
  ended_at: number | null;
  title: string;
  game_id: string | null;
  game_name: string | null;
  vod_id: string | null;
  peak_viewers: number | null;
  avg_viewers: number | null;
  /** Newest snapshot of the stream: the end of a live stream. */
  last_ts: number | null;
}

export const streamColumns = `s.id, s.channel_id, c.login AS channel_login, s.started_at, s.ended_at, s.title,
  s.game_id, s.game_name, s.vod_id, s.peak_viewers, s.avg_viewers,
  (SELECT MAX(ss.ts) FROM stream_snapshots ss WHERE ss.stream_id = s.id) AS last_ts`;

export const streamFrom = 'streams s LEFT JOIN channels c ON c.id = s.channel_id';

/** A stream by exact id; undefined when there is none. */
export async function findStreamRow(store: Store, streamId: string): Promise<StreamRow | undefined> {
  return store.get<StreamRow>(`SELECT ${streamColumns} FROM ${streamFrom} WHERE s.id = ?`, [streamId]);
}

/** The end used for ranges: ended_at, else the last snapshot, else the start (a live stream with no polls). */
export function streamEnd(row: Pick<StreamRow, 'started_at' | 'ended_at' | 'last_ts'>): number {
  if (row.ended_at !== null) return Number(row.ended_at);
  return Math.max(Number(row.started_at), Number(row.last_ts ?? row.started_at));
}

export function toStreamInfo(row: StreamRow): StreamInfo {
  const startedAt = Number(row.started_at);
  return {
    id: row.id,
    channelId: row.channel_id,
    channelLogin: row.channel_login,
    title: row.title,
    gameName: row.game_name,
    startedAt,
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    durationMs: streamEnd(row) - startedAt,
    live: row.ended_at === null,
    vodId: row.vod_id,
  };
}

/** The stream fields every result repeats so it can be read on its own. */
export interface StreamInfo {
  id: string;
  channelId: string;
  channelLogin: string | null;
  title: string;
  gameName: string | null;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
  /** Ended streams: ended − started; live ones: last record seen − started. */
  durationMs: number;
  live: boolean;
  vodId: string | null;
}
