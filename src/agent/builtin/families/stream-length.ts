// "Am I streaming too long?", "should I stream longer?", "what's the best stream length for me?": shorter and
// longer finished streams set side by side (average viewers, follows an hour, hours watched a stream) and how many
// viewers were still there in each stream's last half hour against its peak.

import { compareStreamLengths, type LengthHalf } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { num, plural } from '../format.ts';
import type { Family } from './family.ts';

/** Under this share of the peak in the last half hour, viewers thin out before the end. */
const thinning = 0.6;

export const streamLengthFamily: Family = {
  kind: 'stream-length',
  title: 'How long to stream',
  examples: ['Am I streaming too long?', 'Should I stream longer?', "What's the best stream length for me?"],
  score: (q) =>
    /\b(am i|are my streams?|is my stream|do i) (streaming |stream )?too (long|short)\b|\bshould i stream (longer|shorter|less|more hours|for longer)\b|\bhow long should (i stream|my streams? be)\b|\b(best|ideal|optimal|right|perfect) (stream |streaming )?(length|duration)\b|\b(longer|shorter) streams?\b.*\b(better|worse|help|more)\b/.test(
      q,
    )
      ? 5
      : 0,
  async compose(ctx) {
    const period = ctx.entities.period;
    const r = await compareStreamLengths(ctx.store, ctx.channel.id, period?.from ?? 0, period?.to ?? ctx.now + 1);
    if (r.streams < 2)
      throw new CannotAnswer(
        `${ctx.channel.login} has ${r.streams === 0 ? 'no finished stream' : 'only one finished stream'} with viewer counts${period ? ` in ${period.label}` : ''}: lengths cannot be compared`,
        ['summary', 'viewer-arrival'],
      );
    const thins = r.endShareOfPeak !== null && r.endShareOfPeak < thinning;
    const ending =
      r.endShareOfPeak === null
        ? []
        : [
            '',
            `In the last half hour of a stream, a median ${num(r.endShareOfPeak * 100)}% of its peak viewers were still watching.`,
          ];
    const scope = `your last ${plural(r.streams, 'stream')} with viewer counts${period ? ` in ${period.label}` : ''}`;
    if (r.sameLength || !r.shorter || !r.longer)
      return [
        `${scope} all ran about ${plural(Math.round(r.medianMinutes ?? 0), 'minute')}, so shorter and longer streams cannot be compared yet.`,
        ...ending,
        '',
        thins
          ? 'Viewers thin out well before the end: try ending when they fall below about half the peak, or move the best part of the stream earlier.'
          : 'Viewers hold up to the end: a longer stream or two would show whether the extra time adds hours watched and follows.',
      ].join('\n');
    const { shorter, longer } = r;
    const row = (label: string, x: LengthHalf) =>
      `- ${label} (${plural(x.streams, 'stream')}, about ${plural(Math.round(x.minutes), 'minute')}): ${num(x.avgViewers)} average viewers, ${num(x.followsPerHour)} follows an hour, ${num(x.hoursWatched)} hours watched a stream`;
    // More viewers in the longer streams settle it; about as many hold up if follows an hour do too.
    const viewersRatio = longer.avgViewers / Math.max(shorter.avgViewers, 0.1);
    const followsRatio = longer.followsPerHour / Math.max(shorter.followsPerHour, 0.01);
    const longHolds = viewersRatio >= 1.1 || (viewersRatio >= 0.9 && followsRatio >= 0.8);
    const fewest = Math.min(shorter.streams, longer.streams);
    const caution =
      fewest < 3 ? ` One side has only ${plural(fewest, 'stream')}: take this as a hint, not a rule.` : '';
    const verdict = longHolds
      ? `Longer streams hold their audience: ${num(longer.avgViewers)} vs ${num(shorter.avgViewers)} average viewers, ${num(longer.followsPerHour)} vs ${num(shorter.followsPerHour)} follows an hour, and ${num(longer.hoursWatched)} vs ${num(shorter.hoursWatched)} hours watched a stream. Streaming longer looks worth it${thins ? ', as long as the last part has something to stay for' : ''}.${caution}`
      : `Longer streams do worse (${num(longer.avgViewers)} vs ${num(shorter.avgViewers)} average viewers, ${num(longer.followsPerHour)} vs ${num(shorter.followsPerHour)} follows an hour): the extra time mostly stretches the same audience thinner. Around ${plural(Math.round(shorter.minutes), 'minute')} suits you better.${caution}`;
    return [
      `${scope}, split at the median length (${plural(Math.round(r.medianMinutes ?? 0), 'minute')}), medians of each half:`,
      '',
      row('Shorter', shorter),
      row('Longer', longer),
      ...ending,
      '',
      verdict,
      '',
      'Length goes with the category and the day too: compare within one of them before changing much.',
    ].join('\n');
  },
};
