// What streamlens tells a streamer's other tools: one neutral notification (a post-stream report, a live alert),
// rendered per target kind when queued (Discord message, generic JSON). Targets are named by a hash of their URL
// everywhere but the config, since a webhook URL carries its token.

import { createHash } from 'node:crypto';
import { describeWebhookUrl, type NotificationEvent, type NotificationTarget } from '../config.ts';
import type { EpochMs } from '../domain.ts';

export interface Notification {
  event: NotificationEvent;
  /** What it is about, unique within its event (a stream id, a raid's event id…): it is queued once per target. */
  subject: string;
  channel: { id: string; login: string | null };
  /** One line, plain text. */
  title: string;
  /** A few sentences, plain text: names and chat in it are viewers' words, rendered as text. */
  text: string;
  /** Where to read more (the stream page, the full report). */
  url: string | null;
  /** Label and plain-text value pairs; `links` are shown beside them. */
  fields: { name: string; value: string; link?: { label: string; url: string } }[];
  /** The figures themselves, for JSON targets. */
  data: Record<string, unknown>;
  at: EpochMs;
}

/** A configured target with its id and a name safe to show. */
export interface ResolvedTarget extends NotificationTarget {
  id: string;
  label: string;
}

/** The id a target's URL is known by in the database and the UI (sha256, 16 hex digits). */
export function toTargetId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** The configured targets with their ids and labels. */
export function resolveTargets(targets: readonly NotificationTarget[]): ResolvedTarget[] {
  return targets.map((t) => ({ ...t, id: toTargetId(t.url), label: t.name ?? describeWebhookUrl(t.url) }));
}
