// EventSub timestamps: RFC3339 with nanoseconds, as Twitch writes them ("All timestamps … use nanoseconds").

import type { EpochMs } from '../../domain.ts';

/** `2023-07-19T14:56:51.634000000Z` for the given epoch ms. */
export function toRfc3339Nano(ts: EpochMs): string {
  return new Date(ts).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** `2021-03-10T15:04:21Z`, the second-precision form Helix uses for started_at/created_at. */
export function toRfc3339Seconds(ts: EpochMs): string {
  return new Date(ts).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
