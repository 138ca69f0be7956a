// Every stream matching the filters, page by page in start order (keyset paging on start time and id), for
// exports that must not stop at a list's limit.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { findCategoryNames, type StreamListItem } from './list-streams.ts';
import { type StreamRow, streamColumns, streamFrom, toStreamInfo } from './load-stream.ts';

export interface IterateStreamsOptions {
  channelId?: string;
  /** A category name in any case (as /api/streams filters). */
  category?: string;
  from?: EpochMs;
  to?: EpochMs;
  order?: 'newest' | 'oldest';
  pageSize?: number;
}

/** Streams in pages of `pageSize` (default 500). */
export async function* iterateStreams(
  store: Store,
  options: IterateStreamsOptions = {},
): AsyncGenerator<StreamListItem[]> {
  const newest = (options.order ?? 'newest') === 'newest';
  const pageSize = options.pageSize ?? 500;
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.channelId !== undefined) where.push('s.channel_id = ?') && params.push(options.channelId);
  if (options.category !== undefined) {
    const names = await findCategoryNames(store, options.category, options.channelId);
    if (names.length === 0) return;
    where.push(`s.game_name IN (${names.map(() => '?').join(', ')})`);
    params.push(...names);
  }
  if (options.from !== undefined) where.push('s.started_at >= ?') && params.push(options.from);
  if (options.to !== undefined) where.push('s.started_at < ?') && params.push(options.to);
  let cursor: { startedAt: number; id: string } | undefined;
  for (;;) {
    const keyset = cursor
      ? [
          newest
            ? '(s.started_at < ? OR (s.started_at = ? AND s.id < ?))'
            : '(s.started_at > ? OR (s.started_at = ? AND s.id > ?))',
        ]
      : [];
    const conditions = [...where, ...keyset];
    const rows = await store.all<StreamRow>(
      `SELECT ${streamColumns} FROM ${streamFrom} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY s.started_at ${newest ? 'DESC' : 'ASC'}, s.id ${newest ? 'DESC' : 'ASC'} LIMIT ?`,
      [...params, ...(cursor ? [cursor.startedAt, cursor.startedAt, cursor.id] : []), pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...toStreamInfo(r),
      peakViewers: r.peak_viewers === null ? null : Number(r.peak_viewers),
      avgViewers: r.avg_viewers === null ? null : Number(r.avg_viewers),
    }));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    cursor = { startedAt: Number(last.started_at), id: last.id };
  }
}
