// Writes the words of one simulated chat line from a channel's vocabulary and works out where its native
// emotes sit, in code points (Twitch's unit), so the `emotes` tag always points at the right text.

import type { Random } from '../random.ts';
import type { ChatSettings } from '../scenario/scenario-schema.ts';
import type { SimEmote } from './sim-event.ts';

export type LineKind = 'greeting' | 'question' | 'laughter' | 'emotes' | 'general';

export interface ComposedLine {
  text: string;
  emotes: SimEmote[];
}

/** Picks what kind of line a chatter writes; greetings are likelier in a chatter's first line of a stream. */
export function pickLineKind(random: Random, firstInStream: boolean): LineKind {
  const r = random.next();
  if (firstInStream && r < 0.35) return 'greeting';
  if (r < 0.1) return 'question';
  if (r < 0.22) return 'laughter';
  if (r < 0.35) return 'emotes';
  return 'general';
}

/** Composes a line of the given kind; `extraEmotes` (names) are used for planted bursts. */
export function composeChatLine(random: Random, chat: ChatSettings, kind: LineKind): ComposedLine {
  switch (kind) {
    case 'greeting':
      return joinTokens(chat, [random.pick(chat.greetings)]);
    case 'question':
      return joinTokens(chat, [random.pick(chat.questions)]);
    case 'laughter':
      return joinTokens(chat, [random.pick(chat.laughter)]);
    case 'emotes': {
      const emote = random.pick(chat.emotes).name;
      return joinTokens(
        chat,
        Array.from({ length: random.int(1, 3) }, () => emote),
      );
    }
    default: {
      const tokens = [random.pick(chat.lines)];
      if (random.chance(0.3)) tokens.push(random.pick(chat.emotes).name);
      return joinTokens(chat, tokens);
    }
  }
}

/** Composes a burst line: one or more of the moment's emotes, sometimes after one of its lines. */
export function composeBurstLine(
  random: Random,
  chat: ChatSettings,
  emotes: readonly string[],
  lines: readonly string[],
): ComposedLine {
  const tokens: string[] = [];
  if (lines.length > 0 && random.chance(0.4)) tokens.push(random.pick(lines));
  const emote = random.pick(emotes);
  for (let i = random.int(1, 3); i > 0; i--) tokens.push(emote);
  return joinTokens(chat, tokens);
}

/** Joins tokens with spaces and finds every whole-word native emote, grouped by id like Twitch does. */
export function joinTokens(chat: ChatSettings, tokens: readonly string[]): ComposedLine {
  const text = tokens.join(' ');
  const ids = new Map(chat.emotes.filter((e) => e.id !== undefined).map((e) => [e.name, e.id!]));
  const emotes: SimEmote[] = [];
  let position = 0;
  for (const word of text.split(' ')) {
    const length = [...word].length;
    const id = ids.get(word);
    if (id !== undefined && length > 0) emotes.push({ id, start: position, end: position + length - 1 });
    position += length + 1;
  }
  return { text, emotes };
}

/** The `emotes` tag value: `id:start-end,start-end/id:…`, ranges grouped by emote id. */
export function formatEmotesTag(emotes: readonly SimEmote[]): string {
  const groups = new Map<string, string[]>();
  for (const e of emotes) groups.set(e.id, [...(groups.get(e.id) ?? []), `${e.start}-${e.end}`]);
  return [...groups].map(([id, ranges]) => `${id}:${ranges.join(',')}`).join('/');
}
