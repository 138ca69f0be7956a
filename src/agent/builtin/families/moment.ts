// "What happened around 1:20?", "what happened at 52:00 last stream?", "what was going on 1h5m in?": the chat,
// events, viewers and transcript in the minutes around the moment, and how busy chat was against the stream's
// usual minute.

import { formatOffset, type StreamHighlights, type TimelineWindow } from '../../../analytics/index.ts';
import { CannotAnswer } from '../answer-context.ts';
import { moment, num, streamLink } from '../format.ts';
import type { Family } from './family.ts';

const MIN = 60_000;
const halfWindowMs = 3 * MIN;

export const momentFamily: Family = {
  kind: 'moment',
  title: 'What happened at a moment',
  examples: ['What happened around 1:20?', 'What happened at 52:00 in my last stream?'],
  score: (q, e) =>
    e.offsetMs === null
      ? 0
      : 2 +
        (/\bwhat (happened|was happening|was going on|went on|'s going on|did (i|chat) (do|say|talk about))|\bwhat('s| was) (that|this) (at|around)|\bexplain\b|\bwhy was chat|\bwhat was (chat|everyone)/.test(
          q,
        )
          ? 2
          : 0),
  async compose(ctx) {
    const offsetMs = ctx.entities.offsetMs ?? 0;
    const stream = await ctx.pickStream();
    if (offsetMs > stream.durationMs + MIN)
      throw new CannotAnswer(
        `${streamLink(stream, ctx.tools.timeZone)} lasted ${formatOffset(stream.durationMs)}, so nothing happened at ${formatOffset(offsetMs)}`,
        ['highlights', 'summary'],
      );
    const from = Math.max(0, offsetMs - halfWindowMs);
    const w = await ctx.tools.call<TimelineWindow>('timeline_window', {
      stream: stream.id,
      from,
      to: offsetMs + halfWindowMs,
    });
    const id = stream.id;
    const perMinute = new Map<number, typeof w.chat>();
    for (const line of w.chat) {
      const minute = Math.floor(line.offsetMs / MIN);
      perMinute.set(minute, [...(perMinute.get(minute) ?? []), line]);
    }
    const busiest = [...perMinute].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0];
    const usual = stream.durationMs > 0 ? await usualPerMinute(ctx, id, stream.durationMs) : null;
    const parts: string[] = [];
    const windowLabel = `${moment(id, from)}–${moment(id, offsetMs + halfWindowMs)}`;
    if (w.events.length)
      parts.push(`Recorded then:\n${w.events.map((e) => `- ${e.label} at ${moment(id, e.offsetMs)}`).join('\n')}`);
    const first = w.viewers[0];
    const last = w.viewers[w.viewers.length - 1];
    if (first && last)
      parts.push(
        `Viewers went from ${first.viewers} at ${moment(id, first.offsetMs)} to ${last.viewers} at ${moment(id, last.offsetMs)}.`,
      );
    if (w.chat.length === 0) parts.push(`Chat was silent from ${windowLabel}.`);
    else if (busiest && usual && busiest[1].length >= Math.max(3, 1.5 * usual)) {
      const tokens = topTokens(busiest[1].map((c) => c.text));
      const said = tokens.length ? `, saying ${tokens.map((t) => `**${t.token}** ×${t.count}`).join(', ')}` : '';
      parts.push(
        `Chat spiked: ${busiest[1].length} messages at ${moment(id, busiest[0] * MIN)} (${num(busiest[1].length / usual)}× the usual ${num(usual)} a minute)${said}.`,
      );
      parts.push(
        busiest[1]
          .slice(0, 3)
          .map((c) => `> ${c.userLogin}: ${c.text.slice(0, 120)}`)
          .join('\n'),
      );
    } else
      parts.push(
        `Chat ran at its usual pace: ${w.chat.length} messages from ${windowLabel}${usual ? ` (usually ${num(usual)} a minute)` : ''}.`,
      );
    if (w.transcript.length)
      parts.push(
        `You said: ${w.transcript
          .slice(0, 3)
          .map((t) => `"${t.text.slice(0, 140)}"`)
          .join(' … ')}`,
      );
    const highlight = await nearHighlight(ctx, id, offsetMs);
    if (highlight) parts.push(highlight);
    return `around ${moment(id, offsetMs)} in ${streamLink(stream, ctx.tools.timeZone)}:\n\n${parts.join('\n\n')}`;
  },
};

/** The stream's chat messages a minute, over its whole length. */
export async function usualPerMinute(ctx: Parameters<Family['compose']>[0], streamId: string, durationMs: number) {
  const row = await ctx.tools.call<{ figures: { chatMessages: { value: number | null } } }>('stream_summary', {
    stream: streamId,
  });
  const messages = row.figures.chatMessages.value;
  return messages === null ? null : messages / Math.max(1, durationMs / MIN);
}

async function nearHighlight(ctx: Parameters<Family['compose']>[0], streamId: string, offsetMs: number) {
  const r = await ctx.tools.call<StreamHighlights>('highlights', { stream: streamId, limit: 5 }).catch(() => null);
  const h = r?.highlights.find((x) => Math.abs(x.offsetMs - offsetMs) <= 5 * MIN);
  return h
    ? `This is highlight #${h.rank} of the stream (${h.kinds.join(', ')}) at ${moment(streamId, h.offsetMs)}.`
    : null;
}

/** Words and emotes repeated in the lines (each counted once per line), most frequent first. */
export function topTokens(texts: readonly string[]): { token: string; count: number }[] {
  const counts = new Map<string, number>();
  const stop = new Set(['the', 'a', 'is', 'i', 'you', 'to', 'and', 'it', 'that', 'this', 'of', 'in', 'lol']);
  for (const text of texts)
    for (const token of new Set(text.split(/\s+/).filter((t) => t.length > 1 && !stop.has(t.toLowerCase()))))
      counts.set(token, (counts.get(token) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= 3)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([token, count]) => ({ token, count }));
}
