// Polls Helix for the tracked channels' live streams: opens, updates and ends streams in the store, records a
// snapshot per live channel per poll and a `stream.change` event when the title or category changes. At start-up
// it closes streams a previous run left open. Optionally polls the competition in the channels' categories.

import type { Channel, ChannelEvent, EpochMs, Stream } from '../domain.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Logger } from '../log.ts';
import type { HelixApi } from './helix/helix-api.ts';
import type { HelixStream } from './helix/helix-schemas.ts';
import { toStream, toStreamSnapshot } from './helix/to-domain.ts';

/** A stream the store still has open (`ended_at` NULL), with the time of its last snapshot. */
export interface OpenStream {
  id: string;
  channelId: string;
  lastSnapshotTs: EpochMs | null;
}

export interface StreamPollerOptions {
  helix: Pick<HelixApi, 'getStreams' | 'getStreamsByGame' | 'getLatestArchive'>;
  ingest: Ingest;
  channels: readonly Channel[];
  intervalMs: number;
  log: Logger;
  now?: () => number;
  /** Streams left open in the store (implemented with SQL by the caller); closed at start-up when not live. */
  findOpenStreams?: () => Promise<OpenStream[]>;
  /** Also record CategorySnapshots for the categories the tracked channels stream in. */
  categoryPolling?: boolean;
  /** Pages of 100 streams read per category (bounded so a big category stays cheap). */
  categoryMaxPages?: number;
  /**
   * Called after each poll with the streams live now (and their viewers) and those that just ended, for what
   * follows a live stream (clips, chat presence). Its failures are its own: it should not throw.
   */
  onPolled?: (polled: PolledStreams) => Promise<void>;
}

/** What one poll saw: the tracked streams live now with their viewers, and the streams that ended. */
export interface PolledStreams {
  ts: EpochMs;
  live: { stream: Stream; viewers: number }[];
  ended: Stream[];
}

export interface StreamPoller {
  stop(): Promise<void>;
  /** Runs one poll now (after any running one) and resolves when it is done. */
  pollNow(): Promise<void>;
}

interface LiveEntry {
  stream: Stream;
  lastSeen: EpochMs;
  vodCheckedAt: EpochMs;
}

// Twitch lists a broadcast's archive video while it is live, though not always at the first poll: look again
// at most this often until found (Get Videos costs one request per live channel without a VOD yet).
const vodRetryMs = 60_000;

