// Notable rises and drops in viewers, steps and gradual trends, each with what happened in the minutes before
// it (never after it; each cause once): category/title change, ad break, raid in/out, a quiet chat, a hype
// moment, what was said.

import type { EpochMs } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import { loadStreamEvents, type TimelineEvent } from '../events/load-events.ts';
import { formatOffset, toVodUrl } from '../lib/format.ts';
import { median, round } from '../lib/stats.ts';
import type { Evidence, NoData } from '../results.ts';
import { findKeptRollupPart } from '../rollup/get-stream-rollup.ts';
import { findStreamRow, type StreamInfo, streamEnd, toStreamInfo } from '../stream/load-stream.ts';
import { type ChatMinute, loadChatMinutes } from './get-chat-minutes.ts';
import { loadSnapshots, type ViewerPoint } from './load-snapshots.ts';
import { loadTranscript } from './load-transcript.ts';

export interface ViewerChangesOptions {
  /** Minutes before a change searched for causes (default 5). */
  lookbackMinutes?: number;
  minConfidence?: number;
}

/**
 * Viewer changes of a stream with their likely causes; null when the stream does not exist. A finished stream's
 * are read from its kept rollup (its report part) when that is current, with the default options.
 */
export async function getViewerChanges(
  store: Store,
  streamId: string,
  options: ViewerChangesOptions = {},
): Promise<StreamViewerChanges | NoData | null> {
  if (options.lookbackMinutes === undefined && options.minConfidence === undefined) {
    const kept = await findKeptRollupPart(store, streamId, 'report');
    if (kept) return kept.viewerChanges;
  }
  return computeViewerChanges(store, streamId, options);
}

/** Viewer changes of a stream from its records (never its rollup); null when the stream does not exist. */
export async function computeViewerChanges(
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
  const steps = findViewerSteps(points);
  const trends = findViewerTrends(points, steps);
  const all = [...steps, ...trends].sort((a, b) => a.toTs - b.toTs);
  for (const step of all) {
    // A trend's cause came before it set off (a poll of slack: its start is only known to a poll).
    const causeUntil = step.shape === 'trend' ? step.fromTs + 60_000 : step.toTs;
    // A slide that follows a raid is raiders leaving: a trend looks further back for what set it off.
    const windowFrom = step.fromTs - (step.shape === 'trend' ? Math.max(lookbackMs, 10 * 60_000) : lookbackMs);
    const transcript = await loadTranscript(store, s, windowFrom, causeUntil, options.minConfidence);
    const causes = explain(step, windowFrom, causeUntil, streamEvents, chat, s.startedAt);
    for (const t of transcript.slice(-2))
      causes.push({ kind: 'transcript', ts: t.ts, offsetMs: t.offsetMs, description: `streamer said: "${t.text}"` });
    const offsetMs = (step.shape === 'trend' ? step.fromTs : step.toTs) - s.startedAt;
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
        note:
          step.shape === 'trend'
            ? `viewers moved steadily from ${step.before} to ${step.after} over ${Math.round((step.toTs - step.fromTs) / 60_000)} min`
            : `median viewers ${step.before} before, ${step.after} after`,
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

type Step = Pick<ViewerChange, 'shape' | 'direction' | 'fromTs' | 'toTs' | 'before' | 'after' | 'change' | 'changePct'>;

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
      jump: Math.abs(points[i]!.viewers - points[i - 1]!.viewers),
      shape: 'step',
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
  const strength = (c: Candidate) => Math.abs(c.change) + c.jump;
  for (const c of candidates) {
    const last = out.at(-1);
    if (last && c.i - last.i < width && c.direction === last.direction) {
      if (strength(c) > strength(last)) out[out.length - 1] = c;
    } else out.push(c);
  }
  // Medians over 3 polls place a step up to a couple of polls off: it sits at the poll, among its neighbours,
  // where the count itself moved most its way (so a cause is never "after" a step placed too early).
  return out.map(({ i, jump: _jump, ...step }) => {
    let k = i;
    const sign = step.direction === 'rise' ? 1 : -1;
    for (let j = Math.max(1, i - width + 1); j <= Math.min(points.length - 1, i + width - 1); j++)
      if (sign * (points[j]!.viewers - points[j - 1]!.viewers) > sign * (points[k]!.viewers - points[k - 1]!.viewers))
        k = j;
    return { ...step, fromTs: points[k - 1]!.ts, toTs: points[k]!.ts };
  });
}

/** Windows a gradual trend is looked for in, in minutes. */
const trendMinutes = { shortest: 8, longest: 25 };

/**
 * Sustained gradual changes the step test misses (107 → 84 over 14 minutes): a stretch of 8–25 minutes whose
 * polls follow a straight line closely (R² ≥ 0.75) and move by ≥ 15 % and ≥ 5 viewers along it, with no single
 * poll-to-poll jump carrying half of that (then it is a step). Stretches overlapping a step are skipped;
 * of overlapping stretches the one moving most (less half a viewer per minute of length) wins.
 */
export function findViewerTrends(points: readonly ViewerPoint[], steps: readonly Step[] = []): Step[] {
  const candidates: (Step & { i: number; j: number })[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const minutes = (points[j]!.ts - points[i]!.ts) / 60_000;
      if (minutes < trendMinutes.shortest) continue;
      if (minutes > trendMinutes.longest) break;
      const window = points.slice(i, j + 1);
      const fit = fitLine(window);
      if (fit.r2 < 0.75) continue;
      // The counts at either end (median of the end poll and its neighbours inside the stretch), not the line's.
      const before = median(points.slice(i, i + 3).map((p) => p.viewers))!;
      const after = median(points.slice(Math.max(i, j - 2), j + 1).map((p) => p.viewers))!;
      const change = after - before;
      if (Math.abs(change) < 5 || Math.abs(change) < 0.15 * Math.max(before, 1)) continue;
      let biggestJump = 0;
      for (let k = i + 1; k <= j; k++)
        biggestJump = Math.max(biggestJump, Math.abs(points[k]!.viewers - points[k - 1]!.viewers));
      if (biggestJump >= Math.abs(change) / 2) continue;
      const fromTs = points[i]!.ts;
      const toTs = points[j]!.ts;
      if (steps.some((st) => st.toTs >= fromTs && st.fromTs <= toTs)) continue;
      candidates.push({
        i,
        j,
        shape: 'trend',
        direction: change > 0 ? 'rise' : 'drop',
        fromTs,
        toTs,
        before,
        after,
        change,
        changePct: round((change / Math.max(before, 1)) * 100, 1),
      });
    }
  }
  // The stretch that moves most, less half a viewer a minute: a flat tail adds minutes but no change.
  const score = (c: Step) => Math.abs(c.change) - (c.toTs - c.fromTs) / 120_000;
  candidates.sort((a, b) => score(b) - score(a));
  const chosen: (Step & { i: number; j: number })[] = [];
  for (const c of candidates) if (!chosen.some((o) => c.i <= o.j && c.j >= o.i)) chosen.push(c);
  return chosen.sort((a, b) => a.i - b.i).map(({ i: _i, j: _j, ...step }) => step);
}

