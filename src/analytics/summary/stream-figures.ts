// The summary figures of several streams of one channel at once (bulk queries), shared by the stream
// summary, its comparison with earlier streams, and stream-vs-stream comparison.

import type { Store, StreamRollupRecord } from '../../store/store.ts';
import { loadStreamEvents, type TimelineEvent } from '../events/load-events.ts';
import { round, roundOrNull } from '../lib/stats.ts';
import type { Evidence, Metric } from '../results.ts';
import { loadEventCounts, loadStreamRecordTotals } from '../rollup/stream-fingerprint.ts';
import { type StreamRow, streamEnd } from '../stream/load-stream.ts';
import { toViewerFigures, type ViewerPoint } from '../timeline/load-snapshots.ts';

export const figureUnits: Record<SummaryFigureKey, string> = {
  durationMinutes: 'minutes',
  avgViewers: 'viewers (time-weighted mean)',
  medianViewers: 'viewers (median of snapshots)',
  peakViewers: 'viewers',
  hoursWatched: 'viewer-hours',
  follows: 'follows',
  subsNew: 'subs',
  subsResub: 'subs',
  subsGifted: 'subs',
  bits: 'bits',
  raidsReceived: 'raids',
  raidsSent: 'raids',
  chatMessages: 'messages',
  uniqueChatters: 'chatters',
  messagesPerMinute: 'messages per minute',
  chattersPer100Viewers: 'chatters per 100 average viewers',
};

export interface StreamFigures {
  figures: Record<SummaryFigureKey, Metric>;
  eventSource: 'channel_events' | 'chat_events' | 'none';
  events: TimelineEvent[];
  evidence: Evidence[];
}

/**
 * Figures of finished streams, per store and stream id, with the fingerprint of the records they were built
 * from: whole-history questions (categories, best times, trends, recommendations) read up to 200 streams' figures,
 * and a finished stream's never change unless late records arrive for it — which changes its fingerprint (counts
 * of snapshots, events in its time range and chat, its last snapshot and end), and it is built again. Kept in the
 * database (the `figures` part of the stream's rollup, so every process and restart reads them) and, once read,
 * in this process (bounded).
 */
const finishedFigures = new WeakMap<Store, Map<string, { fingerprint: string; figures: StreamFigures }>>();
const maxFinishedFigures = 2000;

/**
 * Figures of each stream (all of one channel), keyed by stream id. With `firstMs`, only each stream's first that
 * many ms count (its polls, chat and events): how far past streams had got at a live stream's elapsed time.
 */
export async function getStreamFigures(
  store: Store,
  rows: readonly StreamRow[],
  options: { firstMs?: number } = {},
): Promise<Map<string, StreamFigures>> {
  if (options.firstMs !== undefined) return getStreamFiguresSoFar(store, rows, options.firstMs);
  const out = new Map<string, StreamFigures>();
  if (rows.length === 0) return out;
  const ids = rows.map((r) => r.id);
  const { chat, events: counts, fingerprints } = await loadStreamRecordTotals(store, rows);
  const cache = finishedFigures.get(store) ?? new Map<string, { fingerprint: string; figures: StreamFigures }>();
  finishedFigures.set(store, cache);
  const keep = (id: string, fingerprint: string, figures: StreamFigures) => {
    if (cache.size >= maxFinishedFigures) cache.delete(cache.keys().next().value!);
    cache.set(id, { fingerprint, figures });
  };
  let missing: StreamRow[] = [];
  for (const row of rows) {
    const kept = cache.get(row.id);
    if (kept && kept.fingerprint === fingerprints.get(row.id)) out.set(row.id, kept.figures);
    else missing.push(row);
  }
  const finished = missing.filter((r) => fingerprints.has(r.id));
  if (finished.length > 0) {
    const stored = await store.all<{ stream_id: string; fingerprint: string; body: string }>(
      `SELECT stream_id, fingerprint, body FROM stream_rollups
       WHERE part = 'figures' AND stream_id IN (${finished.map(() => '?').join(', ')})`,
      finished.map((r) => r.id),
    );
    for (const r of stored) {
      const fingerprint = fingerprints.get(r.stream_id);
      if (r.fingerprint !== fingerprint) continue;
      const figures = JSON.parse(r.body) as StreamFigures;
      out.set(r.stream_id, figures);
      keep(r.stream_id, fingerprint, figures);
    }
    missing = missing.filter((r) => !out.has(r.id));
  }
  if (missing.length > 0) {
    const built = await buildStreamFigures(store, missing, chat, counts);
    const records: StreamRollupRecord[] = [];
    const builtAt = Date.now();
    for (const row of missing) {
      const fingerprint = fingerprints.get(row.id);
      // As a later read will see them (JSON drops undefined fields).
      const json = JSON.stringify(built.get(row.id)!);
      const figures = JSON.parse(json) as StreamFigures;
      out.set(row.id, figures);
      if (fingerprint === undefined) continue;
      keep(row.id, fingerprint, figures);
      records.push({ streamId: row.id, channelId: row.channel_id, part: 'figures', fingerprint, builtAt, json });
    }
    await store.writeStreamRollups(records);
  }
  // In the order asked (callers iterate the map).
  return new Map(ids.map((id) => [id, out.get(id)!]));
}

