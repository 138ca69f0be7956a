// The Store methods both backends implement with the same portable SQL: the records streamlens itself writes
// (chat-minute rollups, saved reports, agent conversations) and the stream lists the collectors start from.
// Each backend supplies a runner: its read-only `all`, and a transaction for a list of write statements.

import { createClipRecords, createPresenceRecords } from './clip-records.ts';
import type {
  ChatMinuteTotals,
  ConversationMessageRecord,
  ConversationRecords,
  ConversationRole,
  EmoteRecords,
  HistoryRollupRecord,
  NotificationRecord,
  NotificationRecords,
  NotificationStatus,
  OpenStreamRecord,
  Store,
  StreamReportRecord,
  StreamRollupRecord,
  StreamSpan,
} from './store.ts';

/** One write statement with `?` placeholders. */
export interface WriteStatement {
  sql: string;
  params: readonly unknown[];
}

export interface SqlRunner {
  all<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs the statements in order in one transaction. */
  runInTransaction(statements: readonly WriteStatement[]): Promise<void>;
}

export type SqlRecords = Pick<
  Store,
  | 'schemaVersion'
  | 'listStreamSpans'
  | 'listOpenStreams'
  | 'replaceChatMinutes'
  | 'attachEarlyRecords'
  | 'mergeChatterStandIns'
  | 'writeStreamReport'
  | 'writeHistoryRollups'
  | 'writeStreamRollups'
  | 'conversations'
  | 'notifications'
  | 'emotes'
  | 'clips'
  | 'presence'
>;

/** Stand-ins per statement when merging chatters (3 parameters each, with the channel). */
const standInsPerStatement = 500;

/** Rows per INSERT of chat minutes (8 parameters each, well under both backends' parameter limits). */
const minutesPerInsert = 400;

