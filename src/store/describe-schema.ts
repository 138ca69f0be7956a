// The database schema as the model sees it: every table and column read from the migrations (so it never
// drifts), plus one line on what each table holds and the SQL dialect's quirks.

import { migrations } from './sqlite/migrations.ts';
import type { Dialect } from './store.ts';

const tableNotes: Record<string, string> = {
  channels: 'Twitch channels recorded',
  streams: 'one row per broadcast; started_at/ended_at epoch ms, ended_at NULL while live',
  stream_snapshots: 'viewer count polled about once a minute during a stream',
  chat_messages: 'every chat message; stream_id NULL when offline; first_msg/returning_chatter are 0/1',
  chat_events: 'IRC notices: sub, resub, subgift, raid, ban, timeout, delete… (type), data is JSON text',
  channel_events:
    'EventSub notifications: channel.follow, channel.subscribe, channel.cheer, channel.raid, channel.ad_break.begin… data is JSON text',
  transcript_segments: 'speech-to-text of the stream audio; confidence 0..1',
  transcript_gaps: 'audio that was never transcribed, and why',
  category_snapshots: 'category competition polls: live channels and viewers per game',
  chatters: 'per chatter per channel: first_seen, last_seen, total messages',
  chatter_streams: 'per chatter per stream: first_ts, last_ts, messages',
  emotes:
    "third-party emote sets: provider '7tv'/'bttv'/'ffz', channel_id '' for the global sets; chat types name (case-sensitive)",
  clips:
    'clips of the streams (Helix): created_at epoch ms, duration seconds, vod_offset seconds into the VOD, view_count; moment_ts/edit_url when streamlens created it, seen_at NULL until Twitch lists it',
  chat_presence_samples:
    'who was in chat while live (Get Chatters), per sample: present, lurkers (present without a message in the stream so far), viewers',
  chat_presence:
    'per user per stream: samples they were in chat for and the watch time those stand for (watch_ms, estimated)',
};

const hidden = new Set([
  'search_index_pending',
  'chatter_recount_pending',
  'stream_reports',
  'history_rollups',
  'stream_changes',
  'stream_rollups',
  'agent_conversations',
  'agent_messages',
]);

/** Tables → columns, parsed from the CREATE TABLE statements of the migrations. */
export function listSchemaTables(): { table: string; columns: string[] }[] {
  const tables: { table: string; columns: string[] }[] = [];
  for (const migration of migrations) {
    for (const match of migration.sql.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\)/g)) {
      const table = match[1]!;
      if (hidden.has(table)) continue;
      const columns = match[2]!
        .split('\n')
        .map((line) => line.trim().match(/^([a-z_]+) [A-Z]/)?.[1])
        .filter((c): c is string => c !== undefined && c !== 'PRIMARY');
      tables.push({ table, columns });
    }
    for (const match of migration.sql.matchAll(/ALTER TABLE (\w+) ADD COLUMN ([a-z_]+) [A-Z]/g)) {
      if (hidden.has(match[1]!)) continue;
      tables.find((t) => t.table === match[1])?.columns.push(match[2]!);
    }
  }
  return tables;
}

/** A compact schema description for prompts and the run_sql tool. */
export function describeSchema(dialect: Dialect): string {
  const lines = listSchemaTables().map(
    ({ table, columns }) => `- ${table}(${columns.join(', ')})${tableNotes[table] ? ` — ${tableNotes[table]}` : ''}`,
  );
  const quirks =
    dialect === 'sqlite'
      ? "SQLite: integer division truncates (multiply by 1.0), date helpers: strftime('%w', ts/1000, 'unixepoch')."
      : 'PostgreSQL: to_timestamp(ts/1000.0) for dates, EXTRACT(DOW FROM …); cast with ::numeric for decimals.';
  return [
    `SQL dialect: ${dialect}. All timestamps are INTEGER epoch milliseconds (UTC); booleans are 0/1.`,
    quirks,
    'Offsets in a stream = ts − streams.started_at (ms).',
    'Tables:',
    ...lines,
  ].join('\n');
}
