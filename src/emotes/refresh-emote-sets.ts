// Fetches the global sets and the given channels' sets of 7TV, BetterTTV and FrankerFaceZ and keeps each one
// that answered in the store. A set that fails is reported, never thrown: what was kept before stays in use.

import type { EmoteProvider, EpochMs } from '../domain.ts';
import type { Store } from '../store/store.ts';
import { fetchBttvChannelEmotes, fetchBttvGlobalEmotes } from './bttv-client.ts';
import type { EmoteFetchOptions } from './fetch-emote-json.ts';
import type { FetchedEmote } from './fetched-emote.ts';
import { fetchFfzChannelEmotes, fetchFfzGlobalEmotes } from './ffz-client.ts';
import { fetchSevenTvChannelEmotes, fetchSevenTvGlobalEmotes } from './seventv-client.ts';

/** Where each provider's API is (`config.emotes`). */
export interface EmoteApiUrls {
  sevenTvUrl: string;
  bttvUrl: string;
  ffzUrl: string;
}

/** What became of one set: kept (with how many emotes it listed), none (the provider has no set for the channel), or failed. */
export interface EmoteSetOutcome {
  provider: EmoteProvider;
  /** '' for the global set. */
  channelId: string;
  status: 'kept' | 'none' | 'failed';
  emotes: number;
  error?: string;
}

export interface RefreshEmoteSetsOptions extends EmoteFetchOptions {
  store: Store;
  urls: EmoteApiUrls;
  /** Twitch user ids of the channels whose own sets to fetch. */
  channelIds: readonly string[];
  /** Fetch the three global sets too (default true). */
  global?: boolean;
  now?: () => EpochMs;
}

interface ProviderClient {
  global(urls: EmoteApiUrls, options: EmoteFetchOptions): Promise<FetchedEmote[]>;
  channel(urls: EmoteApiUrls, channelId: string, options: EmoteFetchOptions): Promise<FetchedEmote[] | null>;
}

const clients: Record<EmoteProvider, ProviderClient> = {
  '7tv': {
    global: (urls, o) => fetchSevenTvGlobalEmotes(urls.sevenTvUrl, o),
    channel: (urls, id, o) => fetchSevenTvChannelEmotes(urls.sevenTvUrl, id, o),
  },
  bttv: {
    global: (urls, o) => fetchBttvGlobalEmotes(urls.bttvUrl, o),
    channel: (urls, id, o) => fetchBttvChannelEmotes(urls.bttvUrl, id, o),
  },
  ffz: {
    global: (urls, o) => fetchFfzGlobalEmotes(urls.ffzUrl, o),
    channel: (urls, id, o) => fetchFfzChannelEmotes(urls.ffzUrl, id, o),
  },
};

/** Sets fetched at once at most (each provider sees a few requests at a time, never a burst). */
const concurrency = 4;

/** Fetches and keeps the sets; one outcome per (provider, set), globals first. */
export async function refreshEmoteSets(options: RefreshEmoteSetsOptions): Promise<EmoteSetOutcome[]> {
  const now = options.now ?? Date.now;
  const fetchOptions: EmoteFetchOptions = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  };
  const jobs: { provider: EmoteProvider; channelId: string }[] = [];
  const providers = Object.keys(clients) as EmoteProvider[];
  if (options.global !== false) for (const provider of providers) jobs.push({ provider, channelId: '' });
  for (const channelId of new Set(options.channelIds))
    for (const provider of providers) jobs.push({ provider, channelId });

  const outcomes: EmoteSetOutcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { provider, channelId } = jobs[index]!;
      outcomes[index] = await refreshOneSet(options.store, options.urls, provider, channelId, now, fetchOptions);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return outcomes;
}

async function refreshOneSet(
  store: Store,
  urls: EmoteApiUrls,
  provider: EmoteProvider,
  channelId: string,
  now: () => EpochMs,
  fetchOptions: EmoteFetchOptions,
): Promise<EmoteSetOutcome> {
  try {
    const client = clients[provider];
    const emotes =
      channelId === '' ? await client.global(urls, fetchOptions) : await client.channel(urls, channelId, fetchOptions);
    if (emotes === null) return { provider, channelId, status: 'none', emotes: 0 };
    const fetchedAt = now();
    // One name per id: a set never lists an emote twice, but a malformed answer must not fail the upsert.
    const unique = new Map(emotes.map((e) => [e.emoteId, e]));
    await store.emotes.upsert(
      [...unique.values()].map((e) => ({ provider, channelId, emoteId: e.emoteId, name: e.name, fetchedAt })),
    );
    return { provider, channelId, status: 'kept', emotes: unique.size };
  } catch (error) {
    return { provider, channelId, status: 'failed', emotes: 0, error: (error as Error).message };
  }
}