/** The shared implementation over a backend's runner. */
export function createSqlRecords(runner: SqlRunner): SqlRecords {
  return {
    async schemaVersion(): Promise<number> {
      const [row] = await runner.all<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      return Number(row?.v ?? 0);
    },

    async listStreamSpans(): Promise<StreamSpan[]> {
      const rows = await runner.all<{ id: string; channel_id: string; started_at: number; ended_at: number | null }>(
        'SELECT id, channel_id, started_at, ended_at FROM streams',
      );
      return rows.map((r) => ({
        id: r.id,
        channelId: r.channel_id,
        startedAt: Number(r.started_at),
        endedAt: r.ended_at === null ? null : Number(r.ended_at),
      }));
    },

    async listOpenStreams(): Promise<OpenStreamRecord[]> {
      const rows = await runner.all<{ id: string; channel_id: string; last: number | null }>(
        `SELECT s.id, s.channel_id, (SELECT MAX(ts) FROM stream_snapshots x WHERE x.stream_id = s.id) AS last
         FROM streams s WHERE s.ended_at IS NULL`,
      );
      return rows.map((r) => ({
        id: r.id,
        channelId: r.channel_id,
        lastSnapshotTs: r.last === null ? null : Number(r.last),
      }));
    },

    async replaceChatMinutes(stream, minutes: readonly ChatMinuteTotals[]): Promise<void> {
      const statements: WriteStatement[] = [
        { sql: 'DELETE FROM chat_minutes WHERE stream_id = ?', params: [stream.id] },
      ];
      for (let i = 0; i < minutes.length; i += minutesPerInsert) {
        const chunk = minutes.slice(i, i + minutesPerInsert);
        statements.push({
          // Two processes may build the same rollup at once (PostgreSQL): the later one's rows win.
          sql: `INSERT INTO chat_minutes (stream_id, minute, channel_id, ts, messages, chatters, emotes, bits)
                VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
                ON CONFLICT (stream_id, minute) DO UPDATE SET messages = excluded.messages,
                  chatters = excluded.chatters, emotes = excluded.emotes, bits = excluded.bits, ts = excluded.ts`,
          params: chunk.flatMap((m) => [
            stream.id,
            m.minute,
            stream.channelId,
            m.ts,
            m.messages,
            m.chatters,
            m.emotes,
            m.bits,
          ]),
        });
      }
      await runner.runInTransaction(statements);
    },

    async attachEarlyRecords(stream, fromTs, toTs): Promise<number> {
      const range = [stream.channelId, fromTs, toTs];
      const [count] = await runner.all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM chat_messages WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id IS NULL',
        range,
      );
      const n = Number(count?.n ?? 0);
      const nullIn = (table: string, ts = 'ts') => ({
        sql: `UPDATE ${table} SET stream_id = ? WHERE channel_id = ? AND ${ts} >= ? AND ${ts} <= ? AND stream_id IS NULL`,
        params: [stream.id, ...range],
      });
      await runner.runInTransaction([
        // The chatter totals first, from exactly the messages the next statement moves (totals skip stream-less chat).
        ...(n === 0
          ? []
          : [
              {
                sql: `INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages)
                      SELECT channel_id, ?, user_id, MIN(ts), MAX(ts), COUNT(*) FROM chat_messages
                      WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id IS NULL
                      GROUP BY channel_id, user_id
                      ON CONFLICT (channel_id, stream_id, user_id) DO UPDATE SET
                        first_ts = CASE WHEN excluded.first_ts < chatter_streams.first_ts THEN excluded.first_ts ELSE chatter_streams.first_ts END,
                        last_ts = CASE WHEN excluded.last_ts > chatter_streams.last_ts THEN excluded.last_ts ELSE chatter_streams.last_ts END,
                        messages = chatter_streams.messages + excluded.messages`,
                params: [stream.id, ...range],
              },
              nullIn('chat_messages'),
            ]),
        nullIn('chat_events'),
        nullIn('channel_events'),
        nullIn('transcript_segments', 'start_ts'),
      ]);
      return n;
    },

    async mergeChatterStandIns(channelId): Promise<number> {
      // The newest chatter with an id for each stand-in's login (a login can pass from one account to another).
      const rows = await runner.all<{ stand_in: string; user_id: string; last_seen: number }>(
        `SELECT s.user_id AS stand_in, r.user_id, r.last_seen FROM chatters s
         JOIN chatters r ON r.channel_id = s.channel_id AND r.user_login = s.user_login
         WHERE s.channel_id = ? AND s.user_id LIKE 'login:%' AND r.user_id NOT LIKE 'login:%'
         ORDER BY r.last_seen`,
        [channelId],
      );
      const pairs = new Map(rows.map((r) => [r.stand_in, r.user_id]));
      if (pairs.size === 0) return 0;
      const statements: WriteStatement[] = [];
      const entries = [...pairs];
      for (let i = 0; i < entries.length; i += standInsPerStatement) {
        const chunk = entries.slice(i, i + standInsPerStatement);
        const standIns = chunk.map(([s]) => s);
        const marks = standIns.map(() => '?').join(', ');
        const toId = `CASE user_id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END`;
        const toIdParams = chunk.flat();
        statements.push(
          // Kept rollups of their streams name the stand-in: dropped, so the next read builds them again.
          ...['stream_rollups', 'history_rollups'].map((table) => ({
            sql: `DELETE FROM ${table} WHERE stream_id IN (SELECT stream_id FROM chatter_streams WHERE channel_id = ? AND user_id IN (${marks}))`,
            params: [channelId, ...standIns],
          })),
          {
            sql: `INSERT INTO chatter_streams (channel_id, stream_id, user_id, first_ts, last_ts, messages)
                  SELECT channel_id, stream_id, ${toId}, first_ts, last_ts, messages FROM chatter_streams
                  WHERE channel_id = ? AND user_id IN (${marks})
                  ON CONFLICT (channel_id, stream_id, user_id) DO UPDATE SET
                    first_ts = CASE WHEN excluded.first_ts < chatter_streams.first_ts THEN excluded.first_ts ELSE chatter_streams.first_ts END,
                    last_ts = CASE WHEN excluded.last_ts > chatter_streams.last_ts THEN excluded.last_ts ELSE chatter_streams.last_ts END,
                    messages = chatter_streams.messages + excluded.messages`,
            params: [...toIdParams, channelId, ...standIns],
          },
          {
            sql: `INSERT INTO chatters (channel_id, user_id, user_login, display_name, first_seen, last_seen, messages)
                  SELECT channel_id, ${toId}, user_login, display_name, first_seen, last_seen, messages FROM chatters
                  WHERE channel_id = ? AND user_id IN (${marks})
                  ON CONFLICT (channel_id, user_id) DO UPDATE SET
                    first_seen = CASE WHEN excluded.first_seen < chatters.first_seen THEN excluded.first_seen ELSE chatters.first_seen END,
                    last_seen = CASE WHEN excluded.last_seen > chatters.last_seen THEN excluded.last_seen ELSE chatters.last_seen END,
                    messages = chatters.messages + excluded.messages`,
            params: [...toIdParams, channelId, ...standIns],
          },
          ...['chatter_streams', 'chatters'].map((table) => ({
            sql: `DELETE FROM ${table} WHERE channel_id = ? AND user_id IN (${marks})`,
            params: [channelId, ...standIns],
          })),
          ...['chat_messages', 'chat_events'].map((table) => ({
            sql: `UPDATE ${table} SET user_id = ${toId} WHERE channel_id = ? AND user_id IN (${marks})`,
            params: [...toIdParams, channelId, ...standIns],
          })),
        );
      }
      await runner.runInTransaction(statements);
      return pairs.size;
    },

    async writeStreamReport(report: StreamReportRecord): Promise<void> {
      await runner.runInTransaction([
        {
          sql: `INSERT INTO stream_reports (stream_id, channel_id, generated_at, report) VALUES (?, ?, ?, ?)
                ON CONFLICT (stream_id) DO UPDATE SET channel_id = excluded.channel_id,
                  generated_at = excluded.generated_at, report = excluded.report`,
          params: [report.streamId, report.channelId, report.generatedAt, report.json],
        },
      ]);
    },

    async writeHistoryRollups(rollups: readonly HistoryRollupRecord[]): Promise<void> {
      if (rollups.length === 0) return;
      // Two processes may build the same rollup at once: the later write wins (both built it from the same records,
      // or the fingerprint of the older tells the next read to build it again).
      await runner.runInTransaction(
        rollups.map((r) => ({
          sql: `INSERT INTO history_rollups (stream_id, channel_id, fingerprint, built_at, body) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (stream_id) DO UPDATE SET channel_id = excluded.channel_id,
                  fingerprint = excluded.fingerprint, built_at = excluded.built_at, body = excluded.body`,
          params: [r.streamId, r.channelId, r.fingerprint, r.builtAt, r.json],
        })),
      );
    },

    async writeStreamRollups(parts: readonly StreamRollupRecord[]): Promise<void> {
      if (parts.length === 0) return;
      // Two processes may build the same part at once: the later write wins, and a stale fingerprint only makes the
      // next read build it again.
      await runner.runInTransaction(
        parts.map((p) => ({
          sql: `INSERT INTO stream_rollups (stream_id, part, channel_id, fingerprint, built_at, body) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (stream_id, part) DO UPDATE SET channel_id = excluded.channel_id,
                  fingerprint = excluded.fingerprint, built_at = excluded.built_at, body = excluded.body`,
          params: [p.streamId, p.part, p.channelId, p.fingerprint, p.builtAt, p.json],
        })),
      );
    },

    conversations: createConversationRecords(runner),
    notifications: createNotificationRecords(runner),
    emotes: createEmoteRecords(runner),
    clips: createClipRecords(runner),
    presence: createPresenceRecords(runner),
  };
}

