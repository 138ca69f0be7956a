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
  if (options.category !== undefined) {
    const names = await findCategoryNames(store, options.category, options.channelId);
    if (names.length === 0) return [];
    where.push(`s.game_name IN (${names.map(() => '?').join(', ')})`);
    params.push(...names);
  }
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

/**
 * The stored spellings of a category name in any case. Compared here rather than with SQL's LOWER(), which folds
 * only ASCII letters on SQLite but every letter on PostgreSQL ("POKÉMON" would find "Pokémon" on one backend only).
 */
export async function findCategoryNames(store: Store, category: string, channelId?: string): Promise<string[]> {
  const wanted = category.toLowerCase();
  const rows = await store.all<{ game_name: string }>(
    `SELECT DISTINCT game_name FROM streams WHERE game_name IS NOT NULL${channelId === undefined ? '' : ' AND channel_id = ?'}`,
    channelId === undefined ? [] : [channelId],
  );
  return rows.map((r) => r.game_name).filter((name) => name.toLowerCase() === wanted);
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
