// Emote statistics as the report card shows them: whose each emote is (Twitch, 7TV, BTTV, FFZ) and the totals per
// provider. Reports saved before providers were counted have neither; they show as before.

import type { EmoteUsage } from '../../../src/analytics/index.ts';

const labels: Record<string, string> = { twitch: 'Twitch', '7tv': '7TV', bttv: 'BTTV', ffz: 'FFZ', unknown: 'other' };

/** `KEKW (7TV) ×12`; a Twitch emote or one without a provider shows its name alone. */
export function toEmoteLabel(emote: { name: string; count: number; provider?: string }): string {
  const provider =
    emote.provider && emote.provider !== 'twitch' ? ` (${labels[emote.provider] ?? emote.provider})` : '';
  return `${emote.name}${provider} ×${emote.count}`;
}

/** `Twitch 40 · 7TV 120 · BTTV 8 · FFZ 3` (uses per provider), or '' when the report has no such totals. */
export function describeEmoteProviders(usage: Pick<EmoteUsage, 'byProvider'> | { byProvider?: undefined }): string {
  return (usage.byProvider ?? []).map((p) => `${labels[p.provider] ?? p.provider} ${p.uses}`).join(' · ');
}