interface NotificationRow {
  id: string;
  target_id: string;
  target_kind: string;
  event: string;
  channel_id: string | null;
  body: string;
  status: string;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
}

const notificationColumns = `id, target_id, target_kind, event, channel_id, body, status, attempts, created_at,
  next_attempt_at, sent_at, last_error`;

function toNotification(r: NotificationRow): NotificationRecord {
  return {
    id: r.id,
    targetId: r.target_id,
    targetKind: r.target_kind,
    event: r.event,
    channelId: r.channel_id,
    body: r.body,
    status: toNotificationStatus(r.status),
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    nextAttemptAt: Number(r.next_attempt_at),
    sentAt: r.sent_at === null ? null : Number(r.sent_at),
    lastError: r.last_error,
  };
}

function toNotificationStatus(status: string): NotificationStatus {
  return status === 'sent' || status === 'failed' ? status : 'pending';
}

function createNotificationRecords(runner: SqlRunner): NotificationRecords {
  const marks = (list: readonly unknown[]) => list.map(() => '?').join(', ');
  return {
    async enqueue(records) {
      if (records.length === 0) return;
      await runner.runInTransaction(
        records.map((r) => ({
          sql: `INSERT INTO notification_outbox (id, target_id, target_kind, event, channel_id, body, status, attempts,
                  created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                ON CONFLICT (id) DO NOTHING`,
          params: [r.id, r.targetId, r.targetKind, r.event, r.channelId, r.body, r.createdAt, r.createdAt],
        })),
      );
    },

    async claimDue({ claimant, now, leaseMs, limit, targetIds }) {
      if (targetIds.length === 0) return [];
      // The outer conditions repeat the inner ones: under PostgreSQL's READ COMMITTED a row another process
      // claimed meanwhile is re-checked against them after its lock and left out.
      const free = `status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)`;
      await runner.runInTransaction([
        {
          sql: `UPDATE notification_outbox SET claimed_by = ?, claimed_until = ?
                WHERE ${free} AND id IN (
                  SELECT id FROM notification_outbox
                  WHERE ${free} AND next_attempt_at <= ? AND target_id IN (${marks(targetIds)})
                  ORDER BY next_attempt_at, created_at LIMIT ?)`,
          params: [claimant, now + leaseMs, now, now, now, ...targetIds, limit],
        },
      ]);
      const rows = await runner.all<NotificationRow>(
        `SELECT ${notificationColumns} FROM notification_outbox WHERE claimed_by = ? AND status = 'pending'
         ORDER BY next_attempt_at, created_at`,
        [claimant],
      );
      return rows.map(toNotification);
    },

    async markSent(id, sentAt) {
      await runner.runInTransaction([
        {
          sql: `UPDATE notification_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL,
                  claimed_by = NULL, claimed_until = NULL WHERE id = ?`,
          params: [sentAt, id],
        },
      ]);
    },

    async retryLater(id, retry) {
      await runner.runInTransaction([
        {
          sql: `UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = NULL,
                  claimed_until = NULL WHERE id = ? AND status = 'pending'`,
          params: [retry.attempts, retry.nextAttemptAt, retry.lastError, id],
        },
      ]);
    },

    async markFailed(id, failure) {
      await runner.runInTransaction([
        {
          sql: `UPDATE notification_outbox SET status = 'failed', attempts = ?, last_error = ?, claimed_by = NULL,
                  claimed_until = NULL WHERE id = ?`,
          params: [failure.attempts, failure.reason, id],
        },
      ]);
    },

    async blockTarget(target) {
      await runner.runInTransaction([
        {
          sql: `INSERT INTO notification_blocked_targets (target_id, status, reason, blocked_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (target_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                  blocked_at = excluded.blocked_at`,
          params: [target.targetId, target.status, target.reason, target.blockedAt],
        },
      ]);
    },

    async listBlockedTargets() {
      const rows = await runner.all<{ target_id: string; status: number; reason: string; blocked_at: number }>(
        'SELECT target_id, status, reason, blocked_at FROM notification_blocked_targets ORDER BY blocked_at',
      );
      return rows.map((r) => ({
        targetId: r.target_id,
        status: Number(r.status),
        reason: r.reason,
        blockedAt: Number(r.blocked_at),
      }));
    },

    async countByTarget() {
      const rows = await runner.all<{ target_id: string; event: string; status: string; n: number }>(
        `SELECT target_id, event, status, COUNT(*) AS n FROM notification_outbox
         GROUP BY target_id, event, status ORDER BY target_id, event, status`,
      );
      return rows.map((r) => ({
        targetId: r.target_id,
        event: r.event,
        status: toNotificationStatus(r.status),
        count: Number(r.n),
      }));
    },

    async listRecent(limit) {
      const rows = await runner.all<NotificationRow>(
        `SELECT ${notificationColumns} FROM notification_outbox ORDER BY created_at DESC, id LIMIT ?`,
        [limit],
      );
      return rows.map(toNotification);
    },
  };
}

