// "Why did viewers drop at 1:20?", "why did I gain viewers around 52:00?", "where did I lose people last
// stream?": the detected viewer change nearest the moment (or the largest one) with what happened before it;
// with no detected change there, the viewer counts and events around the moment.

import {
  describeViewerChange,
  type StreamInfo,
  type StreamViewerChanges,
  type TimelineWindow,
} from '../../../analytics/index.ts';
import type { AnswerContext } from '../answer-context.ts';
import { moment, signed, streamLink } from '../format.ts';
import type { Family } from './family.ts';

const riseWords =
  /\b(ris(e|ing)|rose|grew|grow|gain(ed)?|went up|go up|jump(ed)?|spike(d)?|increase(d)?|surge(d)?|boost(ed)?|more viewers|climb(ed)?)\b/;
const dropWords =
  /\b(drop(ped|s)?|dip(ped)?|los(e|ing)|lost|leav(e|ing)|left|fell|fall|declin(e|ed)|went down|go down|tank(ed)?|plummet(ed)?|bail(ed)?)\b/;

export const viewerChangeFamily: Family = {
  kind: 'viewer-change',
  title: 'Why viewers rose or dropped',
  examples: ['Why did viewers drop at 1:20?', 'Why did my viewers go up around 52:00?'],
  score: (q) =>
    (riseWords.test(q) || dropWords.test(q) ? 2 : 0) +
    (/\b(viewers?|audience|people|viewership|watching|numbers|viewer count)\b/.test(q) ? 1 : 0) +
    (/\bwhy\b|\bwhat caused\b|\breason\b/.test(q) ? 1 : 0),
  async compose(ctx) {
    const direction = riseWords.test(ctx.q) && !dropWords.test(ctx.q) ? 'rise' : 'drop';
    const offsetMs = ctx.entities.offsetMs;
    const picked = await ctx.pickStream();
    const r = await ctx.tools.call<StreamViewerChanges>(
      'viewer_changes',
      offsetMs === null ? { stream: picked.id } : { stream: picked.id, around: offsetMs },
    );
    const wanted = r.changes.filter((c) => c.direction === direction);
    const change =
      offsetMs === null
        ? [...wanted].sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0]
        : (wanted.sort((a, b) => Math.abs(a.offsetMs - offsetMs) - Math.abs(b.offsetMs - offsetMs))[0] ?? r.changes[0]);
    const id = r.stream.id;
    if (!change && offsetMs !== null) return composeWindowChange(ctx, r.stream, offsetMs);
    if (!change)
      return `I found no notable viewer ${direction === 'rise' ? 'rise' : 'drop'} in ${streamLink(r.stream, ctx.tools.timeZone)}.`;
    const causes = change.causes.map((c) => `- ${c.description} at ${moment(id, c.offsetMs)}`);
    const verb = change.direction === 'drop' ? 'dropped' : 'rose';
    return `in ${streamLink(r.stream, ctx.tools.timeZone)}, viewers ${verb} from ${change.before} to ${change.after} (${describeViewerChange(change)}) at ${moment(id, change.offsetMs)}.\n\n${causes.length ? `What happened just before:\n${causes.join('\n')}` : 'Nothing recorded in the minutes before explains it.'}`;
  },
};

const dropKinds = new Set(['ad-break', 'raid-out', 'category-change', 'title-change']);
const riseKinds = new Set(['raid-in', 'hype-train', 'category-change', 'title-change']);

/** No detected change near the moment: the viewer counts around it and what was recorded then. */
async function composeWindowChange(ctx: AnswerContext, stream: StreamInfo, offsetMs: number): Promise<string> {
  const from = Math.max(0, offsetMs - 10 * 60_000);
  const w = await ctx.tools.call<TimelineWindow>('timeline_window', {
    stream: stream.id,
    from,
    to: offsetMs + 5 * 60_000,
  });
  const likely = (kinds: Set<string>) => w.events.find((e) => kinds.has(e.kind));
  const cause = likely(dropKinds) ?? likely(riseKinds) ?? w.events[0];
  const pivot = cause?.offsetMs ?? offsetMs - 5 * 60_000;
  const before = [...w.viewers].reverse().find((v) => v.offsetMs <= pivot) ?? w.viewers[0];
  const afterAll = w.viewers.filter((v) => v.offsetMs > pivot);
  const after = afterAll[afterAll.length - 1];
  const events = w.events.map((e) => `- ${e.label} at ${moment(stream.id, e.offsetMs)}`);
  const counts =
    before && after
      ? `viewers went from ${before.viewers} at ${moment(stream.id, before.offsetMs)} to ${after.viewers} at ${moment(stream.id, after.offsetMs)} (${signed(after.viewers - before.viewers)}), with no sharp change detected`
      : 'no viewer counts were recorded then';
  return `around ${moment(stream.id, offsetMs)} in ${streamLink(stream, ctx.tools.timeZone)}, ${counts}.\n\n${events.length ? `Recorded in those minutes:\n${events.join('\n')}` : 'No events were recorded in those minutes.'}`;
}
