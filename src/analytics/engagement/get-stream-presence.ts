// Who watched without chatting: the chat presence samples of a stream (Helix Get Chatters while it was live) read
// against its chat — present and lurking per sample beside the viewer count, an estimated watch time per viewer
// (samples × the sampling interval) with their messages, and regulars of the channel who lurked this time.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, type StreamInfo, toStreamInfo } from '../stream/load-stream.ts';

export interface PresenceSamplePoint {
  ts: EpochMs;
  offsetMs: number;
  /** Users in chat (chatting or not). */
  present: number;
  /** Of them, those without a message in the stream by then. */
  lurkers: number;
  viewers: number | null;
}

export interface ViewerWatchTime {
  userLogin: string;
  /** Estimated: the samples they were in × the sampling interval. */
  watchMs: number;
  messages: number;
  lurker: boolean;
}

export interface StreamPresence {
  stream: StreamInfo;
  samples: PresenceSamplePoint[];
  /** The last sample's figures (what the Live page shows while the stream runs). */
  latest: PresenceSamplePoint | null;
  /** Mean share of those present who had not chatted, 0..1. */
  lurkerShare: number;
  /** Mean of present ÷ viewers over samples with a viewer count (Get Chatters lists logged-in users only). */
  presentPerViewer: number | null;
  watchTime: ViewerWatchTime[];
  /** Lurkers this stream who were in chat (present or chatting) in at least two earlier streams of the channel. */
  regularLurkers: { userLogin: string; watchMs: number; earlierStreams: number }[];
  evidence: Evidence;
}

/** The presence figures of a stream; null when it does not exist, NoData when nobody sampled its chat. */
export async function getStreamPresence(
  store: Store,
  streamId: string,
  options: { limit?: number } = {},
): Promise<StreamPresence | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const startedAt = Number(row.started_at);
  const samples = (
    await store.all<{ ts: number; present: number; lurkers: number; viewers: number | null }>(
      'SELECT ts, present, lurkers, viewers FROM chat_presence_samples WHERE stream_id = ? ORDER BY ts',
      [row.id],
    )
  ).map((s) => ({
    ts: Number(s.ts),
    offsetMs: Number(s.ts) - startedAt,
    present: Number(s.present),
    lurkers: Number(s.lurkers),
    viewers: s.viewers === null ? null : Number(s.viewers),
  }));
  if (samples.length === 0)
    return {
      status: 'no-data',
      reason:
        'nobody in chat was sampled for this stream (Get Chatters needs a login with moderator:read:chatters that moderates the channel)',
    };
  const users = await store.all<{ user_id: string; user_login: string; watch_ms: number; messages: number | null }>(
    `SELECT p.user_id, p.user_login, p.watch_ms, cs.messages FROM chat_presence p
     LEFT JOIN chatter_streams cs ON cs.channel_id = p.channel_id AND cs.stream_id = p.stream_id AND cs.user_id = p.user_id
     WHERE p.stream_id = ? ORDER BY p.watch_ms DESC, p.user_login`,
    [row.id],
  );
  const watchTime = users.map((u) => ({
    userLogin: u.user_login,
    watchMs: Number(u.watch_ms),
    messages: Number(u.messages ?? 0),
    lurker: Number(u.messages ?? 0) === 0,
  }));
  const lurkerIds = users.filter((u) => Number(u.messages ?? 0) === 0).map((u) => u.user_id);
  const earlier = await countEarlierStreams(store, row.channel_id, startedAt, lurkerIds);
  const byId = new Map(users.map((u) => [u.user_id, u]));
  const regularLurkers = [...earlier]
    .filter(([, n]) => n >= 2)
    .map(([id, n]) => ({
      userLogin: byId.get(id)!.user_login,
      watchMs: Number(byId.get(id)!.watch_ms),
      earlierStreams: n,
    }))
    .sort(
      (a, b) => b.earlierStreams - a.earlierStreams || b.watchMs - a.watchMs || a.userLogin.localeCompare(b.userLogin),
    );
  const withViewers = samples.filter((s) => s.viewers !== null && s.viewers > 0);
  const limit = options.limit ?? 50;
  return {
    stream: toStreamInfo(row),
    samples,
    latest: samples.at(-1) ?? null,
    lurkerShare: round(
      samples.reduce((n, s) => n + (s.present > 0 ? s.lurkers / s.present : 0), 0) / samples.length,
      3,
    ),
    presentPerViewer:
      withViewers.length === 0
        ? null
        : round(withViewers.reduce((n, s) => n + s.present / s.viewers!, 0) / withViewers.length, 3),
    watchTime: watchTime.slice(0, limit),
    regularLurkers: regularLurkers.slice(0, limit),
    evidence: {
      source: 'chat_presence_samples, chat_presence, chatter_streams',
      streamIds: [row.id],
      counts: { samples: samples.length, users: users.length, lurkers: lurkerIds.length },
      note: 'watch time is estimated: each sample a user was in stands for one sampling interval',
    },
  };
}

/** For each user, in how many earlier streams of the channel they were in chat (sampled present, or chatting). */
async function countEarlierStreams(
  store: Store,
  channelId: string,
  before: EpochMs,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(', ');
    const rows = await store.all<{ user_id: string; stream_id: string }>(
      `SELECT p.user_id, p.stream_id FROM chat_presence p JOIN streams s ON s.id = p.stream_id
       WHERE p.channel_id = ? AND s.started_at < ? AND p.user_id IN (${marks})
       UNION
       SELECT cs.user_id, cs.stream_id FROM chatter_streams cs JOIN streams s ON s.id = cs.stream_id
       WHERE cs.channel_id = ? AND s.started_at < ? AND cs.user_id IN (${marks})`,
      [channelId, before, ...chunk, channelId, before, ...chunk],
    );
    for (const r of rows) {
      const set = out.get(r.user_id) ?? new Set<string>();
      set.add(r.stream_id);
      out.set(r.user_id, set);
    }
  }
  return new Map([...out].map(([id, streams]) => [id, streams.size]));
}
