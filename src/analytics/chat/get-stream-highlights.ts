// Moments where chat reacts, found against an adaptive baseline so small channels get them too: counts per
// window are compared with an EWMA of the preceding quiet windows through a Poisson tail (over-dispersion
// corrected by a robust spread estimate), plus a floor of absolute messages small enough for 10-viewer chats.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { type EmoteLookup, isHypeEmote, isLaughterEmote, splitLineWords } from '../lib/emote-words.ts';
import { formatOffset, toVodUrl } from '../lib/format.ts';
import { hypeWords, laughterWords, stopWords } from '../lib/lexicon.ts';
import { median, poissonSurprise, round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { getStreamRollupPart } from '../rollup/get-stream-rollup.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { loadTranscript, type TranscriptLine } from '../timeline/load-transcript.ts';
import { loadEmoteSet } from './load-emote-set.ts';

export interface HighlightsOptions {
  limit?: number;
  /** Window length (default 60 s). */
  windowMs?: number;
  minConfidence?: number;
}

export interface ChatLine {
  ts: number;
  userLogin: string;
  text: string;
  emotes: string | null;
}

/** The most highlights a finished stream's rollup keeps (the most the API asks for). */
export const rolledUpHighlights = 50;

/**
 * Ranked chat highlights of a stream; null when the stream does not exist. A finished stream's come from its
 * rollup (the top of the same ranking).
 */
export async function getStreamHighlights(
  store: Store,
  streamId: string,
  options: HighlightsOptions = {},
): Promise<StreamHighlights | NoData | null> {
  const limit = options.limit ?? 10;
  if (options.windowMs === undefined && limit <= rolledUpHighlights) {
    const rolled = await getStreamRollupPart(store, streamId, 'highlights', options);
    if (rolled) return 'highlights' in rolled ? { ...rolled, highlights: rolled.highlights.slice(0, limit) } : rolled;
  }
  return computeStreamHighlights(store, streamId, options);
}

/** The highlights of a stream from its chat (never its rollup); null when the stream does not exist. */
export async function computeStreamHighlights(
  store: Store,
  streamId: string,
  options: HighlightsOptions = {},
): Promise<StreamHighlights | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const startedAt = Number(row.started_at);
  const endTs = streamEnd(row);
  const windowMs = options.windowMs ?? 60_000;
  const lines = await store.all<{ ts: number; user_login: string; text: string; emotes: string | null }>(
    `SELECT ts, user_login, text, emotes FROM chat_messages
     WHERE channel_id = ? AND ts >= ? AND ts <= ? AND stream_id = ? ORDER BY ts`,
    [row.channel_id, startedAt, endTs, row.id],
  );
  if (lines.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const chat: ChatLine[] = lines.map((l) => ({
    ts: Number(l.ts),
    userLogin: l.user_login,
    text: l.text,
    emotes: l.emotes,
  }));
  const spans = findChatSpikes(chat, startedAt, endTs, windowMs);
  const info = toStreamInfo(row);
  const clips = await loadStreamClips(store, row.channel_id, row.id, startedAt, endTs);
  const claimed = new Set<string>();
  const lookup = spans.length > 0 || clips.length > 0 ? await loadEmoteSet(store, row.channel_id) : undefined;
  const highlights: Highlight[] = [];
  for (const span of spans) {
    const inSpan = chat.filter((l) => l.ts >= span.startTs && l.ts < span.endTs);
    const transcript = await loadTranscript(store, info, span.startTs - 30_000, span.endTs, options.minConfidence);
    const clipped = clips.filter((c) => coversSpan(c, span));
    for (const c of clipped) claimed.add(c.id);
    const described = describeSpan(span, inSpan, startedAt, info.vodId, lookup!);
    highlights.push({
      ...described,
      kinds: clipped.length > 0 ? [...described.kinds, 'clipped'] : described.kinds,
      clips: clipped,
      transcript,
    });
  }
  // A moment viewers clipped is a highlight even when chat stayed calm.
  for (const clip of clips) {
    if (claimed.has(clip.id)) continue;
    const span: Span = {
      startTs: clip.momentTs - clip.durationSec * 1000,
      endTs: clip.momentTs,
      messages: 0,
      baseline: 0,
      significance: 0,
    };
    const inSpan = chat.filter((l) => l.ts >= span.startTs && l.ts < span.endTs);
    const sameMoment = clips.filter((c) => !claimed.has(c.id) && coversSpan(c, span));
    for (const c of sameMoment) claimed.add(c.id);
    const transcript = await loadTranscript(store, info, span.startTs, span.endTs, options.minConfidence);
    const described = describeSpan({ ...span, messages: inSpan.length }, inSpan, startedAt, info.vodId, lookup!);
    highlights.push({ ...described, kinds: ['clipped'], clips: sameMoment, transcript });
  }
  highlights.sort((a, b) => b.significance * (1 + b.kinds.length / 4) - a.significance * (1 + a.kinds.length / 4));
  const ranked = highlights.slice(0, options.limit ?? 10).map((h, i) => ({ ...h, rank: i + 1 }));
  return {
    stream: info,
    windowMs,
    highlights: ranked,
    evidence: {
      source: 'chat_messages',
      streamIds: [row.id],
      counts: { messages: chat.length, windows: Math.ceil((endTs - startedAt) / windowMs) },
      note: 'windows compared with an adaptive baseline (EWMA of quiet windows, Poisson tail)',
    },
  };
}

export interface Span {
  startTs: number;
  endTs: number;
  messages: number;
  baseline: number;
  significance: number;
}

/** Windows whose message count is improbable given the baseline; adjacent ones are merged. Pure. */
export function findChatSpikes(chat: readonly ChatLine[], startedAt: number, endTs: number, windowMs: number): Span[] {
  const n = Math.max(1, Math.ceil((endTs - startedAt) / windowMs));
  const counts = new Array<number>(n).fill(0);
  for (const l of chat) {
    const i = Math.floor((l.ts - startedAt) / windowMs);
    if (i >= 0 && i < n) counts[i]!++;
  }
  const perMinute = 60_000 / windowMs;
  const med = median(counts) ?? 0;
  const mad = median(counts.map((c) => Math.abs(c - med))) ?? 0;
  // Chat is burstier than Poisson: scale counts by the dispersion so bursty streams need bigger jumps.
  const dispersion = Math.max(1, (1.4826 * mad) ** 2 / Math.max(med, 0.5));
  const floor = 0.5 / perMinute;
  const minMessages = Math.max(4, Math.ceil(5 / perMinute));
  let ewma = Math.max(med, floor);
  const flagged: Span[] = [];
  for (let i = 0; i < n; i++) {
    const k = counts[i]!;
    const lambda = Math.max(ewma, floor);
    const significance = poissonSurprise(Math.round(k / dispersion), lambda / dispersion);
    if (k >= minMessages && k >= 2 * lambda && significance >= 3) {
      const startTs = startedAt + i * windowMs;
      const last = flagged.at(-1);
      if (last && last.endTs === startTs) {
        last.endTs += windowMs;
        last.messages += k;
        last.baseline += lambda;
        last.significance = Math.max(last.significance, significance);
      } else flagged.push({ startTs, endTs: startTs + windowMs, messages: k, baseline: lambda, significance });
    } else {
      // Only quiet windows teach the baseline, so one burst does not hide the next.
      ewma = 0.85 * ewma + 0.15 * k;
    }
  }
  return flagged;
}

function describeSpan(
  span: Span,
  lines: readonly ChatLine[],
  startedAt: number,
  vodId: string | null,
  lookup: EmoteLookup,
): Omit<Highlight, 'transcript' | 'clips'> {
  const emotes = new Map<string, number>();
  const words = new Map<string, number>();
  let laughing = 0;
  let hyped = 0;
  let withEmote = 0;
  for (const l of lines) {
    // An emote is an emote, never a word: it counts in topEmotes and reads as laughter/hype by its exact name.
    const { emotes: found, words: tokens } = splitLineWords(l.text, l.emotes, lookup);
    const names = found.map((e) => e.name);
    if (names.length > 0) withEmote++;
    for (const e of names) emotes.set(e, (emotes.get(e) ?? 0) + 1);
    if (tokens.some((t) => laughterWords.has(t)) || names.some(isLaughterEmote)) laughing++;
    if (tokens.some((t) => hypeWords.has(t)) || names.some(isHypeEmote)) hyped++;
    for (const t of new Set(tokens)) if (!stopWords.has(t)) words.set(t, (words.get(t) ?? 0) + 1);
  }
  const kinds: HighlightKind[] = ['chat-spike'];
  if (withEmote / lines.length >= 0.5) kinds.push('emote-burst');
  if (laughing / lines.length >= 0.3) kinds.push('laughter');
  if (hyped / lines.length >= 0.3) kinds.push('hype');
  const offsetMs = span.startTs - startedAt;
  const baseline = round(span.baseline, 2);
  return {
    rank: 0,
    kinds,
    startTs: span.startTs,
    endTs: span.endTs,
    offsetMs,
    offsetLabel: formatOffset(offsetMs),
    messages: span.messages,
    chatters: new Set(lines.map((l) => l.userLogin)).size,
    baseline,
    ratio: round(span.messages / Math.max(baseline, 0.01), 1),
    significance: round(span.significance, 1),
    topEmotes: top(emotes, 5),
    topWords: top(words, 5),
    sampleMessages: lines.slice(0, 5).map((l) => ({ ts: l.ts, userLogin: l.userLogin, text: l.text })),
    vodUrl: toVodUrl(vodId, Math.max(0, offsetMs - 10_000)),
    evidence: {
      source: 'chat_messages',
      fromTs: span.startTs,
      toTs: span.endTs,
      counts: { messages: span.messages, laughing, hyped, withEmote },
      note: `${span.messages} messages where about ${baseline} were expected`,
    },
  };
}

function top(counts: Map<string, number>, n: number): CountedToken[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([token, count]) => ({ token, count }));
}

