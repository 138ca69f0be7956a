// Everything recorded in a window of a stream, for "what happened at 1:20".

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { loadStreamEvents, type TimelineEvent } from '../events/load-events.ts';
import { toVodUrl } from '../lib/format.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { loadTranscript, type TranscriptLine } from './load-transcript.ts';

export interface TimelineWindowOptions {
  /** Chat lines returned at most (default 500). */
  chatLimit?: number;
  /** Which lines a truncated window keeps: its first ones (default) or its last ones ("the last 10 minutes"). */
  chatFrom?: 'first' | 'last';
  /**
   * Also count the window's messages and chatters (`chatCounts`): a read over the whole window, asked by the
   * agent's tool (windows of at most 30 minutes), not by the stream page's (up to 6 hours).
   */
  countChat?: boolean;
  minConfidence?: number;
}

/**
 * Raw chat, events, transcript and viewers between two offsets from the stream start, in ms
 * (1:20:00 → 4_800_000); null when the stream does not exist.
 */
export async function getTimelineWindow(
  store: Store,
  streamId: string,
  fromMs: number,
  toMs: number,
  options: TimelineWindowOptions = {},
): Promise<TimelineWindow | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const fromTs = info.startedAt + Math.max(0, Math.min(fromMs, toMs));
  const toTs = info.startedAt + Math.max(fromMs, toMs);
  const limit = Math.max(1, options.chatLimit ?? 500);
  const range = {
    id: info.id,
    channelId: info.channelId,
    startedAt: info.startedAt,
    endTs: Math.min(toTs, Math.max(streamEnd(row), toTs)),
  };
  const inWindow = 'channel_id = ? AND ts >= ? AND ts <= ? AND stream_id = ?';
  const windowParams = [info.channelId, fromTs, toTs, info.id];
  const [chat, counts, events, transcript, viewers] = await Promise.all([
    store.all<{ ts: number; user_login: string; text: string; deleted_at: number | null }>(
      `SELECT ts, user_login, text, deleted_at FROM chat_messages WHERE ${inWindow}
       ORDER BY ts ${options.chatFrom === 'last' ? 'DESC' : ''} LIMIT ?`,
      [...windowParams, limit + 1],
    ),
    options.countChat
      ? store.get<{ messages: number; chatters: number }>(
          `SELECT COUNT(*) AS messages, COUNT(DISTINCT user_id) AS chatters FROM chat_messages WHERE ${inWindow}`,
          windowParams,
        )
      : undefined,
    loadStreamEvents(store, [range]),
    loadTranscript(store, info, fromTs, toTs, options.minConfidence),
    store.all<{ ts: number; viewer_count: number }>(
      'SELECT ts, viewer_count FROM stream_snapshots WHERE stream_id = ? AND ts >= ? AND ts <= ? ORDER BY ts',
      [info.id, fromTs, toTs],
    ),
  ]);
  return {
    stream: info,
    fromTs,
    toTs,
    chat: (options.chatFrom === 'last' ? chat.slice(0, limit).reverse() : chat.slice(0, limit)).map((c) => ({
      ts: Number(c.ts),
      offsetMs: Number(c.ts) - info.startedAt,
      userLogin: c.user_login,
      text: c.text,
      deleted: c.deleted_at !== null,
    })),
    events: (events.get(info.id) ?? []).filter((e) => e.ts >= fromTs && e.ts <= toTs),
    transcript,
    viewers: viewers.map((v) => ({
      ts: Number(v.ts),
      offsetMs: Number(v.ts) - info.startedAt,
      viewers: Number(v.viewer_count),
    })),
    chatTruncated: chat.length > limit,
    ...(options.countChat
      ? { chatCounts: { messages: Number(counts?.messages ?? 0), chatters: Number(counts?.chatters ?? 0) } }
      : {}),
    vodUrl: toVodUrl(info.vodId, fromTs - info.startedAt),
  };
}

export interface TimelineWindow {
  stream: StreamInfo;
  fromTs: EpochMs;
  toTs: EpochMs;
  chat: { ts: EpochMs; offsetMs: number; userLogin: string; text: string; deleted: boolean }[];
  events: TimelineEvent[];
  transcript: TranscriptLine[];
  viewers: { ts: EpochMs; offsetMs: number; viewers: number }[];
  /** True when more chat lines existed than were returned. */
  chatTruncated: boolean;
  /** With `countChat`: every chat message of the window (deleted ones included) and the chatters who wrote them. */
  chatCounts?: { messages: number; chatters: number };
  /** The VOD at the window's start; null when the stream has no VOD. */
  vodUrl: string | null;
}
