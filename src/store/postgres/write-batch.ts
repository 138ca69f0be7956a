// The PostgreSQL write path, rule for rule the SQLite writer's: one transaction per batch, inserts that skip
// records already stored (natural ids), and aggregates that follow from the new messages only — here
// `RETURNING` names the rows that were really inserted. Chat messages, the bulk of every batch, go in by COPY
// (write-chat-messages.ts; their chatter totals follow moments later, fold-chatter-deltas.ts); the short lists
// through multi-row inserts.

import type pg from 'pg';
import type { ChatEvent } from '../../domain.ts';
import { toEventValues, toSegmentValues } from '../rows.ts';
import type { WriteBatch, WriteResult } from '../store.ts';
import { insertRows, toPgText } from './insert-rows.ts';
import { forgetStagingTable, writeChatMessages } from './write-chat-messages.ts';
import { categoryColumns, eventColumns, gapColumns, segmentColumns, snapshotColumns } from './write-columns.ts';

/**
 * How far back a CLEARMSG looks for the message it deletes, as in the SQLite writer: moderators mostly delete
 * within seconds, so the short windows (small slices of the primary key) are tried first and the day-long one
 * only for what they did not find.
 */
const deleteLookbackMs = [30 * 1000, 10 * 60 * 1000, 24 * 60 * 60 * 1000];

/**
 * How far back a ban or timeout hides the user's messages, as in the SQLite writer: among the channel's last
 * 1,000 messages (a chat client's buffer), within a day; each a short slice of the (channel_id, ts) key.
 */
const userClearLookbackMs = 24 * 60 * 60 * 1000;

const markUserDeleted = `UPDATE chat_messages m SET deleted_at = d.ts
  FROM (SELECT u.channel_id, u.ts, u.user_id, GREATEST(u.ts - $4::int8, COALESCE((SELECT x.ts FROM chat_messages x
          WHERE x.channel_id = u.channel_id AND x.ts <= u.ts ORDER BY x.ts DESC OFFSET 999 LIMIT 1), 0)) AS from_ts
        FROM unnest($1::text[], $2::int8[], $3::text[]) AS u(channel_id, ts, user_id)) d
  WHERE m.channel_id = d.channel_id AND m.ts >= d.from_ts AND m.ts <= d.ts AND m.user_id = d.user_id
    AND m.deleted_at IS NULL`;

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

const markDeleted = `UPDATE chat_messages m SET deleted_at = d.ts
  FROM unnest($1::text[], $2::int8[], $3::text[]) AS d(channel_id, ts, target)
  WHERE m.channel_id = d.channel_id AND m.ts >= d.ts - $4::int8 AND m.ts <= d.ts AND m.id = d.target
    AND m.deleted_at IS NULL
  RETURNING m.id`;

/** Writes a batch inside the caller's transaction; returns how many records were new. */
export async function writePostgresBatch(client: pg.ClientBase, batch: WriteBatch): Promise<WriteResult> {
  try {
    return await writeRecords(client, batch);
  } catch (error) {
    forgetStagingTable(client);
    throw error;
  }
}

async function writeRecords(client: pg.ClientBase, batch: WriteBatch): Promise<WriteResult> {
  const now = Date.now();
  const result: WriteResult = { chatMessages: 0, chatEvents: 0, channelEvents: 0, snapshots: 0, transcriptSegments: 0 };
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
  if (batch.chatMessages?.length) result.chatMessages = await writeChatMessages(client, batch.chatMessages);
  if (batch.chatEvents?.length) {
    const inserted = await insertRows<{ id: string }>(
      client,
      'chat_events',
      eventColumns,
      batch.chatEvents.map(toEventValues),
      { onConflict: 'DO NOTHING', returning: 'id' },
    );
    result.chatEvents = inserted?.rowCount ?? 0;
    // A replayed delete (already stored) has nothing left to mark.
    const fresh = new Set(inserted?.rows.map((r) => r.id));
    await markDeletedMessages(
      client,
      batch.chatEvents.filter(
        (e) => fresh.has(e.id) && e.type === 'delete' && typeof e.data.targetMessageId === 'string',
      ),
    );
    const clears = batch.chatEvents.filter(
      (e) => fresh.has(e.id) && (e.type === 'ban' || e.type === 'timeout') && e.userId !== null,
    );
    if (clears.length > 0)
      await client.query(markUserDeleted, [
        clears.map((e) => e.channelId),
        clears.map((e) => e.ts),
        clears.map((e) => e.userId),
        userClearLookbackMs,
      ]);
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

/** Sets deleted_at on the messages the CLEARMSG events name, looking back further only for those not found yet. */
async function markDeletedMessages(client: pg.ClientBase, deletes: readonly ChatEvent[]): Promise<void> {
  let left = deletes;
  for (const lookback of deleteLookbackMs) {
    if (left.length === 0) return;
    const marked = await client.query<{ id: string }>(markDeleted, [
      left.map((e) => e.channelId),
      left.map((e) => e.ts),
      left.map((e) => e.data.targetMessageId),
      lookback,
    ]);
    const found = new Set(marked.rows.map((r) => r.id));
    left = left.filter((e) => !found.has(e.data.targetMessageId as string));
  }
}

/** Strings as PostgreSQL can store them (no NUL characters). */
function toPgValues(values: unknown[]): unknown[] {
  return values.map((v) => (typeof v === 'string' ? toPgText(v) : v));
}
