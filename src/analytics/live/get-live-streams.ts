// What is live right now: every stream without an end, with its latest counters and its recent chat, events
// and transcript, so the Live page has a full picture before the event stream takes over. Subs and raids
// follow the one rule of event-families.ts, as the page's reducer does for what arrives later.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { countSubs, eventSubFamily, type ReportedTwiceFamily, reportedTwice } from '../events/event-families.ts';
import { parseData } from '../lib/fields.ts';

export interface LiveStreamsOptions {
  /** Chat lines per stream, newest (default 200). */
  recent?: number;
}

/** Chat sent shortly before Helix reports a stream started belongs to it (as in ingest's stream index). */
const streamStartGraceMs = 2 * 60_000;

/** Live streams (no end yet), newest first, at most 20. */
export async function getLiveStreams(store: Store, options: LiveStreamsOptions = {}): Promise<LiveStream[]> {
  const recent = options.recent ?? 200;
  const streams = await store.all<{
    id: string;
    channel_id: string;
    login: string | null;
    display_name: string | null;
    started_at: number;
    title: string;
    game_name: string | null;
  }>(
    `SELECT s.id, s.channel_id, c.login, c.display_name, s.started_at, s.title, s.game_name
     FROM streams s LEFT JOIN channels c ON c.id = s.channel_id WHERE s.ended_at IS NULL ORDER BY s.started_at DESC LIMIT 20`,
  );
  return Promise.all(
    streams.map(async (s) => {
      const eventSubTypes = await store.all<{ type: string }>(
        'SELECT DISTINCT type FROM channel_events WHERE stream_id = ?',
        [s.id],
      );
      const eventSubFamilies = [
        ...new Set(eventSubTypes.map((r) => eventSubFamily(r.type)).filter((f) => f !== undefined)),
      ];
      const fromEventSub = (family: ReportedTwiceFamily) => eventSubFamilies.includes(family);
      const subTypes = fromEventSub('subs') ? reportedTwice.subs.eventSub : reportedTwice.subs.chat;
      const hiddenChatTypes = ['roomstate', ...eventSubFamilies.flatMap((f) => reportedTwice[f].chat)];
      // Chat is clustered on (channel_id, ts): bounding by both keeps these reads to the stream's own range.
      const [snapshot, chatCounts, follows, subs, chat, events, transcript, chatters] = await Promise.all([
        store.get<{ viewer_count: number }>(
          'SELECT viewer_count FROM stream_snapshots WHERE stream_id = ? ORDER BY ts DESC LIMIT 1',
          [s.id],
        ),
        store.get<{ n: number; users: number; bits: number | null }>(
          'SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users, SUM(bits) AS bits FROM chat_messages WHERE channel_id = ? AND ts >= ? AND stream_id = ?',
          [s.channel_id, s.started_at - streamStartGraceMs, s.id],
        ),
        store.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM channel_events WHERE stream_id = ? AND type = 'channel.follow'",
          [s.id],
        ),
        store.all<{ type: string; data: string }>(
          `SELECT type, data FROM ${fromEventSub('subs') ? 'channel_events' : 'chat_events'}
           WHERE stream_id = ? AND type IN (${marks(subTypes)})`,
          [s.id, ...subTypes],
        ),
        store.all<{
          id: string;
          stream_id: string | null;
          ts: number;
          user_login: string;
          display_name: string;
          text: string;
          first_msg: number;
          bits: number;
        }>(
          'SELECT id, stream_id, ts, user_login, display_name, text, first_msg, bits FROM chat_messages WHERE channel_id = ? AND ts >= ? AND stream_id = ? ORDER BY ts DESC LIMIT ?',
          [s.channel_id, s.started_at - streamStartGraceMs, s.id, recent],
        ),
        store.all<{ id: string; ts: number; type: string; user_login: string | null; data: string }>(
          `SELECT id, ts, type, user_login, data FROM channel_events WHERE stream_id = ?
           UNION ALL SELECT id, ts, type, user_login, data FROM chat_events WHERE stream_id = ? AND type NOT IN (${marks(hiddenChatTypes)})
           ORDER BY ts DESC LIMIT 50`,
          [s.id, s.id, ...hiddenChatTypes],
        ),
        store.all<{ id: string; start_ts: number; text: string; confidence: number }>(
          'SELECT id, start_ts, text, confidence FROM transcript_segments WHERE stream_id = ? ORDER BY start_ts DESC LIMIT 50',
          [s.id],
        ),
        store.all<{ user_login: string }>(
          `SELECT c.user_login FROM chatter_streams cs JOIN chatters c ON c.channel_id = cs.channel_id AND c.user_id = cs.user_id
           WHERE cs.channel_id = ? AND cs.stream_id = ?`,
          [s.channel_id, s.id],
        ),
      ]);
      return {
        streamId: s.id,
        channelId: s.channel_id,
        channelLogin: s.login,
        displayName: s.display_name,
        title: s.title,
        gameName: s.game_name,
        startedAt: Number(s.started_at),
        viewers: snapshot ? Number(snapshot.viewer_count) : null,
        counters: {
          messages: Number(chatCounts?.n ?? 0),
          chatters: Number(chatCounts?.users ?? 0),
          follows: Number(follows?.n ?? 0),
          subs: subs.reduce((n, r) => n + countSubs(r.type, parseData(r.data)), 0),
          bits: Number(chatCounts?.bits ?? 0),
        },
        chat: chat.reverse().map((m) => ({
          id: m.id,
          streamId: m.stream_id,
          ts: Number(m.ts),
          userLogin: m.user_login,
          displayName: m.display_name,
          text: m.text,
          firstMsg: !!Number(m.first_msg),
          bits: Number(m.bits),
        })),
        chatterLogins: chatters.map((c) => c.user_login),
        eventSubFamilies,
        events: events.reverse().map((e) => ({
          id: e.id,
          ts: Number(e.ts),
          type: e.type,
          userLogin: e.user_login,
          data: parseData(e.data),
        })),
        transcript: transcript
          .reverse()
          .map((t) => ({ id: t.id, startTs: Number(t.start_ts), text: t.text, confidence: Number(t.confidence) })),
      };
    }),
  );
}

const marks = (list: readonly unknown[]) => list.map(() => '?').join(',');

export interface LiveChatLine {
  id: string;
  streamId: string | null;
  ts: EpochMs;
  userLogin: string;
  displayName: string;
  text: string;
  firstMsg: boolean;
  bits: number;
}

export interface LiveStream {
  streamId: string;
  channelId: string;
  channelLogin: string | null;
  displayName: string | null;
  title: string;
  gameName: string | null;
  startedAt: EpochMs;
  viewers: number | null;
  /** Subs counted as event-families' countSubs does: a gift once per recipient. */
  counters: { messages: number; chatters: number; follows: number; subs: number; bits: number };
  chat: LiveChatLine[];
  events: { id: string; ts: EpochMs; type: string; userLogin: string | null; data: Record<string, unknown> }[];
  transcript: { id: string; startTs: EpochMs; text: string; confidence: number }[];
  /** Everyone who chatted in this stream so far, so the page counts a new chatter exactly. */
  chatterLogins: string[];
  /** Families this stream has from EventSub: their chat reports are neither listed nor counted. */
  eventSubFamilies: ReportedTwiceFamily[];
}
