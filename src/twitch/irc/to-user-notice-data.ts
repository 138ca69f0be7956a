// USERNOTICE `msg-param-*` tags → the camelCase `data` of a ChatEvent, with counts as numbers and flags as
// booleans; everything else (ids, plan codes, names, colours) stays a string as Twitch sent it.

// Counts and amounts Twitch sends as decimal strings.
const NUMERIC_PARAMS = new Set([
  'months',
  'cumulativeMonths',
  'streakMonths',
  'giftMonths',
  'massGiftCount',
  'senderCount',
  'viewerCount',
  'threshold',
  'value',
  'copoReward',
  'multimonthDuration',
  'multimonthTenure',
  'selectedCount',
  'totalRewardCount',
  'triggerAmount',
  'promoGiftTotal',
  'goalCurrentContributions',
  'goalTargetContributions',
  'goalUserContributions',
]);

const BOOLEAN_PARAMS = new Set(['shouldShareStreak', 'wasGifted', 'anonGift', 'priorGifterAnonymous']);

// Renames where Twitch's wording differs from the domain's (`user-name` is a login everywhere else).
const RENAMED_PARAMS: Record<string, string> = { recipientUserName: 'recipientLogin' };

/** `msg-param-cumulative-months` → `cumulativeMonths`; already camelCase names (`viewerCount`) are kept. */
export function toParamKey(tagKey: string): string {
  let key = '';
  let upper = false;
  for (let i = 'msg-param-'.length; i < tagKey.length; i++) {
    const ch = tagKey[i]!;
    if (ch === '-') upper = key.length > 0;
    else {
      key += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return RENAMED_PARAMS[key] ?? key;
}

/** Converts a parameter value by key: integer counts → number, `1`/`0`/`true`/`false` flags → boolean. */
export function toParamValue(key: string, value: string): string | number | boolean {
  if (NUMERIC_PARAMS.has(key)) {
    const n = Number(value);
    return Number.isSafeInteger(n) && value.trim() !== '' ? n : value;
  }
  if (BOOLEAN_PARAMS.has(key)) {
    if (value === '1' || value === 'true') return true;
    if (value === '0' || value === 'false') return false;
  }
  return value;
}

/** Builds event data from alternating `[tagKey, unescapedValue, …]` pairs. */
export function toUserNoticeData(pairs: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const key = toParamKey(pairs[i]!);
    // Keys come from untrusted tags: never let one reach the prototype.
    if (key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    data[key] = toParamValue(key, pairs[i + 1]!);
  }
  return data;
}
