// Delivers notifications through their own queue, kept in the database (the outbox) so a restart loses none:
// `notify` renders one row per subscribed target and returns; a loop of its own claims due rows and posts them,
// one at a time per target and targets side by side, so no caller (the ingest least of all) ever waits for a
// webhook. Failures follow what the answer means (post-webhook.ts): rate limits wait exactly as long as Discord
// says (a global limit pauses every Discord target), transient errors back off exponentially up to a limit, a
// rejected body fails alone, and a target that is gone for good is blocked — logged once with its reason, shown
// in the settings, and not tried again until its URL changes.

import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { NotificationCounts } from '../metrics/app-metrics.ts';
import type { BlockedTargetRecord, NewNotificationRecord, NotificationRecord, Store } from '../store/store.ts';
import type { Notification, ResolvedTarget } from './notification.ts';
import { resolveTargets } from './notification.ts';
import { type DeliveryOutcome, postWebhook } from './post-webhook.ts';
import { toDiscordBody, toJsonBody } from './render-notification.ts';

export interface NotifierOptions {
  store: Store;
  config: Pick<Config, 'notifications'>;
  log: Logger;
  fetch?: typeof fetch;
  /** How often due rows are looked for when nothing wakes the loop (default 1 s). */
  pollMs?: number;
  /** Backoff of transient failures: base, ceiling and attempts before giving up (defaults 2 s, 15 min, 12). */
  retry?: { baseMs?: number; maxMs?: number; maxAttempts?: number };
}

