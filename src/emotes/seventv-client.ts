// 7TV's v3 API: the global emote set (`GET /emote-sets/global`) and a Twitch channel's active set
// (`GET /users/twitch/{id}` → `emote_set.emotes`). Each active emote's `name` is what chat types: the set may
// give an emote an alias, the emote's own name being `data.name`.

import { z } from 'zod';
import { type EmoteFetchOptions, fetchEmoteJson, joinUrl } from './fetch-emote-json.ts';
import type { FetchedEmote } from './fetched-emote.ts';

const activeEmote = z.object({ id: z.string().min(1), name: z.string().min(1) });
/** An emote set; `emotes` is left out of an empty set. */
const emoteSet = z.object({ emotes: z.array(activeEmote).nullish() });
/** A Twitch connection of a 7TV user; `emote_set` is null when the user has no active set. */
const userConnection = z.object({ emote_set: emoteSet.nullish() });

/** 7TV's global emotes. */
export async function fetchSevenTvGlobalEmotes(base: string, options?: EmoteFetchOptions): Promise<FetchedEmote[]> {
  const set = await fetchEmoteJson(joinUrl(base, 'emote-sets/global'), emoteSet, options);
  if (set === null) throw new Error(`GET ${joinUrl(base, 'emote-sets/global')} answered 404`);
  return toFetchedEmotes(set.emotes);
}

/** The channel's active 7TV set; null when the channel has no 7TV account. */
export async function fetchSevenTvChannelEmotes(
  base: string,
  channelId: string,
  options?: EmoteFetchOptions,
): Promise<FetchedEmote[] | null> {
  const user = await fetchEmoteJson(
    joinUrl(base, `users/twitch/${encodeURIComponent(channelId)}`),
    userConnection,
    options,
  );
  if (user === null) return null;
  return toFetchedEmotes(user.emote_set?.emotes);
}

function toFetchedEmotes(emotes: z.infer<typeof activeEmote>[] | null | undefined): FetchedEmote[] {
  return (emotes ?? []).map((e) => ({ emoteId: e.id, name: e.name }));
}
