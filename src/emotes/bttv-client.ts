// BetterTTV's v3 API: global emotes (`GET /cached/emotes/global`, an array) and a Twitch channel's
// (`GET /cached/users/twitch/{id}` → `channelEmotes`, its own uploads, and `sharedEmotes`, others' it added).
// `code` is what chat types.

import { z } from 'zod';
import { type EmoteFetchOptions, fetchEmoteJson, joinUrl } from './fetch-emote-json.ts';
import type { FetchedEmote } from './fetched-emote.ts';

const emote = z.object({ id: z.string().min(1), code: z.string().min(1) });
const user = z.object({ channelEmotes: z.array(emote).default([]), sharedEmotes: z.array(emote).default([]) });

/** BetterTTV's global emotes. */
export async function fetchBttvGlobalEmotes(base: string, options?: EmoteFetchOptions): Promise<FetchedEmote[]> {
  const url = joinUrl(base, 'cached/emotes/global');
  const emotes = await fetchEmoteJson(url, z.array(emote), options);
  if (emotes === null) throw new Error(`GET ${url} answered 404`);
  return emotes.map(toFetchedEmote);
}

/** The channel's BetterTTV emotes (its own and shared ones); null when BetterTTV does not know the channel. */
export async function fetchBttvChannelEmotes(
  base: string,
  channelId: string,
  options?: EmoteFetchOptions,
): Promise<FetchedEmote[] | null> {
  const found = await fetchEmoteJson(
    joinUrl(base, `cached/users/twitch/${encodeURIComponent(channelId)}`),
    user,
    options,
  );
  if (found === null) return null;
  return [...found.channelEmotes, ...found.sharedEmotes].map(toFetchedEmote);
}

function toFetchedEmote(e: z.infer<typeof emote>): FetchedEmote {
  return { emoteId: e.id, name: e.code };
}