function createConversationRecords(runner: SqlRunner): ConversationRecords {
  return {
    async create(conversation) {
      await runner.runInTransaction([
        {
          sql: 'INSERT INTO agent_conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
          params: [conversation.id, conversation.title, conversation.createdAt, conversation.createdAt],
        },
      ]);
    },

    async appendMessage(conversationId, m) {
      await runner.runInTransaction([
        {
          // The next seq in the same statement; the casts type the SELECT's parameters for PostgreSQL.
          sql: `INSERT INTO agent_messages (id, conversation_id, seq, role, content, tool_name, tool_call_id, created_at)
                SELECT CAST(? AS TEXT), CAST(? AS TEXT), COALESCE(MAX(seq), 0) + 1, CAST(? AS TEXT), CAST(? AS TEXT),
                  CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT)
                FROM agent_messages WHERE conversation_id = ?`,
          params: [m.id, conversationId, m.role, m.content, m.toolName, m.toolCallId, m.createdAt, conversationId],
        },
        { sql: 'UPDATE agent_conversations SET updated_at = ? WHERE id = ?', params: [m.createdAt, conversationId] },
      ]);
    },

    async list(limit) {
      const rows = await runner.all<{ id: string; title: string; updated_at: number }>(
        'SELECT id, title, updated_at FROM agent_conversations ORDER BY updated_at DESC LIMIT ?',
        [limit],
      );
      return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: Number(r.updated_at) }));
    },

    async findMessages(conversationId) {
      const exists = await runner.all('SELECT id FROM agent_conversations WHERE id = ?', [conversationId]);
      if (exists.length === 0) return undefined;
      const rows = await runner.all<{
        id: string;
        role: string;
        content: string;
        tool_name: string | null;
        tool_call_id: string | null;
        created_at: number;
      }>(
        `SELECT id, role, content, tool_name, tool_call_id, created_at FROM agent_messages
         WHERE conversation_id = ? ORDER BY seq`,
        [conversationId],
      );
      return rows.map(
        (r): ConversationMessageRecord => ({
          id: r.id,
          role: toRole(r.role),
          content: r.content,
          toolName: r.tool_name,
          toolCallId: r.tool_call_id,
          createdAt: Number(r.created_at),
        }),
      );
    },
  };
}

function toRole(role: string): ConversationRole {
  return role === 'user' || role === 'tool' ? role : 'assistant';
}

/** Rows per INSERT of emotes (5 parameters each, well under both backends' parameter limits). */
const emotesPerInsert = 500;

function createEmoteRecords(runner: SqlRunner): EmoteRecords {
  return {
    async upsert(emotes) {
      const statements: WriteStatement[] = [];
      for (let i = 0; i < emotes.length; i += emotesPerInsert) {
        const chunk = emotes.slice(i, i + emotesPerInsert);
        statements.push({
          sql: `INSERT INTO emotes (provider, channel_id, emote_id, name, fetched_at)
                VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
                ON CONFLICT (provider, channel_id, emote_id) DO UPDATE SET name = excluded.name,
                  fetched_at = excluded.fetched_at`,
          params: chunk.flatMap((e) => [e.provider, e.channelId, e.emoteId, e.name, e.fetchedAt]),
        });
      }
      if (statements.length > 0) await runner.runInTransaction(statements);
    },
  };
}