export interface Notifier {
  /** Queues the notification for every target subscribed to its event; resolves once it is stored. */
  notify(notification: Notification): Promise<void>;
  /** Sent and failed counts since start, pending and blocked now (for /metrics). */
  counts(): NotificationCounts;
  /** Resolves when nothing is due (or `timeoutMs` passed): for shutdown and tests. */
  settle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** How long a claimed row is this process's before another may take it (a crash releases it after this). */
const claimMs = 60_000;

/** Starts the delivery loop over the configured targets. */
export async function startNotifier(options: NotifierOptions): Promise<Notifier> {
  const { store, log } = options;
  const targets = resolveTargets(options.config.notifications.targets);
  const username = options.config.notifications.username;
  const pollMs = options.pollMs ?? 1000;
  const baseMs = options.retry?.baseMs ?? 2000;
  const maxMs = options.retry?.maxMs ?? 15 * 60_000;
  const maxAttempts = options.retry?.maxAttempts ?? 12;
  const claimant = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  const blocked = new Map<string, BlockedTargetRecord>();
  for (const record of await store.notifications.listBlockedTargets()) blocked.set(record.targetId, record);
  for (const target of targets) {
    const b = blocked.get(target.id);
    if (b)
      log.warn(
        `notification target ${target.label} refused for good on ${new Date(b.blockedAt).toISOString()} (${b.reason}); nothing is sent to it until its URL changes in the settings`,
      );
  }
  const sent = new Map<string, number>();
  const failed = new Map<string, number>();
  const count = (map: Map<string, number>, kind: string, event: string) =>
    map.set(`${kind}\u0000${event}`, (map.get(`${kind}\u0000${event}`) ?? 0) + 1);
  /** Per target: no post before this time (Discord's bucket used up, or its 429). */
  const waitUntil = new Map<string, number>();
  let globalDiscordUntil = 0;
  let pending = 0;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
    timer.unref();
  };
  /** Runs one round now, or right after the current one. */
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = deliverDue()
      .catch((error: Error) => log.warn('notification delivery round failed; retrying', { error: error.message }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        } else schedule(pollMs);
      });
    return running;
  };

  async function deliverDue(): Promise<void> {
    const deliverable = targets.filter((t) => !blocked.has(t.id));
    const rows = await store.notifications.claimDue({
      claimant,
      now: Date.now(),
      leaseMs: claimMs,
      limit: 50,
      targetIds: deliverable.map((t) => t.id),
    });
    const byTarget = new Map<string, NotificationRecord[]>();
    for (const row of rows) byTarget.set(row.targetId, [...(byTarget.get(row.targetId) ?? []), row]);
    await Promise.all(
      [...byTarget].map(async ([targetId, list]) => {
        const target = deliverable.find((t) => t.id === targetId)!;
        for (const row of list) await deliverOne(target, row);
      }),
    );
    pending = (await store.notifications.countByTarget())
      .filter((c) => c.status === 'pending' && targets.some((t) => t.id === c.targetId && !blocked.has(t.id)))
      .reduce((n, c) => n + c.count, 0);
  }

  async function deliverOne(target: ResolvedTarget, row: NotificationRecord): Promise<void> {
    if (blocked.has(target.id)) {
      await store.notifications.retryLater(row.id, {
        attempts: row.attempts,
        nextAttemptAt: Date.now(),
        lastError: row.lastError,
      });
      return;
    }
    const notBefore = Math.max(waitUntil.get(target.id) ?? 0, target.kind === 'discord' ? globalDiscordUntil : 0);
    if (notBefore > Date.now()) {
      await store.notifications.retryLater(row.id, {
        attempts: row.attempts,
        nextAttemptAt: notBefore,
        lastError: row.lastError,
      });
      return;
    }
    const outcome: DeliveryOutcome = await postWebhook({
      url: target.url,
      kind: target.kind,
      body: row.body,
      fetch: options.fetch,
    });
    const now = Date.now();
    switch (outcome.kind) {
      case 'sent':
        await store.notifications.markSent(row.id, now);
        count(sent, target.kind, row.event);
        if (outcome.bucket && outcome.bucket.remaining <= 0)
          waitUntil.set(target.id, now + outcome.bucket.resetAfterMs);
        return;
      case 'rate-limited': {
        const until = now + outcome.retryAfterMs;
        if (outcome.global && target.kind === 'discord') globalDiscordUntil = Math.max(globalDiscordUntil, until);
        else waitUntil.set(target.id, until);
        log.info(
          `notification to ${target.label} rate-limited; retrying in ${(outcome.retryAfterMs / 1000).toFixed(1)} s`,
          {
            global: outcome.global,
          },
        );
        // A 429 is the receiver pacing us, not a failure: the attempt is not counted.
        await store.notifications.retryLater(row.id, {
          attempts: row.attempts,
          nextAttemptAt: until,
          lastError: outcome.reason,
        });
        return;
      }
      case 'target-gone': {
        const record = { targetId: target.id, status: outcome.status, reason: outcome.reason, blockedAt: now };
        blocked.set(target.id, record);
        await store.notifications.blockTarget(record);
        await store.notifications.markFailed(row.id, { attempts: row.attempts + 1, reason: outcome.reason });
        count(failed, target.kind, row.event);
        log.warn(
          `notification target ${target.label} refused: ${outcome.reason}. Nothing more is sent to it until its URL changes in the settings (check that the webhook still exists)`,
        );
        return;
      }
      case 'rejected':
        await store.notifications.markFailed(row.id, { attempts: row.attempts + 1, reason: outcome.reason });
        count(failed, target.kind, row.event);
        log.warn(`notification ${row.event} to ${target.label} refused (${outcome.reason}); it will not be retried`);
        return;
      case 'transient': {
        const attempts = row.attempts + 1;
        if (attempts >= maxAttempts) {
          const reason = `gave up after ${attempts} attempts: ${outcome.reason}`;
          await store.notifications.markFailed(row.id, { attempts, reason });
          count(failed, target.kind, row.event);
          log.warn(`notification ${row.event} to ${target.label} ${reason}`);
          return;
        }
        const delay = Math.min(maxMs, baseMs * 2 ** (attempts - 1));
        const jittered = delay / 2 + Math.random() * (delay / 2);
        await store.notifications.retryLater(row.id, {
          attempts,
          nextAttemptAt: now + Math.round(jittered),
          lastError: outcome.reason,
        });
        log.debug(`notification to ${target.label} failed (${outcome.reason}); attempt ${attempts} of ${maxAttempts}`);
        return;
      }
    }
  }

  schedule(0);
  return {
    async notify(notification) {
      const subscribed = targets.filter((t) => t.events.includes(notification.event));
      if (subscribed.length === 0) return;
      const records: NewNotificationRecord[] = subscribed.map((target) => ({
        id: `${notification.event}:${notification.subject}:${target.id}`,
        targetId: target.id,
        targetKind: target.kind,
        event: notification.event,
        channelId: notification.channel.id,
        body: JSON.stringify(
          target.kind === 'discord' ? toDiscordBody(notification, username) : toJsonBody(notification),
        ),
        createdAt: Date.now(),
      }));
      await store.notifications.enqueue(records);
      void run();
    },
    counts() {
      const list = (map: Map<string, number>) =>
        [...map].map(([key, n]) => {
          const [kind = '', event = ''] = key.split('\u0000');
          return { kind, event, count: n };
        });
      return {
        sent: list(sent),
        failed: list(failed),
        pending,
        blockedTargets: targets.filter((t) => blocked.has(t.id)).length,
      };
    },
    async settle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await run();
        if (pending === 0 || Date.now() >= deadline) return;
        await new Promise((r) => setTimeout(r, Math.min(200, Math.max(0, deadline - Date.now()))));
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
