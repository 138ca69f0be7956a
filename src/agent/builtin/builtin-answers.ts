// The built-in analyst's answers, one composer per question kind: tool results in, markdown out, every
// figure taken from a result and every stream or moment linked as `/streams/<id>?t=<offsetMs>`.

import {
  type BestTimes,
  type CategoryComparison,
  formatOffset,
  formatZonedDateTime,
  type Metric,
  type StreamComparison,
  type StreamHighlights,
  type StreamInfo,
  type StreamViewerChanges,
  type SummaryFigureKey,
  type TimelineWindow,
  type TopChatters,
  type WeeklyTrends,
  zoneName,
  zoneOffsetMinutes,
} from '../../analytics/index.ts';
import { toStreamHref } from '../extract-citations.ts';
import { type AnalystTools, ToolFailure } from './analyst-tools.ts';
import type { Intent, StreamPick } from './route-question.ts';

type Composable = Exclude<Intent, { kind: 'help' }>;

/** The markdown answer for a routed question. */
export async function composeAnswer(intent: Composable, tools: AnalystTools): Promise<string> {
  switch (intent.kind) {
    case 'summary':
      return composeSummary(tools, intent.stream);
    case 'best-time':
      return composeBestTime(tools);
    case 'best-category':
      return composeBestCategory(tools);
    case 'viewer-drop':
      return composeViewerDrop(tools, intent.stream, intent.offsetMs);
    case 'top-chatters':
      return composeTopChatters(tools, intent.order);
    case 'highlights':
      return composeHighlights(tools, intent.stream);
    case 'trends':
      return composeTrends(tools);
    case 'compare':
      return composeCompare(tools, intent.a, intent.b);
  }
}

const num = (n: number | null | undefined): string =>
  n === null || n === undefined ? 'not recorded' : String(Math.round(n * 10) / 10);
const pct = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : ` (${n >= 0 ? '+' : ''}${num(n)}%)`;
const moment = (streamId: string, offsetMs: number) =>
  `[${formatOffset(offsetMs)}](${toStreamHref(streamId, offsetMs)})`;
const streamLink = (s: Pick<StreamInfo, 'id' | 'title' | 'startedAt'>, timeZone: string) =>
  `[${s.title.replace(/[[\]]/g, '')}](${toStreamHref(s.id, null)}) (${formatZonedDateTime(s.startedAt, timeZone)})`;

async function pickOrThrow(tools: AnalystTools, pick: StreamPick): Promise<string> {
  const ref = await tools.resolvePick(pick);
  if (ref === null) throw new ToolFailure(`no stream started on ${'day' in pick ? pick.day : 'that day'} (UTC)`);
  return ref;
}

const summaryRows: [SummaryFigureKey, string][] = [
  ['avgViewers', 'Average viewers'],
  ['peakViewers', 'Peak viewers'],
  ['hoursWatched', 'Hours watched'],
  ['follows', 'New follows'],
  ['subsNew', 'New subs'],
  ['chatMessages', 'Chat messages'],
  ['uniqueChatters', 'Unique chatters'],
];

async function composeSummary(tools: AnalystTools, pick: StreamPick): Promise<string> {
  const stream = await pickOrThrow(tools, pick);
  const s = await tools.call<{
    stream: StreamInfo;
    figures: Record<SummaryFigureKey, Metric>;
    comparedWithPrevious: { key: SummaryFigureKey; previousMedian: number | null; deltaPct: number | null }[];
    previousStreams: number;
  }>('stream_summary', { stream });
  const lines = summaryRows.map(([key, label]) => {
    const cmp = s.comparedWithPrevious.find((c) => c.key === key);
    const vs = cmp?.previousMedian != null ? ` — previous median ${num(cmp.previousMedian)}${pct(cmp.deltaPct)}` : '';
    return `- ${label}: ${num(s.figures[key].value)}${vs}`;
  });
  return `${streamLink(s.stream, tools.timeZone)} — ${s.stream.gameName ?? 'no category'}, ${num(s.figures.durationMinutes.value)} minutes.\n\n${lines.join('\n')}\n\nCompared with the median of the ${s.previousStreams} previous streams.`;
}

