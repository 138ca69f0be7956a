// Emotes used in a stream and whose they are: Twitch emotes from the stored ranges, 7TV/BetterTTV/FrankerFaceZ
// ones as exact words of the channel's kept sets (or the well-known names where no set of the channel was kept).

import type { Store } from '../../store/store.ts';
import { type EmoteSource, splitLineWords } from '../lib/emote-words.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, streamEnd } from '../stream/load-stream.ts';
import { loadStreamChat } from './load-chat.ts';
import { loadEmoteSet } from './load-emote-set.ts';

/** The order providers are listed in. */
const sources: readonly EmoteSource[] = ['twitch', '7tv', 'bttv', 'ffz', 'unknown'];

/** Emote counts of a stream, most used first, with totals per provider; null when the stream does not exist. */
export async function getEmoteUsage(
  store: Store,
  streamId: string,
  options: { limit?: number } = {},
): Promise<EmoteUsage | NoData | null> {
  const row = await findStreamRow(store, streamId);
  if (!row) return null;
  const chat = await loadStreamChat(store, {
    id: row.id,
    channelId: row.channel_id,
    startedAt: Number(row.started_at),
    endTs: streamEnd(row),
  });
  if (chat.length === 0) return { status: 'no-data', reason: 'no chat recorded for this stream' };
  const lookup = await loadEmoteSet(store, row.channel_id);
  const counts = new Map<string, { count: number; messages: number; provider: EmoteSource }>();
  for (const line of chat) {
    const seen = new Set<string>();
    for (const { name, source } of splitLineWords(line.text, line.emotes, lookup).emotes) {
      const key = `${source}\u0000${name}`;
      const c = counts.get(key) ?? { count: 0, messages: 0, provider: source };
      c.count++;
      if (!seen.has(key)) c.messages++;
      seen.add(key);
      counts.set(key, c);
    }
  }
  const all = [...counts].map(([key, c]) => ({
    name: key.slice(key.indexOf('\u0000') + 1),
    count: c.count,
    messages: c.messages,
    source: c.provider === 'twitch' ? ('twitch' as const) : ('third-party' as const),
    provider: c.provider,
  }));
  const byProvider = sources
    .map((provider) => {
      const of = all.filter((e) => e.provider === provider);
      return { provider, uses: of.reduce((n, e) => n + e.count, 0), distinct: of.length };
    })
    .filter((p) => p.uses > 0);
  const emotes = all.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, options.limit ?? 25);
  return {
    scope: { channelId: row.channel_id, streamId: row.id },
    emotes,
    byProvider,
    messages: chat.length,
    evidence: {
      source: 'chat_messages',
      streamIds: [row.id],
      counts: { messages: chat.length },
      note: lookup.kept
        ? "Twitch emotes from emote ranges; 7TV, BetterTTV and FrankerFaceZ emotes matched by name in the channel's kept sets"
        : 'Twitch emotes from emote ranges; no third-party set of this channel was kept, so only well-known third-party names matched (provider unknown)',
    },
  };
}

export interface EmoteUsage {
  scope: { channelId: string; streamId: string | null };
  /** Twitch emotes (from emote ranges) and third-party emotes (exact words of the kept sets). */
  emotes: {
    name: string;
    count: number;
    messages: number;
    source: 'twitch' | 'third-party';
    /** Whose emote it is: `twitch`, `7tv`, `bttv`, `ffz`, or `unknown` (a well-known name, no set kept). */
    provider: EmoteSource;
  }[];
  /** Uses and distinct emotes per provider, in the order twitch, 7tv, bttv, ffz, unknown; providers with none left out. */
  byProvider: { provider: EmoteSource; uses: number; distinct: number }[];
  messages: number;
  evidence: Evidence;
}
