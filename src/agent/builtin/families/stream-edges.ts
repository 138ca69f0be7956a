// "What was the first message of the stream?", "who was the first chatter?", "what did people say in the first 10
// minutes?", "how did chat react at the end of the stream?": the opening or closing minutes of a stream — its
// first (or last) messages and chatters, how busy chat was against the stream's usual pace, what it said, the
// viewers and what you said.

import { formatOffset, type TimelineWindow } from '../../../analytics/index.ts';
import type { AnswerContext } from '../answer-context.ts';
import { moment, num, plural, streamLink } from '../format.ts';
import type { Family } from './family.ts';
import { topTokens, usualPerMinute } from './moment.ts';

const MIN = 60_000;

/** The timeline tool's window, which counts its chat. */
type CountedWindow = TimelineWindow & Required<Pick<TimelineWindow, 'chatCounts'>>;
/** The longest window the timeline tool gives. */
const maxMinutes = 30;

const counts: Record<string, number> = {
  few: 5,
  couple: 2,
  'couple of': 2,
  two: 2,
  three: 3,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};
const amount = '(\\d{1,3}|few|couple(?: of)?|two|three|five|ten|fifteen|twenty|thirty)';
const firstMinutes = new RegExp(`\\b(?:first|opening) ${amount} ?(?:minutes?|mins?)\\b`);
const lastMinutes = new RegExp(`\\b(?:last|final|closing) ${amount} ?(?:minutes?|mins?)\\b`);
const firstOne =
  /\bfirst (message|msg|chat message|chatter|thing (chat|people|anyone|someone) said)\b|\bfirst (person|one|viewer) (to|in) (chat|talk|type|say|write|speak)|\bwho (chatted|talked|typed|spoke|wrote|said (something|hi|hello)) first\b/;
const lastOne =
  /\blast (message|msg|chat message|chatter|thing (chat|people|anyone|someone) said)\b|\blast (person|one|viewer) (to|in) (chat|talk|type|say|write|speak)|\bwho (chatted|talked|typed|spoke|wrote|said (something|bye|goodbye)) last\b/;
const chatWords = /\b(chat\w*|say|said|saying|talk\w*|messages?|people|viewers|react\w*|type\w*|wrote|write)\b/;
const opening =
  /\b(start|beginning|opening|first minutes) of (the |my |last |this |that )?(stream|broadcast)\b|\bwhen (i|we) (went|go|going) live\b/;
const closing =
  /\b(end|ending|close|last minutes) of (the |my |last |this |that )?(stream|broadcast)\b|\bwhen (i|we) (ended|end|ending|signed off|raided out)\b/;

interface Edge {
  edge: 'start' | 'end';
  minutes: number;
  /** "who was the first chatter": the first (last) messages lead the answer. */
  firstOrLastOne: boolean;
}

/** The edge of a stream a question asks about, or null. */
export function toEdge(q: string): Edge | null {
  const window = (m: RegExpMatchArray | null) => (m ? Math.min(maxMinutes, Number(m[1]) || counts[m[1]!] || 10) : null);
  const first = window(q.match(firstMinutes));
  if (first !== null) return { edge: 'start', minutes: first, firstOrLastOne: firstOne.test(q) };
  const last = window(q.match(lastMinutes));
  if (last !== null) return { edge: 'end', minutes: last, firstOrLastOne: lastOne.test(q) };
  if (firstOne.test(q)) return { edge: 'start', minutes: maxMinutes, firstOrLastOne: true };
  if (lastOne.test(q)) return { edge: 'end', minutes: maxMinutes, firstOrLastOne: true };
  if (chatWords.test(q) && opening.test(q)) return { edge: 'start', minutes: 10, firstOrLastOne: false };
  if (chatWords.test(q) && closing.test(q)) return { edge: 'end', minutes: 10, firstOrLastOne: false };
  return null;
}

