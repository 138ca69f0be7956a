// The stored clips (`clips`) and chat presence (`chat_presence_samples`, `chat_presence`) in portable SQL both
// backends run: a clip is kept by Twitch's id and seen again updates its views; a presence sample is written
// once per (stream, moment), so writing it twice counts nobody twice.

import type { ChatPresenceSample, Clip, EpochMs } from '../domain.ts';
import type { SqlRunner, WriteStatement } from './sql-records.ts';
import type { ClipRecords, ClipRequestRecord, PresenceRecords } from './store.ts';

// The channel's stream at a moment (the newest that had started and had not ended).
const streamAt = `(SELECT s.id FROM streams s WHERE s.channel_id = ? AND s.started_at <= ?
  AND (s.ended_at IS NULL OR s.ended_at >= ?) ORDER BY s.started_at DESC LIMIT 1)`;

/** Rows per multi-row INSERT (at most 8 parameters each, well under both backends' limits). */
const rowsPerInsert = 500;

/** The clip records over a backend's runner. */
export function createClipRecords(runner: SqlRunner): ClipRecords {
  return {
    async upsert(clips: readonly Clip[], seenAt: EpochMs): Promise<void> {
      if (clips.length === 0) return;
      await runner.runInTransaction(
        clips.map((c) => ({
          sql: `INSERT INTO clips (id, channel_id, stream_id, created_at, url, embed_url, creator_id, creator_name,
                  video_id, game_id, title, view_count, thumbnail_url, duration, vod_offset, is_featured, seen_at)
                VALUES (?, ?, ${streamAt}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET stream_id = COALESCE(excluded.stream_id, clips.stream_id),
                  created_at = excluded.created_at, url = excluded.url, embed_url = excluded.embed_url,
                  creator_id = excluded.creator_id, creator_name = excluded.creator_name, video_id = excluded.video_id,
                  game_id = excluded.game_id, title = excluded.title, view_count = excluded.view_count,
                  thumbnail_url = excluded.thumbnail_url, duration = excluded.duration,
                  vod_offset = excluded.vod_offset, is_featured = excluded.is_featured, seen_at = excluded.seen_at`,
          params: [
            c.id,
            c.channelId,
            c.channelId,
            c.createdAt,
            c.createdAt,
            c.createdAt,
            c.url,
            c.embedUrl,
            c.creatorId,
            c.creatorName,
            c.videoId,
            c.gameId,
            c.title,
            c.viewCount,
            c.thumbnailUrl,
            c.durationSec,
            c.vodOffsetSec,
            c.isFeatured ? 1 : 0,
            seenAt,
          ],
        })),
      );
    },

    async recordRequested(request: ClipRequestRecord): Promise<void> {
      const r = request;
      await runner.runInTransaction([
        {
          sql: `INSERT INTO clips (id, channel_id, stream_id, created_at, url, moment_ts, edit_url, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET moment_ts = excluded.moment_ts, edit_url = excluded.edit_url,
                  requested_at = excluded.requested_at`,
          params: [
            r.id,
            r.channelId,
            r.streamId,
            r.requestedAt,
            `https://clips.twitch.tv/${r.id}`,
            r.momentTs,
            r.editUrl,
            r.requestedAt,
          ],
        },
      ]);
    },
  };
}

/** The chat presence records over a backend's runner. */
export function createPresenceRecords(runner: SqlRunner): PresenceRecords {
  return {
    async writeSample(sample: ChatPresenceSample): Promise<void> {
      const { channelId, streamId, ts, intervalMs } = sample;
      const statements: WriteStatement[] = [];
      for (let i = 0; i < sample.users.length; i += rowsPerInsert) {
        const chunk = sample.users.slice(i, i + rowsPerInsert);
        statements.push({
          // A user already counted at this moment (or later) is left alone: a replayed sample adds nothing.
          sql: `INSERT INTO chat_presence (stream_id, user_id, channel_id, user_login, first_ts, last_ts, samples, watch_ms)
                VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, 1, ?)').join(', ')}
                ON CONFLICT (stream_id, user_id) DO UPDATE SET user_login = excluded.user_login,
                  last_ts = excluded.last_ts, samples = chat_presence.samples + 1,
                  watch_ms = chat_presence.watch_ms + excluded.watch_ms
                WHERE chat_presence.last_ts < excluded.last_ts`,
          params: chunk.flatMap((u) => [streamId, u.userId, channelId, u.userLogin, ts, ts, intervalMs]),
        });
      }
      statements.push({
        // Lurkers: present now without a message in this stream by now.
        sql: `INSERT INTO chat_presence_samples (stream_id, ts, channel_id, present, lurkers, viewers)
              VALUES (?, ?, ?, ?, (SELECT COUNT(*) FROM chat_presence p WHERE p.stream_id = ? AND p.last_ts = ?
                AND NOT EXISTS (SELECT 1 FROM chatter_streams c WHERE c.channel_id = p.channel_id
                  AND c.stream_id = p.stream_id AND c.user_id = p.user_id AND c.first_ts <= ?)), ?)
              ON CONFLICT (stream_id, ts) DO NOTHING`,
        params: [streamId, ts, channelId, sample.users.length, streamId, ts, ts, sample.viewers],
      });
      await runner.runInTransaction(statements);
    },
  };
}
