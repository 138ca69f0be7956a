// EventSub over WebSocket: subscribes to every type the user token's scopes allow once a new session is welcomed,
// stores notifications as ChannelEvents (once each: Twitch delivers at least once), follows session_reconnect
// without resubscribing, and treats keepalive silence as a lost connection (reconnect + resubscribe).

import WebSocket from 'ws';
import type { Ingest } from '../../ingest/ingest.ts';
import type { Logger } from '../../log.ts';
import type { HelixApi } from '../helix/helix-api.ts';
import { HelixError } from '../helix/helix-client.ts';
import { type EventSubMessage, eventSubMessageSchema } from './eventsub-messages.ts';
import { toAllowedTypes } from './eventsub-types.ts';
import { toChannelEvent } from './to-channel-event.ts';

export interface EventSubListenerOptions {
  url: string;
  /** A Helix API on the user token (WebSocket subscriptions must be made with a user token). */
  helix: Pick<HelixApi, 'createEventSubSubscription'>;
  broadcasterIds: readonly string[];
  /** The token owner's user id (the moderator for channel.follow). */
  userId: string;
  scopes: readonly string[];
  ingest: Ingest;
  log: Logger;
  backoff?: { initialMs: number; maxMs: number };
}

export interface EventSubListenerStats {
  connected: boolean;
  sessionId: string | null;
  reconnects: number;
  notifications: number;
  duplicates: number;
  subscriptions: number;
  failedSubscriptions: number;
  skippedTypes: string[];
  revokedTypes: string[];
}

export interface EventSubListener {
  stop(): Promise<void>;
  stats(): EventSubListenerStats;
}

interface Connection {
  ws: WebSocket;
  sessionId: string | null;
  /** Opened from a session_reconnect URL: its session already has our subscriptions. */
  viaReconnect: boolean;
  retired: boolean;
}

const dedupeWindow = 10_000;