/** Starts polling right away, then every `intervalMs`. */
export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const { helix, ingest, log } = options;
  const now = options.now ?? Date.now;
  const tracked = new Set(options.channels.map((c) => c.id));
  const live = new Map<string, LiveEntry>();
  let danglingClosed = options.findOpenStreams === undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const findVodId = async (stream: Pick<HelixStream, 'user_id' | 'id'>): Promise<string | null> => {
    try {
      const video = await helix.getLatestArchive(stream.user_id);
      return video && video.stream_id === stream.id ? video.id : null;
    } catch (error) {
      log.debug('no VOD id yet', { channelId: stream.user_id, error: (error as Error).message });
      return null;
    }
  };

  const ended: Stream[] = [];
  const end = async (channelId: string, entry: LiveEntry) => {
    live.delete(channelId);
    // The archive outlives the broadcast: one last look for a VOD never seen while live.
    if (entry.stream.vodId === null) {
      const vodId = await findVodId({ user_id: channelId, id: entry.stream.id });
      if (vodId !== null) await ingest.upsertStream({ ...entry.stream, vodId });
    }
    await ingest.endStream(entry.stream.id, entry.lastSeen);
    ended.push({ ...entry.stream, endedAt: entry.lastSeen });
    log.info('stream ended', { channelId, streamId: entry.stream.id });
  };

  const handleLive = async (s: HelixStream, ts: EpochMs) => {
    const previous = live.get(s.user_id);
    if (previous && previous.stream.id !== s.id) await end(s.user_id, previous);
    const entry = live.get(s.user_id);
    if (!entry) {
      const stream = toStream(s, await findVodId(s));
      await ingest.upsertStream(stream);
      live.set(s.user_id, { stream, lastSeen: ts, vodCheckedAt: ts });
      log.info('stream is live', { channelId: s.user_id, streamId: s.id });
    } else {
      const next = toStream(s, entry.stream.vodId);
      if (next.vodId === null && ts - entry.vodCheckedAt >= vodRetryMs) {
        entry.vodCheckedAt = ts;
        next.vodId = await findVodId(s);
      }
      const changed = next.title !== entry.stream.title || next.gameId !== entry.stream.gameId;
      if (changed) ingest.push({ kind: 'channelEvent', event: toStreamChangeEvent(entry.stream, next, ts) });
      if (changed || next.vodId !== entry.stream.vodId) await ingest.upsertStream(next);
      entry.stream = next;
      entry.lastSeen = ts;
    }
    ingest.push({ kind: 'snapshot', snapshot: toStreamSnapshot(s, ts) });
  };

  const closeDangling = async (liveById: Map<string, HelixStream>, ts: EpochMs) => {
    for (const open of await options.findOpenStreams!()) {
      if (liveById.get(open.channelId)?.id === open.id) continue;
      await ingest.endStream(open.id, open.lastSnapshotTs ?? ts);
      log.info('closed a stream left open by an earlier run', { channelId: open.channelId, streamId: open.id });
    }
    danglingClosed = true;
  };

  const pollCategories = async (ts: EpochMs) => {
    const games = new Map<string, string>();
    for (const { stream } of live.values()) if (stream.gameId) games.set(stream.gameId, stream.gameName ?? '');
    for (const [gameId, gameName] of games) {
      const streams = await helix.getStreamsByGame(gameId, options.categoryMaxPages ?? 5);
      // Pages can overlap while viewer counts shift; count each stream once.
      const unique = new Map(streams.map((s) => [s.id, s.viewer_count]));
      let viewers = 0;
      for (const v of unique.values()) viewers += v;
      ingest.push({ kind: 'categorySnapshot', snapshot: { gameId, gameName, ts, liveChannels: unique.size, viewers } });
    }
  };

  const poll = async () => {
    const ts = now();
    try {
      const openStreams = danglingClosed ? [] : await options.findOpenStreams!();
      const ids = new Set([...tracked, ...openStreams.map((o) => o.channelId)]);
      const streams = await helix.getStreams({ userIds: [...ids] });
      const liveById = new Map<string, HelixStream>();
      for (const s of streams) if (ids.has(s.user_id) && !liveById.has(s.user_id)) liveById.set(s.user_id, s);
      if (!danglingClosed) await closeDangling(liveById, ts);
      for (const s of liveById.values()) if (tracked.has(s.user_id)) await handleLive(s, ts);
      for (const [channelId, entry] of [...live]) if (!liveById.has(channelId)) await end(channelId, entry);
      if (options.categoryPolling) await pollCategories(ts);
      const polled: PolledStreams = {
        ts,
        live: [...live.entries()].map(([id, e]) => ({
          stream: e.stream,
          viewers: liveById.get(id)?.viewer_count ?? 0,
        })),
        ended: ended.splice(0),
      };
      await options.onPolled?.(polled);
    } catch (error) {
      // A failed poll says nothing about whether streams ended: keep them open and try again next time.
      log.warn('stream poll failed', { error: (error as Error).message });
    }
  };

  let chain: Promise<void> = poll();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      chain = chain.then(poll).then(schedule);
    }, options.intervalMs);
  };
  void chain.then(schedule);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
    pollNow() {
      chain = chain.then(poll);
      return chain;
    },
  };
}

/** The timeline record of a title or category change, with a deterministic id. */
export function toStreamChangeEvent(previous: Stream, next: Stream, ts: EpochMs): ChannelEvent {
  return {
    id: `stream.change:${next.id}:${ts}`,
    channelId: next.channelId,
    streamId: next.id,
    ts,
    type: 'stream.change',
    userId: null,
    userLogin: null,
    data: {
      title: next.title,
      gameId: next.gameId,
      gameName: next.gameName,
      previousTitle: previous.title,
      previousGameId: previous.gameId,
      previousGameName: previous.gameName,
    },
  };
}
