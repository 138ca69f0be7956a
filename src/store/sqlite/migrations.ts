// SQLite schema, as numbered migrations applied in order inside one transaction each. The table and column
// names are public (users, the agent and the docs query them) and match the PostgreSQL backend.

export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX channels_login ON channels(login);

CREATE TABLE streams (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  title TEXT NOT NULL,
  game_id TEXT,
  game_name TEXT,
  language TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  vod_id TEXT,
  peak_viewers INTEGER,
  avg_viewers REAL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX streams_channel_started ON streams(channel_id, started_at);

CREATE TABLE stream_snapshots (
  stream_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  viewer_count INTEGER NOT NULL,
  title TEXT,
  game_id TEXT,
  game_name TEXT,
  PRIMARY KEY (stream_id, ts)
) WITHOUT ROWID;

-- Clustered by channel and time: inserts append, stream and minute ranges are contiguous reads.
CREATE TABLE chat_messages (
  channel_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  id TEXT NOT NULL,
  stream_id TEXT,
  user_id TEXT NOT NULL,
  user_login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  text TEXT NOT NULL,
  is_action INTEGER NOT NULL DEFAULT 0,
  bits INTEGER NOT NULL DEFAULT 0,
  emotes TEXT,
  badges TEXT,
  first_msg INTEGER NOT NULL DEFAULT 0,
  returning_chatter INTEGER NOT NULL DEFAULT 0,
  reply_parent_id TEXT,
  reply_parent_user_login TEXT,
  source_channel_id TEXT,
  color TEXT,
  deleted_at INTEGER,
  PRIMARY KEY (channel_id, ts, id)
) WITHOUT ROWID;

-- Full-text index over chat text. Contentless and without per-row sizes (about 17 bytes a message): its rowid
-- encodes (ts << 20 | hash of the message id), which leads back to the message through the primary key.
CREATE VIRTUAL TABLE chat_fts USING fts5(text, content='', columnsize=0, detail=none);

CREATE TABLE chat_events (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  stream_id TEXT,
  ts INTEGER NOT NULL,
  type TEXT NOT NULL,
  user_id TEXT,
  user_login TEXT,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX chat_events_channel_ts ON chat_events(channel_id, ts);

CREATE TABLE channel_events (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  stream_id TEXT,
  ts INTEGER NOT NULL,
  type TEXT NOT NULL,
  user_id TEXT,
  user_login TEXT,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX channel_events_channel_ts ON channel_events(channel_id, ts);

CREATE TABLE transcript_segments (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  stream_id TEXT,
  start_ts INTEGER NOT NULL,
  end_ts INTEGER NOT NULL,
  text TEXT NOT NULL,
  confidence REAL NOT NULL,
  engine TEXT NOT NULL
);
CREATE INDEX transcript_segments_channel_ts ON transcript_segments(channel_id, start_ts);
CREATE VIRTUAL TABLE transcript_fts USING fts5(text, content='transcript_segments', content_rowid='rowid');
CREATE TRIGGER transcript_segments_ai AFTER INSERT ON transcript_segments BEGIN
  INSERT INTO transcript_fts(rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TABLE transcript_gaps (
  channel_id TEXT NOT NULL,
  start_ts INTEGER NOT NULL,
  stream_id TEXT,
  end_ts INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (channel_id, start_ts)
) WITHOUT ROWID;

CREATE TABLE category_snapshots (
  game_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  game_name TEXT NOT NULL,
  live_channels INTEGER NOT NULL,
  viewers INTEGER NOT NULL,
  PRIMARY KEY (game_id, ts)
) WITHOUT ROWID;

-- Per-chatter aggregates, maintained with every write of new messages (never from duplicates).
CREATE TABLE chatters (
  channel_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  PRIMARY KEY (channel_id, user_id)
) WITHOUT ROWID;
CREATE INDEX chatters_login ON chatters(user_login);

CREATE TABLE chatter_streams (
  channel_id TEXT NOT NULL,
  stream_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  PRIMARY KEY (channel_id, stream_id, user_id)
) WITHOUT ROWID;

-- Chat time ranges whose full-text entries still have to be (re)built (bulk imports defer them).
CREATE TABLE search_index_pending (
  from_ts INTEGER NOT NULL,
  to_ts INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'stream reports',
    sql: `
CREATE TABLE stream_reports (
  stream_id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  generated_at INTEGER NOT NULL,
  report TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'agent conversations',
    sql: `
CREATE TABLE agent_conversations (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE agent_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  tool_name TEXT,
  tool_call_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX agent_messages_conversation ON agent_messages(conversation_id, seq);
`,
  },
  {
    version: 4,
    name: 'chat minute rollups',
    sql: `
-- Per-minute chat rollups of finished streams, filled by analytics on first use (recounted when a late import
-- changes a stream's message total), so timelines of long streams answer without rescanning chat.
CREATE TABLE chat_minutes (
  stream_id TEXT NOT NULL,
  minute INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  chatters INTEGER NOT NULL,
  emotes INTEGER NOT NULL,
  bits INTEGER NOT NULL,
  PRIMARY KEY (stream_id, minute)
);
`,
  },
  {
    version: 5,
    name: 'pending search range sizes, bulk-load recount markers',
    sql: `
-- Every chat write now leaves its full-text entries pending and the writer indexes them in slices of a bounded
-- number of messages when it is idle; the count tells it where a slice ends.
ALTER TABLE search_index_pending ADD COLUMN messages INTEGER NOT NULL DEFAULT 0;

-- Channels a bulk load (import) is adding chat to while it keeps their chatter aggregates in memory; if the
-- process dies first, the next writer recounts those channels from the stored messages.
CREATE TABLE chatter_recount_pending (
  channel_id TEXT NOT NULL,
  pid INTEGER NOT NULL,
  PRIMARY KEY (channel_id, pid)
);
`,
  },
  {
    // 9, not 6: other branches add 6 to 8; versions are applied by set, so a gap is harmless.
    version: 9,
    name: 'notification outbox',
    sql: `
-- Notifications waiting for delivery (Discord and JSON webhooks), kept so a restart loses none. The id is
-- deterministic (event, subject, target), so the same notification is queued once. target_id is a hash of the
-- target's URL: the URL itself (it holds a token) lives only in the config. A process claims rows for a while
-- (claimed_by, claimed_until) so several collectors sharing a database never post the same row twice.
CREATE TABLE notification_outbox (
  id TEXT PRIMARY KEY,
  target_id TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  event TEXT NOT NULL,
  channel_id TEXT,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  claimed_by TEXT,
  claimed_until INTEGER,
  sent_at INTEGER,
  last_error TEXT
);
CREATE INDEX notification_outbox_due ON notification_outbox(status, next_attempt_at);

-- Targets that refused for good (401/403/404/410): nothing more is sent to them until their URL changes.
CREATE TABLE notification_blocked_targets (
  target_id TEXT PRIMARY KEY,
  status INTEGER NOT NULL,
  reason TEXT NOT NULL,
  blocked_at INTEGER NOT NULL
);
`,
  },
  {
    // 10: Hype Chat payments (issue 15). 6–8 belong to other branches.
    version: 10,
    name: 'hype chat payments',
    sql: `
-- A Hype Chat's payment (pinned-chat-paid-* tags): amount in minor units of the currency (value = amount / 10^exponent),
-- Twitch's level name (ONE … TEN) and whether it was a system message; NULL for every other message.
ALTER TABLE chat_messages ADD COLUMN paid_amount INTEGER;
ALTER TABLE chat_messages ADD COLUMN paid_currency TEXT;
ALTER TABLE chat_messages ADD COLUMN paid_exponent INTEGER;
ALTER TABLE chat_messages ADD COLUMN paid_level TEXT;
ALTER TABLE chat_messages ADD COLUMN paid_system_message INTEGER;
`,
  },
  {
    // 11: other branches add 10; versions are applied by set, so a gap is harmless.
    version: 11,
    name: 'third-party emotes',
    sql: `
-- The emote sets of 7TV, BetterTTV and FrankerFaceZ (provider '7tv', 'bttv', 'ffz'): global sets under
-- channel_id '' and each channel's own set under its Twitch user id. Refreshes upsert what they fetch and keep
-- what they no longer see, so chat from before an emote left a set still counts it; fetched_at says when the
-- provider last listed it.
CREATE TABLE emotes (
  provider TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  emote_id TEXT NOT NULL,
  name TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (provider, channel_id, emote_id)
);
CREATE INDEX emotes_channel ON emotes(channel_id, name);
`,
  },
  {
    // 14: the number reserved for this work (issue 20); other branches take 10 to 13.
    version: 14,
    name: 'chatter_streams by chatter',
    sql: `
-- A chatter's streams in a channel, in time order: retention and community count a chatter's earlier and later
-- streams, and the primary key (channel, stream, user) would make each of those lookups scan every stream.
CREATE INDEX chatter_streams_by_user ON chatter_streams(channel_id, user_id, first_ts);
`,
  },
  {
    // 15: the number reserved for clips and chat presence (issue 19); versions are applied by set.
    version: 15,
    name: 'clips, chat presence samples',
    sql: `
-- Clips of the tracked channels (Helix Get Clips), by Twitch's clip id. stream_id is the channel's stream at the
-- clip's creation. A clip streamlens asked Twitch to create (Create Clip) is noted first with the moment it was
-- asked for (moment_ts) and its edit_url; seen_at stays null until Get Clips lists it.
CREATE TABLE clips (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  stream_id TEXT,
  created_at INTEGER NOT NULL,
  url TEXT,
  embed_url TEXT,
  creator_id TEXT,
  creator_name TEXT,
  video_id TEXT,
  game_id TEXT,
  title TEXT,
  view_count INTEGER NOT NULL DEFAULT 0,
  thumbnail_url TEXT,
  duration REAL,
  vod_offset INTEGER,
  is_featured INTEGER NOT NULL DEFAULT 0,
  seen_at INTEGER,
  moment_ts INTEGER,
  edit_url TEXT,
  requested_at INTEGER
);
CREATE INDEX clips_channel_created ON clips(channel_id, created_at);
CREATE INDEX clips_stream ON clips(stream_id);

-- Who was in chat while live (Helix Get Chatters), sampled: one row per sample with how many were present, how
-- many of them had not chatted in the stream by then (lurkers) and the viewer count; one row per (stream, user)
-- with the samples they were in and the watch time those stand for (samples x interval, an estimate).
CREATE TABLE chat_presence_samples (
  stream_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  channel_id TEXT NOT NULL,
  present INTEGER NOT NULL,
  lurkers INTEGER NOT NULL,
  viewers INTEGER,
  PRIMARY KEY (stream_id, ts)
);
CREATE TABLE chat_presence (
  stream_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  user_login TEXT NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  samples INTEGER NOT NULL,
  watch_ms INTEGER NOT NULL,
  PRIMARY KEY (stream_id, user_id)
);
CREATE INDEX chat_presence_channel_user ON chat_presence(channel_id, user_id);
`,
  },
  {
    // 16: the number reserved for whole-history rollups (issue 20); versions are applied by set.
    version: 16,
    name: "history rollups, finished streams' change counters",
    sql: `
-- What whole-history questions (trends, best times, categories, recommendations, period totals) need of a finished
-- stream, computed once from its records and kept as JSON with the fingerprint it was built at. Internal to
-- streamlens (rebuilt from the records when missing or stale), not one of the public tables.
CREATE TABLE history_rollups (
  stream_id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  built_at INTEGER NOT NULL,
  body TEXT NOT NULL
);

-- A counter per finished stream, raised whenever a record a rollup reads changes after the stream ended (late chat,
-- snapshots, events in its time range, the stream row): a rollup built at another count is stale. The triggers below
-- raise it; late chat raises it from the writer, once per stream a write touched (a row trigger on chatter_streams
-- cost a third of the import's speed). A live stream's writes raise nothing (its figures are never kept).
CREATE TABLE stream_changes (
  stream_id TEXT PRIMARY KEY,
  n INTEGER NOT NULL
);
CREATE TRIGGER stream_changes_chatter_delete AFTER DELETE ON chatter_streams BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams WHERE id = OLD.stream_id AND ended_at IS NOT NULL
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stream_changes_snapshot_insert AFTER INSERT ON stream_snapshots BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams WHERE id = NEW.stream_id AND ended_at IS NOT NULL
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stream_changes_snapshot_update AFTER UPDATE ON stream_snapshots BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams WHERE id = NEW.stream_id AND ended_at IS NOT NULL
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stream_changes_stream_update AFTER UPDATE ON streams WHEN NEW.ended_at IS NOT NULL BEGIN
  INSERT INTO stream_changes (stream_id, n) VALUES (NEW.id, 1) ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
-- Events count for every finished stream whose time range holds them (analytics read events by time), and for
-- the stream they name.
CREATE TRIGGER stream_changes_channel_event_insert AFTER INSERT ON channel_events BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams
  WHERE channel_id = NEW.channel_id AND ended_at IS NOT NULL
    AND (id = NEW.stream_id OR (started_at <= NEW.ts AND ended_at >= NEW.ts))
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stream_changes_channel_event_update AFTER UPDATE ON channel_events BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams
  WHERE channel_id = NEW.channel_id AND ended_at IS NOT NULL
    AND (id = NEW.stream_id OR id = OLD.stream_id OR (started_at <= NEW.ts AND ended_at >= NEW.ts))
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stream_changes_chat_event_insert AFTER INSERT ON chat_events BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams
  WHERE channel_id = NEW.channel_id AND ended_at IS NOT NULL
    AND (id = NEW.stream_id OR (started_at <= NEW.ts AND ended_at >= NEW.ts))
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER stream_changes_chat_event_update AFTER UPDATE ON chat_events BEGIN
  INSERT INTO stream_changes (stream_id, n) SELECT id, 1 FROM streams
  WHERE channel_id = NEW.channel_id AND ended_at IS NOT NULL
    AND (id = NEW.stream_id OR id = OLD.stream_id OR (started_at <= NEW.ts AND ended_at >= NEW.ts))
  ON CONFLICT (stream_id) DO UPDATE SET n = n + 1;
END;
`,
  },
  {
    // 17: the number reserved for whole-history rollups (issue 20); versions are applied by set.
    version: 17,
    name: 'chatter_streams by time',
    sql: `
-- A channel's chatter-streams since a moment: weekly trends count distinct chatters per week of the last weeks and
-- retention reads its window's rows; by (channel, stream, user) or (channel, user, first_ts) either read had to
-- pass over the channel's whole history. It holds last_ts too, so retention reads no table row.
CREATE INDEX chatter_streams_by_time ON chatter_streams(channel_id, first_ts, user_id, last_ts);
`,
  },
  {
    // 12: the number reserved for per-stream rollups (issue 20); versions are applied by set.
    version: 12,
    name: 'stream rollups',
    sql: `
-- What a finished stream will not change, computed once (at its end, after an import, or on first read) and kept
-- in parts (its summary figures, highlights, community, questions, the report's other sections) as JSON, each
-- with the fingerprint of the records it was built from: a read whose fingerprint differs (late records) builds
-- the part again. Internal to streamlens (rebuilt from the records), not one of the public tables.
CREATE TABLE stream_rollups (
  stream_id TEXT NOT NULL,
  part TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  built_at INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (stream_id, part)
);
-- A stream's events by stream: the fingerprint counts them on every read of a rollup (the tables grow with the
-- channel's whole history, and a scan of them per read would grow with it).
CREATE INDEX chat_events_stream ON chat_events(stream_id);
CREATE INDEX channel_events_stream ON channel_events(stream_id);
`,
  },
];
