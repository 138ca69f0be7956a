// Twitch's `badges` / `badge-info` tag (`name/version,name/version`) → Badge list.

import type { Badge } from '../../domain.ts';

/** Parses an unescaped badges value; an entry without `/` gets an empty version, empty entries are skipped. */
export function parseBadges(value: string): Badge[] {
  const badges: Badge[] = [];
  let i = 0;
  while (i < value.length) {
    let comma = value.indexOf(',', i);
    if (comma === -1) comma = value.length;
    let slash = i;
    while (slash < comma && value.charCodeAt(slash) !== 47) slash++;
    if (slash > i) badges.push({ name: value.slice(i, slash), version: value.slice(slash + 1, comma) });
    i = comma + 1;
  }
  return badges;
}
