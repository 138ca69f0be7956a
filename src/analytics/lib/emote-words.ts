// Which words of a chat line are emotes, and whose: Twitch's from the message's emote ranges, third-party ones as
// exact, case-sensitive whitespace-separated words (as chat clients match them) of the channel's kept sets, or of
// the well-known names when none of the channel's own sets was ever fetched. Pure.

import type { EmoteProvider } from '../../domain.ts';
import { decodeEmotes, emoteNames } from '../../store/codec.ts';
import { hypeEmotes, laughterEmotes, rawTokens, thirdPartyEmotes, tokenize } from './lexicon.ts';

/** Where an emote comes from; `unknown` is a well-known third-party name matched without a kept set. */
export type EmoteSource = 'twitch' | EmoteProvider | 'unknown';

export interface EmoteLookup {
  /** Third-party emote names (case-sensitive) → provider. */
  byName: ReadonlyMap<string, EmoteProvider>;
  /** Whether a set of the channel itself was kept; without one, the well-known names are matched too. */
  kept: boolean;
}

/** A lookup with no kept sets: only the well-known names match. */
export const noEmoteSets: EmoteLookup = { byName: new Map(), kept: false };

export interface LineWords {
  /** Every emote of the line, once per use, in order (Twitch's first). */
  emotes: { name: string; source: EmoteSource }[];
  /** The other words, lowercased (`tokenize`): the line's text without its emotes. */
  words: string[];
}

/** Splits a line into its emotes and its other words. */
export function splitLineWords(text: string, emotesTag: string | null, lookup: EmoteLookup): LineWords {
  const twitch = emoteNames(text, decodeEmotes(emotesTag));
  const pending = new Map<string, number>();
  for (const name of twitch) pending.set(name, (pending.get(name) ?? 0) + 1);
  const emotes: LineWords['emotes'] = twitch.map((name) => ({ name, source: 'twitch' }));
  const words: string[] = [];
  for (const token of rawTokens(text)) {
    const left = pending.get(token);
    if (left) {
      pending.set(token, left - 1);
      continue;
    }
    const provider = lookup.byName.get(token);
    if (provider) emotes.push({ name: token, source: provider });
    else if (!lookup.kept && thirdPartyEmotes.has(token)) emotes.push({ name: token, source: 'unknown' });
    else words.push(...tokenize(token));
  }
  return { emotes, words };
}

/** Whether an emote name reads as laughter: a well-known one, or a name built on LUL/KEK/LAUGH (`xqcLUL`). */
export function isLaughterEmote(name: string): boolean {
  return laughterEmotes.has(name) || /LUL|KEK|LAUGH|Laugh|ICANT/.test(name);
}

/** Whether an emote name reads as hype: a well-known one, or a name built on POG/Pog/HYPE (`PogU`, `widePOGGERS`). */
export function isHypeEmote(name: string): boolean {
  return hypeEmotes.has(name) || /POG|Pog(?!O)|HYPE|Hype/.test(name);
}

const sourceLabels: Record<EmoteSource, string> = {
  twitch: 'Twitch',
  '7tv': '7TV',
  bttv: 'BTTV',
  ffz: 'FFZ',
  unknown: 'other third-party',
};

/** How a report names an emote's provider: Twitch, 7TV, BTTV, FFZ. */
export function toEmoteSourceLabel(source: EmoteSource): string {
  return sourceLabels[source] ?? source;
}
