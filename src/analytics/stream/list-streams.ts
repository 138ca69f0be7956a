// Streams filtered by channel, category and time, sorted.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { type StreamInfo, type StreamRow, streamColumns, streamFrom, toStreamInfo } from './load-stream.ts';

const orders: Record<NonNullable<ListStreamsOptions['sort']>, string> = {
  newest: 's.started_at DESC',
  oldest: 's.started_at ASC',
  'avg-viewers': 'COALESCE(s.avg_viewers, -1) DESC, s.started_at DESC',
  'peak-viewers': 'COALESCE(s.peak_viewers, -1) DESC, s.started_at DESC',
  duration: 'COALESCE(s.ended_at, s.updated_at) - s.started_at DESC',
};

/** Streams matching the filters (default: newest first, 50, at most 1000). */
export async function listStreams(store: Store, options: ListStreamsOptions = {}): Promise<StreamListItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.channelId !== undefined) where.push('s.channel_id = ?') && params.push(options.channelId);
  if (options.category !== undefined) where.push('LOWER(s.game_name) = LOWER(?)') && params.push(options.category);
  if (options.from !== undefined) where.push('s.started_at >= ?') && params.push(options.from);
  if (options.to !== undefined) where.push('s.started_at < ?') && params.push(options.to);
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 50)), 1000);
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${orders[options.sort ?? 'newest']} LIMIT ?`,
    [...params, limit],
  );
  return rows.map((r) => ({
    ...toStreamInfo(r),
    peakViewers: r.peak_viewers === null ? null : Number(r.peak_viewers),
    avgViewers: r.avg_viewers === null ? null : Number(r.avg_viewers),
  }));
}

export interface StreamListItem extends StreamInfo {
  peakViewers: number | null;
  avgViewers: number | null;
}

export interface ListStreamsOptions {
  channelId?: string;
  category?: string;
  from?: EpochMs;
  to?: EpochMs;
  sort?: 'newest' | 'oldest' | 'avg-viewers' | 'peak-viewers' | 'duration';
  limit?: number;
}