async function composeBestTime(tools: AnalystTools): Promise<string> {
  const now = Date.now();
  const r = await tools.call<Pick<BestTimes, 'best' | 'tzOffsetMinutes'>>('best_time', {
    tzOffsetMinutes: zoneOffsetMinutes(now, tools.timeZone),
  });
  const zone = zoneName(now, tools.timeZone);
  const [top, ...rest] = r.best;
  if (!top) throw new ToolFailure('not enough streams yet to rank time slots (each needs at least 2 streams)');
  const cell = (c: (typeof r.best)[number]) =>
    `**${c.label} ${zone}**: ${num(c.avgViewers)} average viewers over ${c.streams} streams, ${num(c.followsPerHour)} follows per hour`;
  const others = rest.slice(0, 2).map((c) => `- ${cell(c)}`);
  return `Your best time to stream is ${cell(top)}.${others.length ? `\n\nNext best:\n${others.join('\n')}` : ''}`;
}

async function composeBestCategory(tools: AnalystTools): Promise<string> {
  const r = await tools.call<CategoryComparison>('category_comparison', {});
  const ranked = [...r.categories].sort((x, y) => (y.avgViewers ?? -1) - (x.avgViewers ?? -1));
  const [top, ...rest] = ranked;
  if (!top) throw new ToolFailure('no categories recorded yet');
  const line = (c: (typeof ranked)[number]) =>
    `**${c.gameName}**: ${num(c.avgViewers)} average viewers, ${num(c.followsPerHour)} follows per hour over ${c.streams} streams (${num(c.hours)} h)`;
  const examples = top.streamIds.slice(0, 2).map((id, i) => `[example ${i + 1}](${toStreamHref(id, null)})`);
  return `Your best category is ${line(top)} — e.g. ${examples.join(', ')}.\n\n${rest.map((c) => `- ${line(c)}`).join('\n')}`;
}

async function composeViewerDrop(tools: AnalystTools, pick: StreamPick, offsetMs: number | null): Promise<string> {
  const stream = await pickOrThrow(tools, pick);
  const r = await tools.call<StreamViewerChanges>(
    'viewer_changes',
    offsetMs === null ? { stream } : { stream, around: offsetMs },
  );
  const drops = r.changes.filter((c) => c.direction === 'drop');
  const change = offsetMs === null ? [...drops].sort((a, b) => a.change - b.change)[0] : (drops[0] ?? r.changes[0]);
  const id = r.stream.id;
  if (!change && offsetMs !== null) return composeWindowChange(tools, r.stream, offsetMs);
  if (!change) return `I found no notable viewer change in ${streamLink(r.stream, tools.timeZone)}.`;
  const causes = change.causes.map((c) => `- ${c.description} at ${moment(id, c.offsetMs)}`);
  const verb = change.direction === 'drop' ? 'dropped' : 'rose';
  return `In ${streamLink(r.stream, tools.timeZone)}, viewers ${verb} from ${change.before} to ${change.after} (${change.change >= 0 ? '+' : ''}${change.change}, ${num(change.changePct)}%) at ${moment(id, change.offsetMs)}.\n\n${causes.length ? `What happened just before:\n${causes.join('\n')}` : 'Nothing recorded in the minutes before explains it.'}`;
}

const dropKinds = new Set(['ad-break', 'raid-out', 'category-change', 'title-change']);

