// The report's "Raids" section, in Markdown and HTML: each incoming raid with its size, the viewers before it,
// the peak after it, the viewers kept 10 and 30 minutes later above the pre-raid trend, and raiders who chatted.

import type { RaidEffect, RetainedReading, StreamRaidEffects } from '../events/get-raid-effects.ts';
import type { NoData } from '../results.ts';
import { escapeHtml as e } from './svg-charts.ts';

function retention(r: RetainedReading | null, minutes: number): string {
  if (r === null) return `no reading ${minutes} min later`;
  const pct = r.retainedPct === null ? '' : ` (${r.retainedPct}% of the raid)`;
  return `${r.retained >= 0 ? `${r.retained} stayed` : `${-r.retained} below the trend`}${pct} after ${minutes} min${r.confounded ? ', with a later raid in between' : ''}`;
}

/** One sentence per raid, plain text (the renderers escape it). */
export function describeRaid(raid: RaidEffect): string {
  const who = raid.raiderDisplayName ?? raid.raiderLogin ?? 'someone';
  return `${raid.offsetLabel} — ${who} raided with ${raid.raidSize ?? '?'} viewers: ${raid.viewersBefore ?? '?'} watching before, peak ${raid.peakAfter ?? '?'} after; ${retention(raid.after10, 10)}, ${retention(raid.after30, 30)}; ${raid.raidersWhoChatted} raider${raid.raidersWhoChatted === 1 ? '' : 's'} chatted`;
}

/** Markdown lines of the section; none when the stream had no incoming raid (or an old report lacks it). */
export function raidSectionMarkdown(
  raids: StreamRaidEffects | NoData | undefined,
  toMarkdown: (s: string) => string,
): string[] {
  if (!raids || 'status' in raids || raids.raids.length === 0) return [];
  return [
    '',
    '## Raids',
    '',
    ...raids.raids.map((r) => `- ${toMarkdown(describeRaid(r))}${r.vodUrl ? ` — ${r.vodUrl}` : ''}`),
  ];
}

/** HTML of the section; empty when the stream had no incoming raid. */
export function raidSectionHtml(raids: StreamRaidEffects | NoData | undefined): string[] {
  if (!raids || 'status' in raids || raids.raids.length === 0) return [];
  return [
    '<h2>Raids</h2>',
    '<ul>',
    ...raids.raids.map((r) => `<li>${e(describeRaid(r))}${r.vodUrl ? ` <a href="${e(r.vodUrl)}">watch</a>` : ''}</li>`),
    '</ul>',
  ];
}
