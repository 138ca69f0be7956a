// Helix's token bucket: each key (client id for app tokens, client id + user for user tokens) holds `limit`
// points refilled evenly over a simulated minute. It reports Twitch's Ratelimit-* header values.

import type { EpochMs } from '../../domain.ts';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds (simulated clock) when the bucket is full again. */
  reset: number;
}

export interface RateLimiter {
  /** Takes `cost` points from `key`'s bucket if it has them. */
  take(key: string, cost?: number): RateLimitResult;
}

/** Creates buckets of `limit` points per simulated minute, read against `now`. */
export function createRateLimiter(limit: number, now: () => EpochMs): RateLimiter {
  const buckets = new Map<string, { points: number; at: EpochMs }>();
  const perMs = limit / 60_000;
  return {
    take(key, cost = 1) {
      const t = now();
      const bucket = buckets.get(key) ?? { points: limit, at: t };
      bucket.points = Math.min(limit, bucket.points + (t - bucket.at) * perMs);
      bucket.at = t;
      const allowed = bucket.points >= cost;
      if (allowed) bucket.points -= cost;
      buckets.set(key, bucket);
      const reset = Math.ceil((t + (limit - bucket.points) / perMs) / 1000);
      return { allowed, limit, remaining: Math.floor(bucket.points), reset };
    },
  };
}