/** No detected change near the moment: show the viewer counts around it and what was recorded then. */
async function composeWindowChange(tools: AnalystTools, stream: StreamInfo, offsetMs: number): Promise<string> {
  const from = Math.max(0, offsetMs - 10 * 60_000);
  const w = await tools.call<TimelineWindow>('timeline_window', { stream: stream.id, from, to: offsetMs + 5 * 60_000 });
  // Events that push viewers away come first as the likely cause; else the first thing recorded.
  const cause = w.events.find((e) => dropKinds.has(e.kind)) ?? w.events[0];
  const firstEvent = cause?.offsetMs ?? offsetMs - 5 * 60_000;
  const before = [...w.viewers].reverse().find((v) => v.offsetMs < firstEvent) ?? w.viewers[0];
  const after = w.viewers.filter((v) => v.offsetMs > firstEvent).sort((a, b) => a.viewers - b.viewers)[0];
  const events = w.events.map((e) => `- ${e.label} at ${moment(stream.id, e.offsetMs)}`);
  const counts =
    before && after
      ? `viewers went from ${before.viewers} at ${moment(stream.id, before.offsetMs)} to ${after.viewers} at ${moment(stream.id, after.offsetMs)} (${after.viewers - before.viewers >= 0 ? '+' : ''}${after.viewers - before.viewers})`
      : 'no viewer counts were recorded then';
  return `Around ${moment(stream.id, offsetMs)} in ${streamLink(stream, tools.timeZone)}, ${counts}.\n\n${events.length ? `Recorded in those minutes:\n${events.join('\n')}` : 'No events were recorded in those minutes.'}`;
}

async function composeTopChatters(tools: AnalystTools, order: 'messages' | 'streams'): Promise<string> {
  const r = await tools.call<TopChatters>('top_chatters', { order });
  const lines = r.chatters.map(
    (c, i) => `${i + 1}. **${c.userLogin}** — ${num(c.messages)} messages in ${num(c.streams)} streams`,
  );
  return `Your ${order === 'streams' ? 'most loyal' : 'top'} chatters (${order === 'streams' ? 'most streams attended' : 'most messages'}):\n\n${lines.join('\n')}`;
}

async function composeHighlights(tools: AnalystTools, pick: StreamPick): Promise<string> {
  const stream = await pickOrThrow(tools, pick);
  const r = await tools.call<StreamHighlights>('highlights', { stream, limit: 3 });
  if (r.highlights.length === 0) return `Chat had no stand-out moments in ${streamLink(r.stream, tools.timeZone)}.`;
  const lines = r.highlights.map((h) => {
    const emote = h.topEmotes[0] ? `, top emote ${h.topEmotes[0].token} ×${h.topEmotes[0].count}` : '';
    return `${h.rank}. ${moment(r.stream.id, h.offsetMs)} — ${h.kinds.join(', ')}: ${h.messages} messages (${num(h.ratio)}× the usual ${num(h.baseline)})${emote}`;
  });
  return `Highlights of ${streamLink(r.stream, tools.timeZone)}:\n\n${lines.join('\n')}`;
}

async function composeTrends(tools: AnalystTools): Promise<string> {
  const r = await tools.call<WeeklyTrends>('weekly_trends', { weeks: 12 });
  const weeks = r.weeks.filter((w) => w.streams > 0);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) throw new ToolFailure('no weeks with streams recorded yet');
  const week = (w: typeof first) => new Date(w.weekStart).toISOString().slice(0, 10);
  const lines = weeks.map(
    (w) =>
      `- Week of ${week(w)}: ${w.streams} streams, ${num(w.avgViewers)} average viewers, ${w.follows} follows, ${w.uniqueChatters} chatters`,
  );
  const trend = (last.avgViewers ?? 0) >= (first.avgViewers ?? 0) ? 'up' : 'down';
  return `Average viewers went ${trend} from ${num(first.avgViewers)} (week of ${week(first)}) to ${num(last.avgViewers)} (week of ${week(last)}); you gained ${last.cumulativeFollows} follows over these ${weeks.length} weeks.\n\n${lines.join('\n')}`;
}

async function composeCompare(tools: AnalystTools, a: StreamPick, b: StreamPick): Promise<string> {
  const refA = await pickOrThrow(tools, a);
  const refB = await pickOrThrow(tools, b);
  const r = await tools.call<StreamComparison>('compare_streams', { a: refA, b: refB === refA ? 'latest' : refB });
  const keys = new Set<SummaryFigureKey>(summaryRows.map(([k]) => k));
  const lines = r.figures
    .filter((f) => keys.has(f.key))
    .map((f) => `- ${summaryRows.find(([k]) => k === f.key)![1]}: ${num(f.a)} → ${num(f.b)}${pct(f.deltaPct)}`);
  return `${streamLink(r.b, tools.timeZone)} compared with ${streamLink(r.a, tools.timeZone)}:\n\n${lines.join('\n')}`;
}
