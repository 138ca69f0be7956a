// Emotes used in a stream: Twitch emotes from the stored ranges, third-party ones by their names as words.

import { decodeEmotes, emoteNames } from '../../store/codec.ts';
import type { Store } from '../../store/store.ts';
import { rawTokens, thirdPartyEmotes } from '../lib/lexicon.ts';
import type { Evidence, NoData } from '../results.ts';
import { findStreamRow, streamEnd } from '../stream/load-stream.ts';
import { loadStreamChat } from './load-chat.ts';

/** Emote counts of a stream, most used first; null when the stream does not exist. */
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
  const counts = new Map<string, { count: number; messages: number; source: 'twitch' | 'third-party' }>();
  for (const line of chat) {
    const seen = new Set<string>();
    const add = (name: string, source: 'twitch' | 'third-party') => {
      const c = counts.get(name) ?? { count: 0, messages: 0, source };
      c.count++;
      if (!seen.has(name)) c.messages++;
      seen.add(name);
      counts.set(name, c);
    };
    for (const name of emoteNames(line.text, decodeEmotes(line.emotes))) add(name, 'twitch');
    for (const t of rawTokens(line.text)) if (thirdPartyEmotes.has(t)) add(t, 'third-party');
  }
  const emotes = [...counts]
    .map(([name, c]) => ({ name, ...c }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, options.limit ?? 25);
  return {
    scope: { channelId: row.channel_id, streamId: row.id },
    emotes,
    messages: chat.length,
    evidence: {
      source: 'chat_messages',
      streamIds: [row.id],
      counts: { messages: chat.length },
      note: 'Twitch emotes from emote ranges; third-party emotes matched by name',
    },
  };
}

export interface EmoteUsage {
  scope: { channelId: string; streamId: string | null };
  /** Twitch emotes (from emote ranges) and third-party emotes (known names as plain words). */
  emotes: { name: string; count: number; messages: number; source: 'twitch' | 'third-party' }[];
  messages: number;
  evidence: Evidence;
}