/** Figures of each stream's first `cut` ms, built from the records (never cached: the cut differs per call). */
async function getStreamFiguresSoFar(
  store: Store,
  fullRows: readonly StreamRow[],
  cut: number,
): Promise<Map<string, StreamFigures>> {
  const rows = fullRows.map((r) => ({ ...r, ended_at: Math.min(streamEnd(r), Number(r.started_at) + cut) }));
  if (rows.length === 0) return new Map();
  // The chat of each stream's first `cut` ms, read from the messages (the per-stream totals cover it all).
  const chat = new Map<string, { chatters: number; messages: number }>();
  for (const r of rows) {
    const [c] = await store.all<{ chatters: number; messages: number }>(
      `SELECT COUNT(DISTINCT user_id) AS chatters, COUNT(*) AS messages FROM chat_messages
       WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id = ?`,
      [r.channel_id, Number(r.started_at) - 3_600_000, Number(r.ended_at), r.id],
    );
    if (c && Number(c.messages) > 0) chat.set(r.id, { chatters: Number(c.chatters), messages: Number(c.messages) });
  }
  const counts = await loadEventCounts(
    store,
    rows.map((r) => r.id),
  );
  return buildStreamFigures(store, rows, chat, counts, { snapshotsUntilEnd: true });
}

async function buildStreamFigures(
  store: Store,
  rows: readonly StreamRow[],
  chat: Map<string, { chatters: number; messages: number }>,
  counts: Map<string, { channel: number; chat: number }>,
  options: { snapshotsUntilEnd?: boolean } = {},
): Promise<Map<string, StreamFigures>> {
  const out = new Map<string, StreamFigures>();
  const ends = new Map(rows.map((r) => [r.id, Number(r.ended_at)]));
  const ids = rows.map((r) => r.id);
  const marks = ids.map(() => '?').join(', ');
  const [snapRows, events] = await Promise.all([
    store.all<{ stream_id: string; ts: number; viewer_count: number }>(
      `SELECT stream_id, ts, viewer_count FROM stream_snapshots WHERE stream_id IN (${marks}) ORDER BY stream_id, ts`,
      ids,
    ),
    loadStreamEvents(
      store,
      rows.map((r) => ({ id: r.id, channelId: r.channel_id, startedAt: Number(r.started_at), endTs: streamEnd(r) })),
    ),
  ]);
  const points = new Map<string, ViewerPoint[]>();
  for (const r of snapRows) {
    // "So far" rows end at the cut: later polls are not part of it.
    if (options.snapshotsUntilEnd && Number(r.ts) > ends.get(r.stream_id)!) continue;
    let list = points.get(r.stream_id);
    if (!list) {
      list = [];
      points.set(r.stream_id, list);
    }
    list.push({ ts: Number(r.ts), viewers: Number(r.viewer_count) });
  }
  for (const row of rows) {
    const list = events.get(row.id) ?? [];
    const c = counts.get(row.id) ?? { channel: 0, chat: 0 };
    const ch = chat.get(row.id) ?? { chatters: 0, messages: 0 };
    out.set(row.id, build(row, points.get(row.id) ?? [], ch, c, list));
  }
  return out;
}

