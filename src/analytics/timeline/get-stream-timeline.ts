// A stream on one time axis: per-minute viewers, chat, emotes, events, title/category changes, transcript.

import type { Store } from '../../store/store.ts';
import { loadStreamEvents, type TimelineEvent, type TimelineEventKind } from '../events/load-events.ts';
import type { AnalyticsOptions, Evidence } from '../results.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { type ChatMinute, loadChatMinutes } from './get-chat-minutes.ts';
import { loadSnapshots, type ViewerPoint } from './load-snapshots.ts';
import { loadTranscript, type TranscriptLine } from './load-transcript.ts';

/** The per-minute timeline of a stream; null when it does not exist. */
export async function getStreamTimeline(
  store: Store,
  streamId: string,
  options: AnalyticsOptions = {},
): Promise<StreamTimeline | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const s = {
    id: row.id,
    channelId: row.channel_id,
    startedAt: Number(row.started_at),
    endTs: streamEnd(row),
    live: row.ended_at === null,
  };
  const [chat, points, events, transcript] = await Promise.all([
    loadChatMinutes(store, s),
    loadSnapshots(store, s.id),
    loadStreamEvents(store, [s]),
    loadTranscript(store, s, s.startedAt, s.endTs, options.minConfidence),
  ]);
  const streamEvents = events.get(s.id) ?? [];
  const minutes = buildTimelineMinutes(s.startedAt, s.endTs, chat, points, streamEvents, transcript);
  return {
    stream: toStreamInfo(row),
    bucketMs: 60000,
    minutes,
    events: streamEvents,
    transcript,
    evidence: [
      { source: 'chat_messages', streamIds: [s.id], counts: { messages: chat.reduce((n, m) => n + m.messages, 0) } },
      {
        source: 'stream_snapshots',
        streamIds: [s.id],
        counts: { snapshots: points.length },
        note: 'viewers carried forward from the last poll',
      },
      { source: 'channel_events+chat_events', streamIds: [s.id], counts: { events: streamEvents.length } },
      {
        source: 'transcript_segments',
        streamIds: [s.id],
        counts: { lines: transcript.length },
        note: 'only lines at or above the confidence minimum',
      },
    ],
  };
}

/** Merges the per-minute series onto one axis: every minute from start to end, gaps as zeros / carried viewers. */
export function buildTimelineMinutes(
  startedAt: number,
  endTs: number,
  chat: readonly ChatMinute[],
  points: readonly ViewerPoint[],
  events: readonly TimelineEvent[],
  transcript: readonly TranscriptLine[],
): TimelineMinute[] {
  const count = Math.max(1, Math.ceil((endTs - startedAt) / 60_000));
  const minutes: TimelineMinute[] = [];
  for (let i = 0; i < count; i++) {
    const ts = startedAt + i * 60_000;
    minutes.push({
      minute: i,
      ts,
      offsetMs: i * 60_000,
      messages: 0,
      chatters: 0,
      emotes: 0,
      bits: 0,
      viewers: null,
      events: {},
      transcriptLines: 0,
    });
  }
  const at = (ts: number) => minutes[Math.min(count - 1, Math.max(0, Math.floor((ts - startedAt) / 60_000)))]!;
  for (const c of chat) {
    const m = minutes[c.minute];
    if (m) Object.assign(m, { messages: c.messages, chatters: c.chatters, emotes: c.emotes, bits: c.bits });
  }
  let p = 0;
  let viewers: number | null = null;
  for (const m of minutes) {
    // A poll anywhere in the minute counts for it; before the first poll there is no figure.
    while (p < points.length && points[p]!.ts < m.ts + 60_000) viewers = points[p++]!.viewers;
    m.viewers = viewers;
  }
  for (const e of events) {
    const m = at(e.ts);
    m.events[e.kind] = (m.events[e.kind] ?? 0) + 1;
  }
  for (const t of transcript) at(t.ts).transcriptLines++;
  return minutes;
}

export interface TimelineMinute extends ChatMinute {
  offsetMs: number;
  /** Latest snapshot at or before this minute (carried forward); null before the first. */
  viewers: number | null;
  /** Count of events of each kind in this minute. */
  events: Partial<Record<TimelineEventKind, number>>;
  /** Transcript lines starting in this minute. */
  transcriptLines: number;
}

export interface StreamTimeline {
  stream: StreamInfo;
  bucketMs: 60000;
  minutes: TimelineMinute[];
  events: TimelineEvent[];
  /** Only quotable lines (confidence ≥ the minimum). */
  transcript: TranscriptLine[];
  evidence: Evidence[];
}
