// FrankerFaceZ's v1 API: global emotes (`GET /set/global`: only the sets named in `default_sets` are everyone's;
// the others belong to particular users) and a Twitch channel's room (`GET /room/id/{id}` → every set in `sets`).
// Emote ids are numbers there; `name` is what chat types.

import { z } from 'zod';
import { type EmoteFetchOptions, fetchEmoteJson, joinUrl } from './fetch-emote-json.ts';
import type { FetchedEmote } from './fetched-emote.ts';

const emoticon = z.object({ id: z.union([z.number(), z.string().min(1)]), name: z.string().min(1) });
const emoteSet = z.object({ emoticons: z.array(emoticon).default([]) });
const sets = z.record(z.string(), emoteSet);
const globalResponse = z.object({ default_sets: z.array(z.union([z.number(), z.string()])), sets });
const roomResponse = z.object({ sets });

/** FrankerFaceZ's global emotes: the default sets'. */
export async function fetchFfzGlobalEmotes(base: string, options?: EmoteFetchOptions): Promise<FetchedEmote[]> {
  const url = joinUrl(base, 'set/global');
  const found = await fetchEmoteJson(url, globalResponse, options);
  if (found === null) throw new Error(`GET ${url} answered 404`);
  return found.default_sets.flatMap((id) => toFetchedEmotes(found.sets[String(id)]));
}

/** The channel's FrankerFaceZ emotes; null when FrankerFaceZ has no room for the channel. */
export async function fetchFfzChannelEmotes(
  base: string,
  channelId: string,
  options?: EmoteFetchOptions,
): Promise<FetchedEmote[] | null> {
  const found = await fetchEmoteJson(joinUrl(base, `room/id/${encodeURIComponent(channelId)}`), roomResponse, options);
  if (found === null) return null;
  return Object.values(found.sets).flatMap(toFetchedEmotes);
}

function toFetchedEmotes(set: z.infer<typeof emoteSet> | undefined): FetchedEmote[] {
  return (set?.emoticons ?? []).map((e) => ({ emoteId: String(e.id), name: e.name }));
}