/** Connects right away; subscriptions are (re)created on every new session. */
export function startEventSubListener(options: EventSubListenerOptions): EventSubListener {
  const { ingest, log } = options;
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  const { allowed, skipped } = toAllowedTypes(options.scopes);
  if (skipped.size > 0) {
    const list = [...skipped].map(([type, scope]) => `${type} (needs ${scope})`).join(', ');
    log.warn(`EventSub types skipped for lack of scopes: ${list}; run \`streamlens login\` to grant them`);
  }
  const revoked = new Set<string>();
  const seen = new Set<string>();
  const counts = { reconnects: 0, notifications: 0, duplicates: 0, subscriptions: 0, failedSubscriptions: 0 };
  let active: Connection | undefined;
  let pending: Connection | undefined;
  let keepaliveMs = 10_000 * 1.2;
  let keepaliveTimer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let attempt = 0;
  let stopped = false;

  const armKeepalive = () => {
    clearTimeout(keepaliveTimer);
    keepaliveTimer = setTimeout(() => {
      log.warn('EventSub keepalive missed; reconnecting');
      active?.ws.terminate();
    }, keepaliveMs);
  };

  const subscribeAll = async (connection: Connection, sessionId: string) => {
    const failedTypes = new Set<string>();
    for (const spec of allowed) {
      if (revoked.has(spec.type)) continue;
      for (const broadcasterId of options.broadcasterIds) {
        if (connection !== active || stopped) return;
        const condition = spec.condition(broadcasterId, options.userId);
        const transport = { method: 'websocket' as const, session_id: sessionId };
        try {
          await options.helix.createEventSubSubscription({
            type: spec.type,
            version: spec.version,
            condition,
            transport,
          });
          counts.subscriptions++;
        } catch (error) {
          if (error instanceof HelixError && error.status === 409) continue; // already exists on this session
          counts.failedSubscriptions++;
          if (!failedTypes.has(spec.type))
            log.warn(`EventSub subscription ${spec.type} failed`, { error: (error as Error).message });
          failedTypes.add(spec.type);
        }
      }
    }
    log.info('EventSub subscribed', { session: sessionId, subscriptions: counts.subscriptions });
  };

  const onNotification = (message: EventSubMessage) => {
    const { subscription, event } = message.payload;
    if (!subscription || !event) return;
    if (seen.has(message.metadata.message_id)) {
      counts.duplicates++;
      return;
    }
    seen.add(message.metadata.message_id);
    if (seen.size > dedupeWindow) seen.delete(seen.values().next().value as string);
    const channelEvent = toChannelEvent(message.metadata, subscription, event);
    if (!channelEvent) return;
    counts.notifications++;
    ingest.push({ kind: 'channelEvent', event: channelEvent });
  };

  const onMessage = (connection: Connection, raw: string) => {
    let parsed: ReturnType<typeof eventSubMessageSchema.safeParse>;
    try {
      parsed = eventSubMessageSchema.safeParse(JSON.parse(raw));
    } catch {
      log.warn('EventSub sent a frame that is not JSON');
      return;
    }
    if (!parsed.success)
      return log.warn('EventSub sent an unexpected frame', { error: parsed.error.issues[0]?.message });
    const message = parsed.data;
    if (connection === active) armKeepalive();
    switch (message.metadata.message_type) {
      case 'session_welcome': {
        const session = message.payload.session;
        if (!session) return;
        connection.sessionId = session.id;
        keepaliveMs = (session.keepalive_timeout_seconds ?? 10) * 1000 * 1.2;
        attempt = 0;
        if (connection === pending) {
          // Twitch: close the old connection only once the new one is welcomed; subscriptions carry over.
          const old = active;
          active = connection;
          pending = undefined;
          if (old) {
            old.retired = true;
            old.ws.close(1000);
          }
        }
        if (connection !== active) return;
        armKeepalive();
        log.info('EventSub session started', { session: session.id, reconnect: connection.viaReconnect });
        if (!connection.viaReconnect) void subscribeAll(connection, session.id);
        return;
      }
      case 'notification':
        return onNotification(message);
      case 'session_reconnect': {
        const url = message.payload.session?.reconnect_url;
        if (url && connection === active) pending = open(url, true);
        return;
      }
      case 'revocation': {
        const type = message.payload.subscription?.type ?? message.metadata.subscription_type ?? 'unknown';
        revoked.add(type);
        log.warn(`EventSub revoked ${type}; it is not resubscribed until restart`, {
          status: message.payload.subscription?.status,
        });
        return;
      }
      default:
        return; // session_keepalive: the keepalive timer was already reset.
    }
  };

  const onClose = (connection: Connection, code: number) => {
    if (connection === pending) pending = undefined;
    if (connection !== active || connection.retired) return;
    active = undefined;
    clearTimeout(keepaliveTimer);
    // The reconnect URL is being opened: its welcome makes it the active session, with our subscriptions.
    if (stopped || pending) return;
    log.warn('EventSub connection lost; reconnecting', { code });
    const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt++);
    reconnectTimer = setTimeout(
      () => {
        counts.reconnects++;
        active = open(options.url, false);
      },
      base / 2 + Math.random() * (base / 2),
    );
  };

  const open = (url: string, viaReconnect: boolean): Connection => {
    const connection: Connection = { ws: new WebSocket(url), sessionId: null, viaReconnect, retired: false };
    connection.ws.on('message', (data) => onMessage(connection, data.toString()));
    connection.ws.on('error', (error) => log.debug('EventSub socket error', { error: error.message }));
    connection.ws.on('close', (code) => onClose(connection, code));
    return connection;
  };

  active = open(options.url, false);
  armKeepalive();

  return {
    async stop() {
      stopped = true;
      clearTimeout(keepaliveTimer);
      clearTimeout(reconnectTimer);
      for (const connection of [active, pending]) connection?.ws.terminate();
      active = undefined;
      pending = undefined;
    },
    stats: () => ({
      connected: active?.sessionId != null,
      sessionId: active?.sessionId ?? null,
      ...counts,
      skippedTypes: [...skipped.keys()],
      revokedTypes: [...revoked],
    }),
  };
}
