// Notable rises and drops in viewers, each with what happened in the minutes before it: category/title
// change, ad break, raid in/out, a quiet chat, a hype moment, what was said.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { loadStreamEvents, type TimelineEvent } from '../events/load-events.ts';
import { formatOffset, toVodUrl } from '../lib/format.ts';
import { median, round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { type ChatMinute, loadChatMinutes } from './get-chat-minutes.ts';
import { loadSnapshots, type ViewerPoint } from './load-snapshots.ts';
import { loadTranscript } from './load-transcript.ts';

export interface ViewerChangesOptions {
  /** Minutes before a change searched for causes (default 5). */
  lookbackMinutes?: number;
  minConfidence?: number;
}

/** Viewer changes of a stream with their likely causes; null when the stream does not exist. */
export async function getViewerChanges(
  store: Store,
  streamId: string,
  options: ViewerChangesOptions = {},
): Promise<StreamViewerChanges | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const info = toStreamInfo(row);
  const s = {
    id: info.id,
    channelId: info.channelId,
    startedAt: info.startedAt,
    endTs: streamEnd(row),
    live: info.live,
  };
  const points = await loadSnapshots(store, s.id);
  if (points.length < 4)
    return { status: 'no-data', reason: `${points.length} viewer snapshots: too few to see changes` };
  const lookbackMs = (options.lookbackMinutes ?? 5) * 60_000;
  const [events, chat] = await Promise.all([loadStreamEvents(store, [s]), loadChatMinutes(store, s)]);
  const streamEvents = events.get(s.id) ?? [];
  const changes: ViewerChange[] = [];
  for (const step of findViewerSteps(points)) {
    const windowFrom = step.fromTs - lookbackMs;
    const transcript = await loadTranscript(store, s, windowFrom, step.toTs, options.minConfidence);
    const causes = explain(step, windowFrom, streamEvents, chat, s.startedAt);
    for (const t of transcript.slice(-2))
      causes.push({ kind: 'transcript', ts: t.ts, offsetMs: t.offsetMs, description: `streamer said: "${t.text}"` });
    const offsetMs = step.toTs - s.startedAt;
    changes.push({
      ...step,
      offsetMs,
      offsetLabel: formatOffset(offsetMs),
      causes,
      vodUrl: toVodUrl(info.vodId, Math.max(0, step.fromTs - s.startedAt - 60_000)),
      evidence: {
        source: 'stream_snapshots',
        streamIds: [s.id],
        fromTs: windowFrom,
        toTs: step.toTs,
        note: `median viewers ${step.before} before, ${step.after} after`,
      },
    });
  }
  return {
    stream: info,
    changes,
    evidence: {
      source: 'stream_snapshots+channel_events+chat_messages',
      streamIds: [s.id],
      counts: { snapshots: points.length, events: streamEvents.length },
    },
  };
}

type Step = Pick<ViewerChange, 'direction' | 'fromTs' | 'toTs' | 'before' | 'after' | 'change' | 'changePct'>;

/**
 * Step changes in viewers: the median of the 3 polls before vs the 3 from a poll on, notable when it moves by
 * ≥ 15 % and ≥ 3 viewers (so a 10-viewer channel losing 4 counts); of neighbouring candidates the largest wins.
 */
export function findViewerSteps(points: readonly ViewerPoint[], width = 3): Step[] {
  type Candidate = Step & { i: number; jump: number };
  const candidates: Candidate[] = [];
  for (let i = width; i + width <= points.length; i++) {
    const before = median(points.slice(i - width, i).map((p) => p.viewers))!;
    const after = median(points.slice(i, i + width).map((p) => p.viewers))!;
    const change = after - before;
    // 10 %: a typical ad break costs around a tenth of the audience, well above poll-to-poll noise after medians.
    if (Math.abs(change) < 3 || Math.abs(change) < 0.1 * Math.max(before, 1)) continue;
    candidates.push({
      i,
      // The poll where the count itself moved: medians blur a step over neighbouring polls.
      jump: Math.abs(points[i]!.viewers - before),
      direction: change > 0 ? 'rise' : 'drop',
      fromTs: points[i - 1]!.ts,
      toTs: points[i]!.ts,
      before,
      after,
      change,
      changePct: round((change / Math.max(before, 1)) * 100, 1),
    });
  }
  const out: Candidate[] = [];
  const strength = (c: Candidate) => Math.abs(c.change) * 1000 + c.jump;
  for (const c of candidates) {
    const last = out.at(-1);
    if (last && c.i - last.i < width && c.direction === last.direction) {
      if (strength(c) > strength(last)) out[out.length - 1] = c;
    } else out.push(c);
  }
  return out.map(({ i: _i, jump: _jump, ...step }) => step);
}