export type HighlightKind = 'chat-spike' | 'emote-burst' | 'laughter' | 'hype' | 'clipped';

/** A clip of a highlight's moment, by a viewer or made from streamlens. */
export interface HighlightClip {
  id: string;
  url: string;
  title: string;
  creatorName: string;
  viewCount: number;
  /** Its moment: the one streamlens asked for when it made it, else when Twitch says it was made. */
  momentTs: EpochMs;
  durationSec: number;
  /** False while Twitch has not listed it yet (just created). */
  listed: boolean;
}

interface ClipRow {
  id: string;
  url: string | null;
  title: string | null;
  creator_name: string | null;
  view_count: number;
  created_at: number;
  moment_ts: number | null;
  duration: number | null;
  seen_at: number | null;
}

/** The clips of a stream (by its id, or made on the channel while it ran), most viewed first. */
export async function loadStreamClips(
  store: Store,
  channelId: string,
  streamId: string,
  startedAt: EpochMs,
  endTs: EpochMs,
): Promise<HighlightClip[]> {
  const rows = await store.all<ClipRow>(
    `SELECT id, url, title, creator_name, view_count, created_at, moment_ts, duration, seen_at FROM clips
     WHERE channel_id = ? AND (stream_id = ? OR (stream_id IS NULL AND created_at >= ? AND created_at <= ?))
     ORDER BY view_count DESC, id`,
    [channelId, streamId, startedAt, endTs + 60_000],
  );
  return rows.map((r) => ({
    id: r.id,
    url: r.url ?? `https://clips.twitch.tv/${r.id}`,
    title: r.title ?? '',
    creatorName: r.creator_name ?? '',
    viewCount: Number(r.view_count),
    momentTs: Number(r.moment_ts ?? r.created_at),
    durationSec: r.duration === null ? 30 : Number(r.duration),
    listed: r.seen_at !== null,
  }));
}

