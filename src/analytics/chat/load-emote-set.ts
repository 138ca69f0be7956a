// The third-party emotes a channel's chat can use, from the sets kept in `emotes`: its own 7TV, BetterTTV and
// FrankerFaceZ sets, then the providers' global sets, each name mapped to the provider a chat client shows.

import { type EmoteProvider, emoteProviders } from '../../domain.ts';
import type { Store } from '../../store/store.ts';
import type { EmoteLookup } from '../lib/emote-words.ts';

/** The channel's emote lookup; `kept: false` when no set of the channel itself was ever fetched. */
export async function loadEmoteSet(store: Store, channelId: string): Promise<EmoteLookup> {
  const rows = await store.all<{ provider: string; channel_id: string; name: string }>(
    `SELECT provider, channel_id, name FROM emotes WHERE channel_id = ? OR channel_id = ''`,
    [channelId],
  );
  // A channel's own emote hides a global one of the same name, as in chat clients; among providers 7TV wins,
  // then BetterTTV, then FrankerFaceZ.
  const rank = (r: { provider: string; channel_id: string }) =>
    (r.channel_id === '' ? 10 : 0) + emoteProviders.indexOf(r.provider as EmoteProvider);
  rows.sort((a, b) => rank(b) - rank(a));
  const byName = new Map<string, EmoteProvider>();
  for (const r of rows)
    if ((emoteProviders as readonly string[]).includes(r.provider)) byName.set(r.name, r.provider as EmoteProvider);
  return { byName, kept: rows.some((r) => r.channel_id !== '') };
}
