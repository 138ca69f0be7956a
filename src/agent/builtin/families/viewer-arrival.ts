// "When do my viewers usually join?", "how long does my stream take to fill up?", "what time did viewers peak last
// stream?": how far into a stream its viewers arrive — half and nine tenths of the peak, the peak itself — for one
// stream when the question names it (or asks about a single past peak), else as medians over the last streams
// with viewer counts, with what it means for the stream's first minutes.

import { getViewerArrival, type StreamArrival, type StreamListItem } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** Streams read for a "usually" answer: the most recent finished ones. */
const recentStreams = 10;
/** Streams shown one by one; the medians use them all. */
const listed = 5;

const arriveWords = '(join|joins|arrive|arrives|show up|shows up|come in|come|tune in|turn up|pile in|roll in)';
const audience = '(most (of )?|all (of )?)?(my |the )?(viewers|people|audience|chat(ters)?|community|crowd|folks)';

export const viewerArrivalFamily: Family = {
  kind: 'viewer-arrival',
  title: 'When viewers arrive in a stream',
  examples: ['When do my viewers usually join?', 'How long does my stream take to fill up?', 'When did viewers peak?'],
  score: (q) =>
    (new RegExp(
      `\\b(when|what time|how (early|late|soon|fast|quickly)) (do|does|did) ${audience} (usually |normally |typically |mostly |actually )?${arriveWords}\\b`,
    ).test(q)
      ? 5
      : 0) +
    (/\bhow (long|fast|quickly|soon)\b.*\b(fill(s|ing)? up|ramp(s|ing)? up|build(s|ing)? up|reach (its |my |the )?peak|get to (its |my |the )?peak|hit (its |my |the )?peak)\b/.test(
      q,
    )
      ? 5
      : 0) +
    (/\b(when|what time|at what point|how far in(to)?)\b.*\b(viewers?|viewer count|stream|audience|i)\b.*\bpeak(ed|s)?\b|\bwhen (was|is|does) (my|the) peak\b/.test(
      q,
    )
      ? 5
      : 0) +
    (/\b(viewer|audience) (arrival|ramp)\b|\bramp(-| )up\b/.test(q) ? 3 : 0),
  async compose(ctx) {
    const single = ctx.namesStream || /\b(did|was)\b/.test(ctx.q);
    const streams = single
      ? [await ctx.pickStream()]
      : (await ctx.streamsInPeriod()).filter((s) => !s.live).slice(0, recentStreams);
    const r = await getViewerArrival(ctx.store, streams);
    const scope = ctx.entities.period ? ` in ${ctx.entities.period.label}` : '';
    if (r.streams.length === 0)
      throw new CannotAnswer(
        single
          ? `${streamLink(streams[0]!, ctx.tools.timeZone)} has too few viewer counts recorded to tell when viewers came (imported chat has none)`
          : `${ctx.channel.login} has no finished stream with viewer counts${scope} (imported chat has none)`,
        ['summary', 'best-time'],
      );
    const byId = new Map(streams.map((s) => [s.id, s]));
    if (single) return describeOne(byId.get(r.streams[0]!.streamId)!, r.streams[0]!, ctx.tools.timeZone);
    const n = r.streams.length;
    const lines = [
      `over your last ${plural(n, 'stream')} with viewer counts${scope}, viewers reach half their peak a median ${minutes(r.medianHalfPeakMinutes)} in and nine tenths of it at ${minutes(r.medianNearPeakMinutes)}; the peak itself comes a median ${minutes(r.medianPeakMinutes)} in (${num((r.medianPeakShare ?? 0) * 100)}% of the way through a stream).`,
      '',
      ...r.streams.slice(0, listed).map((a) => {
        const s = byId.get(a.streamId)!;
        return `- ${streamLink(s, ctx.tools.timeZone)}: half of the peak at ${moment(s.id, a.halfPeakOffsetMs)}, peak ${num(a.peakViewers)} at ${moment(s.id, a.peakOffsetMs)}${checkpoints(a)}`;
      }),
      ...(n > listed ? [`- … and ${plural(n - listed, 'older stream')} in the medians`] : []),
      '',
      advice(r.medianHalfPeakMinutes, r.medianNearPeakMinutes, r.slowStarts, n),
    ];
    return lines.join('\n');
  },
};

const minutes = (m: number | null) => (m === null ? 'an unknown time' : plural(m, 'minute'));

const checkpoints = (a: StreamArrival) => {
  const known = a.viewersAt.filter((v) => v.viewers !== null);
  return known.length === 0 ? '' : ` (${known.map((v) => `${num(v.viewers)} at ${v.minute} min`).join(', ')})`;
};

function describeOne(s: StreamListItem, a: StreamArrival, timeZone: string): string {
  return [
    `in ${streamLink(s, timeZone)}, viewers peaked at ${num(a.peakViewers)} at ${moment(s.id, a.peakOffsetMs)}. They reached half of that at ${moment(s.id, a.halfPeakOffsetMs)} and nine tenths at ${moment(s.id, a.nearPeakOffsetMs)}.`,
    '',
    `Viewers along the way: ${a.viewersAt
      .filter((v) => v.viewers !== null)
      .map((v) => `${num(v.viewers)} at ${v.minute} minutes`)
      .join(', ')} (from ${plural(a.snapshots, 'viewer count')}).`,
  ].join('\n');
}

function advice(
  halfPeakMinutes: number | null,
  nearPeakMinutes: number | null,
  slowStarts: number,
  streams: number,
): string {
  if (halfPeakMinutes === null || nearPeakMinutes === null) return '';
  if (halfPeakMinutes >= 15 || slowStarts > streams / 2)
    return `Your streams fill slowly: ${slowStarts} of ${streams} had under half their peak at 15 minutes in. Keep announcements, giveaways and the main event for after the first ${plural(Math.round(nearPeakMinutes), 'minute')}, and use the start for something newcomers can drop into.`;
  return `Half of your viewers are there within ${plural(halfPeakMinutes, 'minute')}, most of them by ${plural(nearPeakMinutes, 'minute')}: the opening is seen by much of your audience, so start with something worth staying for, and put what you most want everyone to see${nearPeakMinutes >= 10 ? ` after the first ${plural(Math.round(nearPeakMinutes), 'minute')}` : ' early'}.`;
}