/** Whether a clip shows the span: it ends at its moment and runs `durationSec` before it. */
function coversSpan(clip: HighlightClip, span: { startTs: number; endTs: number }): boolean {
  return clip.momentTs >= span.startTs && clip.momentTs - clip.durationSec * 1000 <= span.endTs;
}

export interface CountedToken {
  token: string;
  count: number;
}

export interface Highlight {
  rank: number;
  kinds: HighlightKind[];
  startTs: EpochMs;
  endTs: EpochMs;
  offsetMs: number;
  /** `1:02:03` from stream start. */
  offsetLabel: string;
  messages: number;
  chatters: number;
  /** Expected messages in the same window from the adaptive baseline. */
  baseline: number;
  /** messages ÷ baseline. */
  ratio: number;
  /** −log10 of the Poisson tail probability of seeing this many messages given the baseline. */
  significance: number;
  topEmotes: CountedToken[];
  topWords: CountedToken[];
  sampleMessages: { ts: EpochMs; userLogin: string; text: string }[];
  transcript: TranscriptLine[];
  vodUrl: string | null;
  /** Clips of this moment, with their URLs. */
  clips: HighlightClip[];
  evidence: Evidence;
}

export interface StreamHighlights {
  stream: StreamInfo;
  windowMs: number;
  highlights: Highlight[];
  evidence: Evidence;
}