/** Least-squares line through viewer points, with its R² (1 for a flat line of equal values). */
function fitLine(points: readonly ViewerPoint[]): { at: (ts: number) => number; r2: number } {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.ts, 0) / n;
  const my = points.reduce((a, p) => a + p.viewers, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.ts - mx) * (p.viewers - my);
    sxx += (p.ts - mx) ** 2;
    syy += (p.viewers - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const r2 = syy === 0 ? 1 : sxx === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { at: (ts) => my + slope * (ts - mx), r2 };
}

/**
 * What happened before a change, each cause once: a category or title change seen both by the poll
 * (`stream.change`) and by EventSub (`channel.update`) is one change, kept at its first report.
 */
function explain(
  step: Step,
  from: number,
  until: number,
  events: readonly TimelineEvent[],
  chat: readonly ChatMinute[],
  startedAt: number,
): ViewerChangeCause[] {
  const causes: ViewerChangeCause[] = [];
  const seen = new Set<string>();
  const cause = (kind: ViewerChangeCause['kind'], ts: number, description: string) =>
    causes.push({ kind, ts, offsetMs: ts - startedAt, description });
  for (const e of events) {
    // Only what happened before the change: something after it cannot have caused it.
    if (e.ts < from || e.ts > until) continue;
    const anchor = step.shape === 'trend' ? step.fromTs : step.toTs;
    const ago = Math.round((anchor - e.ts) / 60_000);
    const when = ago <= 0 ? 'just before' : `${ago} min before`;
    const key = `${e.kind}:${e.label.split('→').at(-1)!.trim()}`;
    if (e.kind === 'category-change' || e.kind === 'title-change') {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (e.kind === 'ad-break') cause('ad-break', e.ts, `${e.label} started ${when}`);
    else if (e.kind === 'raid-in' || e.kind === 'raid-out' || e.kind === 'category-change' || e.kind === 'title-change')
      cause(e.kind, e.ts, `${e.label} (${when})`);
    else if (e.kind === 'hype-train') cause('hype-moment', e.ts, `${e.label} (${when})`);
  }
  const rates = chat.map((c) => c.messages);
  const typical = median(rates) ?? 0;
  const window = chat.filter((c) => c.ts >= from && c.ts < until);
  const minutes = Math.max(1, Math.round((until - from) / 60_000));
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
  /** `step`: a jump between polls; `trend`: a steady climb or slide over 8–25 minutes (from → to). */
  shape: 'step' | 'trend';
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
