// What /api/health says about collecting, from the collectors' stats: whether Twitch chat answers (and since
// when it has not), and whether transcription can run at all (checked once: tools do not appear mid-run).

import type { Config } from '../config.ts';
import { checkTranscriptionPrerequisites } from '../transcribe/transcription-prerequisites.ts';
import type { CollectorsStats } from '../twitch/collect.ts';
import type { CollectionStatus } from './app-deps.ts';

/** A reader of the collection status for the web app. */
export function describeCollection(
  config: Config,
  stats: () => CollectorsStats | undefined,
  startedAt: number,
  env: { PATH?: string } = { PATH: process.env.PATH },
): () => CollectionStatus {
  const enabled = config.transcription.enabled;
  const check = enabled ? checkTranscriptionPrerequisites(config, env) : { ok: true as const };
  const transcription = {
    enabled,
    ready: enabled && check.ok,
    problem: check.ok ? null : check.message,
    hint: check.ok ? null : (check.installHint ?? null),
  };
  return () => ({ twitch: toTwitchState(stats(), startedAt), transcription });
}

/** Connected while chat is; retrying since the drop (or since start when it never connected). */
export function toTwitchState(stats: CollectorsStats | undefined, startedAt: number): CollectionStatus['twitch'] {
  if (!stats) return { state: 'connecting', since: startedAt };
  if (stats.chat.connected) return { state: 'connected', since: null };
  const drop = stats.chat.lastDisconnect;
  return { state: 'retrying', since: drop && drop.to === null ? drop.from : startedAt };
}