function build(
  row: StreamRow,
  points: ViewerPoint[],
  chat: { chatters: number; messages: number },
  counts: { channel: number; chat: number },
  events: TimelineEvent[],
): StreamFigures {
  const end = streamEnd(row);
  const durationMs = end - Number(row.started_at);
  const viewers = toViewerFigures(points, end);
  const m = (key: SummaryFigureKey, value: number | null, missing?: string): Metric =>
    value === null
      ? { value: null, unit: figureUnits[key], missing: missing ?? 'not recorded' }
      : { value, unit: figureUnits[key] };
  const sum = (kind: TimelineEvent['kind']) => events.reduce((s, e) => s + (e.kind === kind ? (e.amount ?? 1) : 0), 0);
  const count = (kind: TimelineEvent['kind']) => events.filter((e) => e.kind === kind).length;
  const hasEventSub = counts.channel > 0;
  const hasChat = counts.chat > 0 || chat.messages > 0;
  // Imported history has chat but no viewer polls: its viewer counts are unknown, never zero.
  const noViewers = 'no viewer snapshots for this stream: viewer counts unknown';
  const minutes = durationMs / 60_000;
  const figures: Record<SummaryFigureKey, Metric> = {
    durationMinutes: m('durationMinutes', round(minutes, 1)),
    avgViewers: m('avgViewers', viewers ? round(viewers.avgViewers, 1) : null, noViewers),
    medianViewers: m('medianViewers', viewers ? viewers.medianViewers : null, noViewers),
    peakViewers: m('peakViewers', viewers ? viewers.peakViewers : null, noViewers),
    hoursWatched: m('hoursWatched', viewers ? round(viewers.hoursWatched, 1) : null, noViewers),
    follows: m(
      'follows',
      hasEventSub ? count('follow') : null,
      'no EventSub data for this stream (follows come only from EventSub)',
    ),
    subsNew: m('subsNew', hasEventSub || hasChat ? count('sub') : null, 'neither EventSub nor chat was recorded'),
    subsResub: m('subsResub', hasEventSub || hasChat ? count('resub') : null, 'neither EventSub nor chat was recorded'),
    subsGifted: m('subsGifted', hasEventSub || hasChat ? sum('gift') : null, 'neither EventSub nor chat was recorded'),
    bits: m('bits', hasEventSub || hasChat ? sum('cheer') : null, 'neither EventSub nor chat was recorded'),
    raidsReceived: m(
      'raidsReceived',
      hasEventSub || hasChat ? count('raid-in') : null,
      'neither EventSub nor chat was recorded',
    ),
    raidsSent: m('raidsSent', hasEventSub ? count('raid-out') : null, 'outgoing raids come only from EventSub'),
    chatMessages: m('chatMessages', hasChat ? chat.messages : null, 'no chat recorded for this stream'),
    uniqueChatters: m('uniqueChatters', hasChat ? chat.chatters : null, 'no chat recorded for this stream'),
    messagesPerMinute: m(
      'messagesPerMinute',
      hasChat && minutes > 0 ? round(chat.messages / minutes, 2) : null,
      'no chat recorded or zero duration',
    ),
    chattersPer100Viewers: m(
      'chattersPer100Viewers',
      hasChat && viewers && viewers.avgViewers > 0 ? roundOrNull((chat.chatters / viewers.avgViewers) * 100, 1) : null,
      'needs both chat and viewer snapshots',
    ),
  };
  const sources = new Set(events.map((e) => e.source));
  const eventSource = sources.has('channel_events')
    ? 'channel_events'
    : sources.has('chat_events') || hasChat
      ? 'chat_events'
      : 'none';
  const evidence: Evidence[] = [
    {
      source: 'stream_snapshots',
      streamIds: [row.id],
      counts: { snapshots: points.length },
      note: 'viewer figures are time-weighted between polls',
    },
    { source: 'chatter_streams', streamIds: [row.id], counts: { messages: chat.messages, chatters: chat.chatters } },
    {
      source: 'channel_events+chat_events',
      streamIds: [row.id],
      counts: { channelEvents: counts.channel, chatEvents: counts.chat, eventsUsed: events.length },
      note: 'per kind of event EventSub is used when it recorded that kind, else IRC, never both',
    },
  ];
  return { figures, eventSource, events, evidence };
}

export type SummaryFigureKey =
  | 'durationMinutes'
  | 'avgViewers'
  | 'medianViewers'
  | 'peakViewers'
  | 'hoursWatched'
  | 'follows'
  | 'subsNew'
  | 'subsResub'
  | 'subsGifted'
  | 'bits'
  | 'raidsReceived'
  | 'raidsSent'
  | 'chatMessages'
  | 'uniqueChatters'
  | 'messagesPerMinute'
  | 'chattersPer100Viewers';