export const streamEdgesFamily: Family = {
  kind: 'stream-edges',
  title: 'How chat opened and closed a stream',
  examples: ['What was the first message of my last stream?', 'What did people say in the first 10 minutes?'],
  score: (q) => (toEdge(q) ? 5 : 0),
  async compose(ctx) {
    const ask = toEdge(ctx.q)!;
    const stream = await ctx.pickStream();
    const lengthMs = Math.max(stream.durationMs, MIN);
    const spanMs = Math.min(ask.minutes * MIN, lengthMs);
    const [from, to] = ask.edge === 'start' ? [0, spanMs] : [lengthMs - spanMs, lengthMs];
    const w = await ctx.tools.call<CountedWindow>('timeline_window', {
      stream: stream.id,
      from,
      to,
      chat: ask.edge === 'start' ? 'first' : 'last',
    });
    const id = stream.id;
    const minutes = Math.round(spanMs / MIN);
    const label = `the ${ask.edge === 'start' ? 'first' : 'last'} ${plural(minutes, 'minute')} (${formatOffset(from)}–${formatOffset(to)})`;
    const where = `${label} of ${streamLink(stream, ctx.tools.timeZone)}`;
    if (w.chatCounts.messages === 0)
      return `chat was silent in ${where}.${viewersLine(w, id) ? `\n\n${viewersLine(w, id)}` : ''}`;
    // "Who was the first chatter?" is answered by the first lines; the rest is for "the first 10 minutes".
    const window = ask.firstOrLastOne
      ? []
      : [saidLine(w), viewersLine(w, id), eventsLine(w, id), transcriptLine(w, ask.edge)];
    const parts = [
      ...openingLines(ctx, w, ask.edge),
      await paceLine(ctx, w, stream.durationMs, spanMs),
      ...window,
    ].filter((line): line is string => !!line);
    return `${ask.edge === 'start' ? 'how chat opened' : 'how chat closed'} ${where}:\n\n${parts.join('\n')}`;
  },
};

/** The first (or last) message and the first (or last) chatters other than the streamer. */
function openingLines(ctx: AnswerContext, w: TimelineWindow, edge: Edge['edge']): string[] {
  const id = w.stream.id;
  const lines = w.chat.filter((c) => !c.deleted);
  const ordered = edge === 'start' ? lines : [...lines].reverse();
  const word = edge === 'start' ? 'First' : 'Last';
  const out: string[] = [];
  const one = ordered[0];
  if (one)
    out.push(`- ${word} message: **${one.userLogin}** at ${moment(id, one.offsetMs)}: "${one.text.slice(0, 160)}"`);
  const chatters = new Map<string, number>();
  for (const c of ordered)
    if (c.userLogin !== ctx.channel.login && !chatters.has(c.userLogin)) chatters.set(c.userLogin, c.offsetMs);
  const named = [...chatters].slice(0, 5);
  if (named.length > 0)
    out.push(
      `- ${word} chatters${edge === 'end' ? ' (latest first)' : ''}${ctx.channel.login ? ` other than ${ctx.channel.login}` : ''}: ${named.map(([login, at]) => `**${login}** at ${moment(id, at)}`).join(', ')}`,
    );
  return out;
}

async function paceLine(ctx: AnswerContext, w: CountedWindow, durationMs: number, spanMs: number) {
  const usual = durationMs > spanMs ? await usualPerMinute(ctx, w.stream.id, durationMs) : null;
  const minutes = spanMs / MIN;
  const against =
    usual && usual > 0
      ? ` — ${num(w.chatCounts.messages / minutes / usual)}× the stream's usual pace (${num(usual * minutes)} messages in ${plural(Math.round(minutes), 'minute')})`
      : '';
  return `- Chat: ${plural(w.chatCounts.messages, 'message')} from ${plural(w.chatCounts.chatters, 'chatter')}${against}`;
}

function saidLine(w: TimelineWindow) {
  const tokens = topTokens(w.chat.filter((c) => !c.deleted).map((c) => c.text));
  return tokens.length ? `- Chat said: ${tokens.map((t) => `**${t.token}** ×${t.count}`).join(', ')}` : null;
}

function viewersLine(w: TimelineWindow, id: string) {
  const first = w.viewers[0];
  const last = w.viewers[w.viewers.length - 1];
  if (!first || !last) return null;
  return `- Viewers: ${first.viewers} at ${moment(id, first.offsetMs)} → ${last.viewers} at ${moment(id, last.offsetMs)}`;
}

function eventsLine(w: TimelineWindow, id: string) {
  if (w.events.length === 0) return null;
  const shown = w.events.slice(0, 6).map((e) => `${e.label} at ${moment(id, e.offsetMs)}`);
  return `- Recorded: ${shown.join('; ')}${w.events.length > 6 ? ` and ${w.events.length - 6} more` : ''}`;
}

function transcriptLine(w: TimelineWindow, edge: Edge['edge']) {
  const lines = edge === 'start' ? w.transcript.slice(0, 2) : w.transcript.slice(-2);
  return lines.length ? `- You said: ${lines.map((t) => `"${t.text.slice(0, 140)}"`).join(' … ')}` : null;
}
