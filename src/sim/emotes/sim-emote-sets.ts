// What the simulated 7TV, BetterTTV and FrankerFaceZ know: each provider's global set (a few emotes of the real
// global sets) and, for every channel whose chat vocabulary names emotes of a provider, that channel's own set.
// Ids are deterministic: 24 hex digits for 7TV and BetterTTV (their object ids), a number for FrankerFaceZ.

import { hashSeed } from '../random.ts';
import type { SimWorld } from '../scenario/build-world.ts';

export type SimEmoteProvider = '7tv' | 'bttv' | 'ffz';

export interface SimEmote {
  id: string;
  name: string;
}

export interface SimEmoteSets {
  global: Record<SimEmoteProvider, SimEmote[]>;
  /** Channel id → provider → the channel's emotes (a provider with no emotes for the channel has no entry). */
  channels: Map<string, { login: string; displayName: string; sets: Partial<Record<SimEmoteProvider, SimEmote[]>> }>;
}

/** Names of the providers' global sets served by the simulator (real global emotes of each). */
export const simGlobalEmoteNames: Record<SimEmoteProvider, readonly string[]> = {
  '7tv': ['EZ', 'Clap', 'FeelsDankMan', 'RainTime', 'PETPET', 'Stare', 'peepoHappy', 'YEAHBUTBTTV'],
  bttv: [':tf:', 'CiGrip', 'DatSauce', 'FeelsBadMan', 'FeelsGoodMan', 'haHAA', 'KKona', 'LuL', 'monkaS', 'SourPls'],
  ffz: ['BeanieHipster', 'BORT', 'CatBag', 'LilZ', 'ManChicken', 'OBOY', 'OiCYou', 'ZreknarF'],
};

/** The sets a world's simulated providers serve. */
export function buildSimEmoteSets(world: SimWorld, seed: number): SimEmoteSets {
  const global = {} as Record<SimEmoteProvider, SimEmote[]>;
  for (const provider of Object.keys(simGlobalEmoteNames) as SimEmoteProvider[])
    global[provider] = simGlobalEmoteNames[provider].map((name) => ({
      id: toSimEmoteId(seed, provider, '', name),
      name,
    }));
  const channels: SimEmoteSets['channels'] = new Map();
  for (const channel of world.channels) {
    const sets: Partial<Record<SimEmoteProvider, SimEmote[]>> = {};
    for (const emote of channel.chat.emotes) {
      if (!emote.provider || emote.id !== undefined) continue;
      const list = sets[emote.provider] ?? [];
      list.push({ id: toSimEmoteId(seed, emote.provider, channel.id, emote.name), name: emote.name });
      sets[emote.provider] = list;
    }
    if (Object.keys(sets).length > 0)
      channels.set(channel.id, { login: channel.login, displayName: channel.displayName, sets });
  }
  return { global, channels };
}

/** A deterministic emote id in the provider's own form. */
export function toSimEmoteId(seed: number, provider: SimEmoteProvider, channelId: string, name: string): string {
  const h = (k: number) =>
    hashSeed(seed, 'emote', provider, channelId, name, k).toString(16).padStart(8, '0').slice(-8);
  return provider === 'ffz'
    ? String(100_000 + (hashSeed(seed, 'emote', provider, channelId, name) % 800_000))
    : h(1) + h(2) + h(3);
}
