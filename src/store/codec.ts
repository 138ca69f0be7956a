// Compact text forms of badges and emotes as stored in chat_messages (the same forms Twitch sends in tags),
// shared by every backend and by readers of the tables.

import type { Badge, EmoteRange } from '../domain.ts';

/**
 * `[{name:'subscriber',version:'12'}]` → `subscriber/12`; null when there are none. A badge Twitch sent without a
 * version (a malformed `subscriber24`) is written as it came, not as `subscriber24/`.
 */
export function encodeBadges(badges: readonly Badge[]): string | null {
  if (badges.length === 0) return null;
  let out = '';
  for (const b of badges) out += `${out ? ',' : ''}${b.version === '' ? b.name : `${b.name}/${b.version}`}`;
  return out;
}

export function decodeBadges(text: string | null | undefined): Badge[] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const slash = part.indexOf('/');
    return slash < 0 ? { name: part, version: '' } : { name: part.slice(0, slash), version: part.slice(slash + 1) };
  });
}

/** Emote ranges → Twitch's `id:start-end,start-end/id:start-end` form; null when there are none. */
export function encodeEmotes(emotes: readonly EmoteRange[]): string | null {
  if (emotes.length === 0) return null;
  const byId = new Map<string, string[]>();
  for (const e of emotes) {
    const list = byId.get(e.id);
    if (list) list.push(`${e.start}-${e.end}`);
    else byId.set(e.id, [`${e.start}-${e.end}`]);
  }
  return [...byId].map(([id, ranges]) => `${id}:${ranges.join(',')}`).join('/');
}

export function decodeEmotes(text: string | null | undefined): EmoteRange[] {
  if (!text) return [];
  const out: EmoteRange[] = [];
  for (const group of text.split('/')) {
    const colon = group.lastIndexOf(':');
    if (colon < 0) continue;
    const id = group.slice(0, colon);
    for (const range of group.slice(colon + 1).split(',')) {
      const dash = range.indexOf('-');
      const start = Number(range.slice(0, dash));
      const end = Number(range.slice(dash + 1));
      if (Number.isInteger(start) && Number.isInteger(end)) out.push({ id, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The emote names of a message: the text the ranges cover (code points, end inclusive). */
export function emoteNames(text: string, emotes: readonly EmoteRange[]): string[] {
  if (emotes.length === 0) return [];
  const chars = Array.from(text);
  return emotes.map((e) => chars.slice(e.start, e.end + 1).join(''));
}

/**
 * Turns free text into a safe full-text query: its words, all required; empty when there are none. A word is a run
 * of letters (with their marks) and digits, which is how both backends' tokenizers read the stored text:
 * `don't` is "don" + "t" and `cool_streamer` is "cool" + "streamer" there, so they are here too.
 */
export function toSearchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
}
