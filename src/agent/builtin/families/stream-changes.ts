// "Did my title change help?", "did switching to Elden Ring lose viewers?", "what did changing the category do?":
// each title or category change of a stream with the viewers and the chat per minute in the 10 minutes before it
// against the 10 after. Without a named stream, the most recent stream that changed its title or category.

import { getStreamChangeEffects, type StreamChangeEffect, type StreamChangeEffects } from '../../../analytics/index.ts';
import { type AnswerContext, CannotAnswer } from '../answer-context.ts';
import { moment, num, streamLink } from '../format.ts';
import type { Family } from './family.ts';

/** A change of viewers or chat within this share is no change. */
const flat = 0.05;

export const streamChangesFamily: Family = {
  kind: 'stream-changes',
  title: 'What a title or category change did',
  examples: ['Did my title change help?', 'Did switching games lose viewers?'],
  score: (q) =>
    /\b(title|category|game)s? (change|changes|changed|switch|switches|switched)\b|\b(chang|switch)(e|ed|ing) (my |the )?(title|category|game)s?\b|\bswitch(ed|ing)? (to|over to|games|categories)\b/.test(
      q,
    )
      ? 5
      : 0,
  async compose(ctx) {
    const { stream, changes, missing } = await findChanges(ctx);
    const titleAsked = /\btitles?\b/.test(ctx.q) && !/\b(categor(y|ies)|games?)\b/.test(ctx.q);
    const gameAsked = /\b(categor(y|ies)|games?|switch\w*)\b/.test(ctx.q) && !/\btitles?\b/.test(ctx.q);
    const shown = changes.filter(
      (c) => (!titleAsked || c.kind === 'title-change') && (!gameAsked || c.kind === 'category-change'),
    );
    const list = shown.length > 0 ? shown : changes;
    const lines = list.map((c) => `- ${moment(stream.id, c.offsetMs)} — ${c.label}: ${describe(c)}`);
    const none = missing ? `no recent stream switched to ${missing} mid-stream; the latest change was ` : '';
    return `${none}in ${streamLink(stream, ctx.tools.timeZone)}, the 10 minutes before each change against those after it:\n\n${lines.join('\n')}`;
  },
};

/** The category a question says was switched to ("switching to Minecraft" → "minecraft"), if any. */
function namedTarget(q: string): string | undefined {
  return /\b(?:switch(?:ed|ing)?|chang(?:ed|ing)|mov(?:ed|ing)) (?:over )?to (.+?)(?:\?|$| (?:lose|lost|hurt|help|helped|cost|work|do|make|gain|get|change)\b)/
    .exec(q)?.[1]
    ?.trim();
}

async function findChanges(
  ctx: AnswerContext,
): Promise<{ stream: StreamChangeEffects['stream']; changes: StreamChangeEffect[]; missing?: string }> {
  const candidates = ctx.namesStream ? [await ctx.pickStream()] : (await ctx.streamsInPeriod()).slice(0, 10);
  // A category the question names ("switching to Minecraft") picks the stream that switched to it.
  const namesTarget = (c: StreamChangeEffect) => {
    const to = c.kind === 'category-change' ? c.label.split('→').pop()!.trim().toLowerCase() : '';
    return to.length > 2 && ctx.q.includes(to);
  };
  let first: StreamChangeEffects | undefined;
  for (const s of candidates) {
    const r = await getStreamChangeEffects(ctx.store, s.id);
    if (!r || r.changes.length === 0) continue;
    if (r.changes.some(namesTarget)) return r;
    first ??= r;
  }
  if (first) return { ...first, missing: namedTarget(ctx.q) };
  throw new CannotAnswer(
    ctx.namesStream
      ? `no title or category change was recorded in ${streamLink(candidates[0]!, ctx.tools.timeZone)}`
      : 'no title or category change was recorded in the recent streams',
    ['viewer-change', 'best-category'],
  );
}

function describe(c: StreamChangeEffect): string {
  const change = (before: number, after: number, unit = '') => {
    if (before === 0) return after === 0 ? `none either side` : `${num(after)}${unit} after`;
    const d = (after - before) / before;
    return `${num(before)} → ${num(after)}${unit} (${d >= 0 ? '+' : '−'}${Math.abs(Math.round(d * 100))}%)`;
  };
  const viewers =
    c.viewersBefore === null || c.viewersAfter === null
      ? 'viewers not recorded'
      : `viewers ${change(c.viewersBefore, c.viewersAfter)}`;
  const chat = `chat ${change(c.chatPerMinuteBefore, c.chatPerMinuteAfter, ' messages a minute')}`;
  const verdict =
    c.viewersBefore === null || c.viewersAfter === null || c.viewersBefore === 0
      ? ''
      : (c.viewersAfter - c.viewersBefore) / c.viewersBefore >= flat
        ? ' — viewers grew after it'
        : (c.viewersBefore - c.viewersAfter) / c.viewersBefore >= flat
          ? ' — viewers fell after it'
          : ' — viewers held';
  // A change made while viewers were already moving is not the cause of all of the move.
  const already =
    c.viewersTrendBefore !== null && c.viewersBefore && Math.abs(c.viewersTrendBefore) / c.viewersBefore >= flat
      ? ` (they were already ${c.viewersTrendBefore > 0 ? 'rising' : 'falling'} before it: ${c.viewersTrendBefore > 0 ? '+' : '−'}${num(Math.abs(c.viewersTrendBefore))} in its 10 minutes before)`
      : '';
  const short =
    c.minutesAfter < 10 ? ` (only ${c.minutesAfter} minutes after it before the next change or the end)` : '';
  return `${viewers}; ${chat}${verdict}${already}${short}`;
}
