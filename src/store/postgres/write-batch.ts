// The PostgreSQL write path, rule for rule the SQLite writer's: one transaction per batch, inserts that skip
// records already stored (natural ids), and aggregates that follow from the new messages only — here
// `RETURNING` names the rows that were really inserted. Chat, the bulk of every batch, goes first, messages and
// chat events in one round trip (write-chat.ts; the chatter totals follow moments later, fold-chatter-deltas.ts);
// the short lists through multi-row inserts.

import type pg from 'pg';
import { toEventValues, toSegmentValues } from '../rows.ts';
import type { WriteBatch, WriteResult } from '../store.ts';
import { insertRows, toPgText } from './insert-rows.ts';
import { forgetStagingTables, writeChat } from './write-chat.ts';
import { categoryColumns, eventColumns, gapColumns, segmentColumns, snapshotColumns } from './write-columns.ts';

const upsertStream = `INSERT INTO streams (id, channel_id, started_at, ended_at, title, game_id, game_name, language, tags, vod_id, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  ON CONFLICT (id) DO UPDATE SET title = excluded.title, game_id = excluded.game_id, game_name = excluded.game_name,
    language = excluded.language, tags = excluded.tags, vod_id = COALESCE(excluded.vod_id, streams.vod_id),
    started_at = LEAST(streams.started_at, excluded.started_at),
    ended_at = COALESCE(streams.ended_at, excluded.ended_at), updated_at = excluded.updated_at`;

const updateViewers = `UPDATE streams s SET peak_viewers = a.peak, avg_viewers = a.avg
  FROM (SELECT stream_id, MAX(viewer_count) AS peak, AVG(viewer_count)::float8 AS avg FROM stream_snapshots
        WHERE stream_id = ANY($1::text[]) GROUP BY stream_id) a
  WHERE s.id = a.stream_id`;

/** Writes a batch inside the caller's transaction; returns how many records were new. */
export async function writePostgresBatch(client: pg.ClientBase, batch: WriteBatch): Promise<WriteResult> {
  try {
    return await writeRecords(client, batch);
  } catch (error) {
    forgetStagingTables(client);
    throw error;
  }
}

async function writeRecords(client: pg.ClientBase, batch: WriteBatch): Promise<WriteResult> {
  const now = Date.now();
  // Chat first: a batch holding a message stored already restarts the transaction (write-chat.ts).
  const chat = await writeChat(client, batch.chatMessages ?? [], batch.chatEvents ?? []);
  const result: WriteResult = { ...chat, channelEvents: 0, snapshots: 0, transcriptSegments: 0 };
  // One row per statement: a multi-row upsert may not touch the same id twice, and these lists are short.
  // A channel seen without its display name (an imported log, chat alone) keeps the one stored for its login.
  for (const c of batch.channels ?? [])
    await client.query(
      `INSERT INTO channels (id, login, display_name, updated_at) VALUES ($1, $2, COALESCE($3::text, $2), $4)
       ON CONFLICT (id) DO UPDATE SET login = excluded.login, updated_at = excluded.updated_at,
         display_name = CASE WHEN $3::text IS NULL AND channels.login = excluded.login
                             THEN channels.display_name ELSE excluded.display_name END`,
      [c.id, c.login, toPgText(c.displayName ?? null), now],
    );
  for (const s of batch.streams ?? [])
    await client.query(upsertStream, [
      s.id,
      s.channelId,
      s.startedAt,
      s.endedAt,
      toPgText(s.title),
      s.gameId,
      s.gameName,
      s.language,
      JSON.stringify(s.tags),
      s.vodId,
      now,
    ]);
  if (batch.snapshots?.length) {
    const rows = batch.snapshots.map((x) => [
      x.streamId,
      x.ts,
      x.channelId,
      x.viewerCount,
      x.title,
      x.gameId,
      x.gameName,
    ]);
    const inserted = await insertRows(client, 'stream_snapshots', snapshotColumns, rows, { onConflict: 'DO NOTHING' });
    result.snapshots = inserted?.rowCount ?? 0;
    await client.query(updateViewers, [[...new Set(batch.snapshots.map((x) => x.streamId))]]);
  }
  if (batch.channelEvents?.length) {
    const rows = batch.channelEvents.map(toEventValues);
    result.channelEvents =
      (await insertRows(client, 'channel_events', eventColumns, rows, { onConflict: 'DO NOTHING' }))?.rowCount ?? 0;
  }
  if (batch.transcriptSegments?.length) {
    const rows = batch.transcriptSegments.map((t) => toPgValues(toSegmentValues(t)));
    result.transcriptSegments =
      (await insertRows(client, 'transcript_segments', segmentColumns, rows, { onConflict: 'DO NOTHING' }))?.rowCount ??
      0;
  }
  if (batch.transcriptGaps?.length) {
    const rows = batch.transcriptGaps.map((g) => [g.channelId, g.startTs, g.streamId, g.endTs, toPgText(g.reason)]);
    await insertRows(client, 'transcript_gaps', gapColumns, rows, { onConflict: 'DO NOTHING' });
  }
  if (batch.categorySnapshots?.length) {
    const rows = batch.categorySnapshots.map((c) => [c.gameId, c.ts, c.gameName, c.liveChannels, c.viewers]);
    await insertRows(client, 'category_snapshots', categoryColumns, rows, { onConflict: 'DO NOTHING' });
  }
  return result;
}

/** Strings as PostgreSQL can store them (no NUL characters). */
function toPgValues(values: unknown[]): unknown[] {
  return values.map((v) => (typeof v === 'string' ? toPgText(v) : v));
}