/** How far after a detected step an event may be and still explain it. */
const stepUncertaintyMs = 2 * 60_000;

function explain(
  step: Step,
  from: number,
  events: readonly TimelineEvent[],
  chat: readonly ChatMinute[],
  startedAt: number,
): ViewerChangeCause[] {
  const causes: ViewerChangeCause[] = [];
  const cause = (kind: ViewerChangeCause['kind'], ts: number, description: string) =>
    causes.push({ kind, ts, offsetMs: ts - startedAt, description });
  for (const e of events) {
    // Medians over polls place a step up to a couple of polls early, so an event just after it still counts.
    if (e.ts < from || e.ts > step.toTs + stepUncertaintyMs) continue;
    const ago = Math.round((step.toTs - e.ts) / 60_000);
    const when = ago < 0 ? 'at about the same time' : ago === 0 ? 'just before' : `${ago} min before`;
    if (e.kind === 'ad-break') cause('ad-break', e.ts, `${e.label} started ${when}`);
    else if (e.kind === 'raid-in' || e.kind === 'raid-out' || e.kind === 'category-change' || e.kind === 'title-change')
      cause(e.kind, e.ts, `${e.label} (${when})`);
    else if (e.kind === 'hype-train') cause('hype-moment', e.ts, `${e.label} (${when})`);
  }
  const rates = chat.map((c) => c.messages);
  const typical = median(rates) ?? 0;
  const window = chat.filter((c) => c.ts >= from && c.ts < step.toTs);
  const minutes = Math.max(1, Math.round((step.toTs - from) / 60_000));
  const recent = window.reduce((n, c) => n + c.messages, 0) / minutes;
  if (typical >= 1 && recent < 0.4 * typical)
    cause('quiet-chat', from, `chat was quiet: ${round(recent, 1)} messages/min vs ${typical} typical`);
  const hype = window.find((c) => c.messages >= 5 && c.messages >= 3 * Math.max(typical, 1));
  if (hype) cause('hype-moment', hype.ts, `chat burst: ${hype.messages} messages in one minute (typical ${typical})`);
  // Causes that push viewers the way they moved come first.
  const fits = (k: ViewerChangeCause['kind']) =>
    step.direction === 'drop'
      ? ['ad-break', 'raid-out', 'category-change', 'quiet-chat'].includes(k)
      : ['raid-in', 'hype-moment', 'category-change', 'title-change'].includes(k);
  return causes.sort((a, b) => Number(fits(b.kind)) - Number(fits(a.kind)) || b.ts - a.ts);
}

export type ViewerChangeCauseKind =
  | 'category-change'
  | 'title-change'
  | 'ad-break'
  | 'raid-in'
  | 'raid-out'
  | 'quiet-chat'
  | 'hype-moment'
  | 'transcript';

export interface ViewerChangeCause {
  kind: ViewerChangeCauseKind;
  ts: EpochMs;
  offsetMs: number;
  description: string;
}

export interface ViewerChange {
  direction: 'rise' | 'drop';
  fromTs: EpochMs;
  toTs: EpochMs;
  offsetMs: number;
  offsetLabel: string;
  before: number;
  after: number;
  /** after − before, viewers. */
  change: number;
  /** Percent of `before`. */
  changePct: number;
  /** What happened in the minutes before, most likely first; empty when nothing recorded explains it. */
  causes: ViewerChangeCause[];
  vodUrl: string | null;
  evidence: Evidence;
}

export interface StreamViewerChanges {
  stream: StreamInfo;
  changes: ViewerChange[];
  evidence: Evidence;
}
