// A circuit breaker around a remote engine: a failed chunk goes to the local fallback; after
// `failureThreshold` failures in a row the remote one is skipped for `cooldownMs`, then tried again.

import type { Logger } from '../../log.ts';
import type { SttEngine } from './stt-engine.ts';

export interface FallbackEngineOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  log?: Logger;
  now?: () => number;
}

/** Wraps `primary` so failures fall back to `fallback`; results carry the name of the engine that produced them. */
export function createFallbackEngine(
  primary: SttEngine,
  fallback: SttEngine,
  options: FallbackEngineOptions = {},
): SttEngine {
  const threshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;
  return {
    name: primary.name,
    async transcribe(chunk, signal) {
      if (now() >= openUntil) {
        try {
          const result = await primary.transcribe(chunk, signal);
          failures = 0;
          return result;
        } catch (error) {
          failures++;
          options.log?.warn(`${primary.name} failed, using ${fallback.name} for this chunk`, {
            error: (error as Error).message,
            failures,
          });
          if (failures >= threshold) {
            openUntil = now() + cooldownMs;
            options.log?.warn(`${primary.name} keeps failing; using ${fallback.name} for ${cooldownMs / 1000} s`);
          }
        }
      }
      return { ...(await fallback.transcribe(chunk, signal)), engine: fallback.name };
    },
  };
}
