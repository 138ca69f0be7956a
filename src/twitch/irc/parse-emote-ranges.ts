// Twitch's `emotes` tag → validated EmoteRange list. Twitch counts in Unicode code points with the end
// inclusive, and is sometimes wrong (off-by-one after some scripts, /me in USERNOTICE), so every range is checked
// against the text it is meant to point into: one that runs past the text is dropped, never moved (a clamped
// `25:40-44` would name "appa" instead of "Kappa").

import type { EmoteRange } from '../../domain.ts';

/** Number of Unicode code points in `text` (an astral character counts once, a lone surrogate once). */
export function countCodePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

// Far above any real message (500 characters), low enough that digit accumulation never loses precision.
const MAX_INDEX = 1_000_000;

/**
 * Parses `id:start-end,start-end/id:…` into ranges over `text`, after subtracting `shift` from both ends; drops
 * malformed, reversed and out-of-text ranges (also those whose end runs past the text). Each range is kept on its
 * own, also two ranges of one emote (`25:1-5/25:9-13`).
 */
export function parseEmoteRanges(raw: string, text: string, shift = 0): EmoteRange[] {
  const ranges: EmoteRange[] = [];
  const length = countCodePoints(text);
  if (length === 0) return ranges;
  let i = 0;
  while (i < raw.length) {
    let slash = raw.indexOf('/', i);
    if (slash === -1) slash = raw.length;
    let colon = i;
    while (colon < slash && raw.charCodeAt(colon) !== 58) colon++;
    if (colon > i && colon < slash) {
      const id = raw.slice(i, colon);
      // One pass over `start-end,start-end`; a comma (or the group's end) closes each range.
      let start = -1;
      let end = -1;
      let inEnd = false;
      let valid = true;
      for (let j = colon + 1; j <= slash; j++) {
        const c = j < slash ? raw.charCodeAt(j) : 44;
        if (c === 44) {
          if (valid && inEnd && start >= 0 && end >= 0) {
            const s = start - shift;
            const e = end - shift;
            if (s >= 0 && s <= e && e < length) ranges.push({ id, start: s, end: e });
          }
          start = -1;
          end = -1;
          inEnd = false;
          valid = true;
        } else if (c === 45 && !inEnd) {
          inEnd = true;
        } else if (c >= 48 && c <= 57) {
          if (inEnd) end = end < 0 ? c - 48 : end * 10 + c - 48;
          else start = start < 0 ? c - 48 : start * 10 + c - 48;
          if (start > MAX_INDEX || end > MAX_INDEX) valid = false;
        } else {
          valid = false;
        }
      }
    }
    i = slash + 1;
  }
  return ranges;
}
