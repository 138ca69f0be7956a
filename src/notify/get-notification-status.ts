// What the settings page shows about notifications: each configured target (its URL without the token), what
// it was sent, what waits, what failed and why, and whether it is blocked (refused for good until its URL changes).

import type { Config } from '../config.ts';
import type { EpochMs } from '../domain.ts';
import type { NotificationStatus, Store } from '../store/store.ts';
import { resolveTargets } from './notification.ts';

export interface NotificationTargetStatus {
  id: string;
  name: string;
  kind: 'discord' | 'json';
  events: string[];
  blocked: { status: number; reason: string; at: EpochMs } | null;
  counts: Record<NotificationStatus, number>;
}

export interface NotificationStatusView {
  targets: NotificationTargetStatus[];
  /** The newest notifications of the configured targets, newest first. */
  recent: {
    target: string;
    event: string;
    status: NotificationStatus;
    attempts: number;
    createdAt: EpochMs;
    sentAt: EpochMs | null;
    error: string | null;
  }[];
}

/** The status of the configured targets. */
export async function getNotificationStatus(
  store: Store,
  config: Pick<Config, 'notifications'>,
): Promise<NotificationStatusView> {
  const targets = resolveTargets(config.notifications.targets);
  const [blocked, counts, recent] = await Promise.all([
    store.notifications.listBlockedTargets(),
    store.notifications.countByTarget(),
    store.notifications.listRecent(100),
  ]);
  const byId = new Map(targets.map((t) => [t.id, t]));
  return {
    targets: targets.map((t) => {
      const b = blocked.find((r) => r.targetId === t.id);
      const mine = counts.filter((c) => c.targetId === t.id);
      const total = (status: NotificationStatus) =>
        mine.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
      return {
        id: t.id,
        name: t.label,
        kind: t.kind,
        events: [...t.events],
        blocked: b ? { status: b.status, reason: b.reason, at: b.blockedAt } : null,
        counts: { pending: total('pending'), sent: total('sent'), failed: total('failed') },
      };
    }),
    recent: recent
      .filter((r) => byId.has(r.targetId))
      .slice(0, 20)
      .map((r) => ({
        target: byId.get(r.targetId)!.label,
        event: r.event,
        status: r.status,
        attempts: r.attempts,
        createdAt: r.createdAt,
        sentAt: r.sentAt,
        error: r.lastError,
      })),
  };
}
