// EventSub over WebSocket: sessions (welcome, keepalive, session_reconnect hand-over, close codes) and the
// subscriptions created for them through Helix. A notification goes to each matching enabled subscription
// exactly once — on the old socket until the client's new one has its welcome, then on the new one — and the
// ledger counts every delivery.

import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { EpochMs } from '../../domain.ts';
import type { IssuedToken } from '../oauth/auth-state.ts';
import { createRandom, hashSeed } from '../random.ts';
import type { SimLedger } from '../sim-ledger.ts';
import type { SimEvent } from '../timeline/sim-event.ts';
import { checkCondition, hasScopeFor, subscriptionRules } from './eventsub-scopes.ts';
import { toRfc3339Nano } from './eventsub-time.ts';

export interface Subscription {
  id: string;
  type: string;
  version: string;
  condition: Record<string, string>;
  sessionId: string;
  status: string;
  createdAt: EpochMs;
  userId: string;
  clientId: string;
}

interface Session {
  id: string;
  ws: WebSocket | null;
  keepaliveSec: number;
  connectedAt: EpochMs;
  lastSent: number;
  reconnectToken: string | null;
  timers: NodeJS.Timeout[];
}

export interface EventsubRegistryOptions {
  now(): EpochMs;
  ledger: SimLedger;
  /** Channel login by broadcaster id, for the ledger. */
  loginOf(channelId: string): string | undefined;
  /** Real ms a new session may stay without subscriptions before 4003 (Twitch: 10 s). */
  unusedTimeoutMs?: number;
  /** Real ms the client has to move after session_reconnect before the old socket gets 4004 (Twitch: 30 s). */
  reconnectGraceMs?: number;
}

export type CreateResult =
  | { ok: true; subscription: Subscription }
  | { ok: false; status: 400 | 403 | 409; message: string };

export interface EventsubRegistry {
  /** Serves a new /eventsub connection; `query` is its URL's search params. */
  attach(ws: WebSocket, query: URLSearchParams, wsBaseUrl: string): void;
  create(
    token: IssuedToken,
    body: { type: string; version: string; condition: Record<string, string>; sessionId: string },
  ): CreateResult;
  list(token: IssuedToken): Subscription[];
  remove(token: IssuedToken, id: string): boolean;
  /** Delivers an EventSub event to every matching subscription. */
  publish(event: Extract<SimEvent, { kind: 'eventsub' }>): void;
  /** Revokes a user's subscriptions (a `revocation` message each), e.g. after the token was revoked. */
  revokeUser(userId: string): void;
  /** Fault: session_reconnect to every connected session. */
  reconnectAll(wsBaseUrl: string): void;
  /** Fault: cuts every EventSub socket. */
  dropAll(): void;
  sessionCount(): number;
  stop(): void;
}

/** Creates the registry (timers live until `stop`). */
export function createEventsubRegistry(options: EventsubRegistryOptions): EventsubRegistry {
  const { now } = options;
  const sessions = new Map<string, Session>();
  const subscriptions = new Map<string, Subscription>();
  const byReconnect = new Map<string, Session>();
  const unusedMs = options.unusedTimeoutMs ?? 10_000;
  const graceMs = options.reconnectGraceMs ?? 30_000;
  const metadata = (type: string, extra: Record<string, string> = {}) => ({
    message_id: createRandom(hashSeed(randomBytes(4).readUInt32LE(), type)).uuid(),
    message_type: type,
    message_timestamp: toRfc3339Nano(now()),
    ...extra,
  });
  const send = (session: Session, ws: WebSocket, message: unknown) => {
    if (ws.readyState !== ws.OPEN) return false;
    ws.send(JSON.stringify(message));
    if (ws === session.ws) session.lastSent = performance.now();
    return true;
  };
  const sessionBody = (s: Session, status: string, reconnectUrl: string | null) => ({
    session: {
      id: s.id,
      status,
      connected_at: toRfc3339Nano(s.connectedAt),
      keepalive_timeout_seconds: status === 'reconnecting' ? null : s.keepaliveSec,
      reconnect_url: reconnectUrl,
    },
  });
  const disconnect = (session: Session) => {
    session.ws = null;
    for (const t of session.timers) clearTimeout(t);
    sessions.delete(session.id);
    if (session.reconnectToken) byReconnect.delete(session.reconnectToken);
    for (const sub of subscriptions.values())
      if (sub.sessionId === session.id && sub.status === 'enabled') sub.status = 'websocket_disconnected';
  };
  const serve = (session: Session, ws: WebSocket) => {
    ws.on('message', () => ws.close(4001, 'sent inbound traffic'));
    ws.on('close', () => {
      if (session.ws === ws) disconnect(session);
    });
    send(session, ws, { metadata: metadata('session_welcome'), payload: sessionBody(session, 'connected', null) });
  };
  const subscriptionJson = (sub: Subscription) => ({
    id: sub.id,
    status: sub.status,
    type: sub.type,
    version: sub.version,
    cost: 0,
    condition: sub.condition,
    transport: { method: 'websocket', session_id: sub.sessionId },
    created_at: toRfc3339Nano(sub.createdAt),
  });

  const keepalive = setInterval(() => {
    for (const s of sessions.values())
      if (s.ws && performance.now() - s.lastSent >= s.keepaliveSec * 750)
        send(s, s.ws, { metadata: metadata('session_keepalive'), payload: {} });
  }, 500);
  keepalive.unref();

  return {
    attach(ws, query, wsBaseUrl) {
      void wsBaseUrl;
      const token = query.get('reconnect');
      if (token !== null) {
        const session = byReconnect.get(token);
        if (!session?.ws) return ws.close(4007, 'invalid reconnect attempt');
        byReconnect.delete(token);
        session.reconnectToken = null;
        const old = session.ws;
        // From here on notifications go to the new socket only; the old one just waits to be closed.
        session.ws = ws;
        serve(session, ws);
        const timer = setTimeout(
          () => old.readyState === old.OPEN && old.close(4004, 'client reconnect grace time expired'),
          graceMs,
        );
        timer.unref();
        old.once('close', () => clearTimeout(timer));
        return;
      }
      const asked = Number(query.get('keepalive_timeout_seconds'));
      const keepaliveSec =
        query.has('keepalive_timeout_seconds') && Number.isFinite(asked)
          ? Math.min(600, Math.max(10, Math.round(asked)))
          : 10;
      const session: Session = {
        id: randomBytes(21).toString('base64url'),
        ws,
        keepaliveSec,
        connectedAt: now(),
        lastSent: performance.now(),
        reconnectToken: null,
        timers: [],
      };
      sessions.set(session.id, session);
      serve(session, ws);
      const unused = setTimeout(() => {
        const used = [...subscriptions.values()].some((s) => s.sessionId === session.id);
        if (!used && session.ws === ws) ws.close(4003, 'connection unused');
      }, unusedMs);
      unused.unref();
      session.timers.push(unused);
    },
    create(token, body) {
      if (token.kind !== 'user')
        return { ok: false, status: 400, message: 'websocket transport cannot use an app access token' };
      const problem = checkCondition(body.type, body.condition);
      if (problem) return { ok: false, status: 400, message: problem };
      if (!subscriptionRules[body.type]!.versions.includes(body.version))
        return { ok: false, status: 400, message: `unsupported version "${body.version}" for ${body.type}` };
      const session = sessions.get(body.sessionId);
      if (!session?.ws)
        return {
          ok: false,
          status: 400,
          message: 'websocket transport session does not exist or has already disconnected',
        };
      if (!hasScopeFor(body.type, token.scopes))
        return { ok: false, status: 403, message: 'subscription missing proper authorization' };
      const same = JSON.stringify(Object.entries(body.condition).sort());
      for (const s of subscriptions.values())
        if (
          s.status === 'enabled' &&
          s.clientId === token.clientId &&
          s.userId === token.userId &&
          s.type === body.type &&
          s.version === body.version &&
          JSON.stringify(Object.entries(s.condition).sort()) === same
        )
          return { ok: false, status: 409, message: 'subscription already exists' };
      const sub: Subscription = {
        id: createRandom(hashSeed(randomBytes(4).readUInt32LE())).uuid(),
        type: body.type,
        version: body.version,
        condition: body.condition,
        sessionId: session.id,
        status: 'enabled',
        createdAt: now(),
        userId: token.userId!,
        clientId: token.clientId,
      };
      subscriptions.set(sub.id, sub);
      return { ok: true, subscription: sub };
    },
    list: (token) =>
      [...subscriptions.values()].filter(
        (s) => s.clientId === token.clientId && (token.kind === 'app' || s.userId === token.userId),
      ),
    remove(token, id) {
      const sub = subscriptions.get(id);
      if (!sub || sub.clientId !== token.clientId) return false;
      return subscriptions.delete(id);
    },
    publish(event) {
      const login = event.channel.login;
      options.ledger.recordEventsubEmitted(login, event.type);
      for (const sub of subscriptions.values()) {
        if (sub.status !== 'enabled' || sub.type !== event.type || !matches(sub, event)) continue;
        const session = sessions.get(sub.sessionId);
        if (!session?.ws || session.ws.readyState !== session.ws.OPEN) {
          options.ledger.recordEventsubMissed(login, event.type);
          continue;
        }
        const messageId = createRandom(hashSeed(event.id, sub.id)).uuid();
        if (!options.ledger.recordEventsubDelivered(login, event.type, sub.id, messageId)) continue;
        send(session, session.ws, {
          metadata: {
            message_id: messageId,
            message_type: 'notification',
            message_timestamp: toRfc3339Nano(event.ts),
            subscription_type: sub.type,
            subscription_version: sub.version,
          },
          payload: { subscription: subscriptionJson(sub), event: event.event },
        });
      }
    },
    revokeUser(userId) {
      for (const sub of subscriptions.values()) {
        if (sub.userId !== userId || sub.status !== 'enabled') continue;
        sub.status = 'authorization_revoked';
        const session = sessions.get(sub.sessionId);
        if (session?.ws)
          send(session, session.ws, {
            metadata: metadata('revocation', { subscription_type: sub.type, subscription_version: sub.version }),
            payload: { subscription: subscriptionJson(sub) },
          });
      }
    },
    reconnectAll(wsBaseUrl) {
      for (const session of sessions.values()) {
        if (!session.ws || session.reconnectToken) continue;
        const token = randomBytes(16).toString('hex');
        session.reconnectToken = token;
        byReconnect.set(token, session);
        const ws = session.ws;
        send(session, ws, {
          metadata: metadata('session_reconnect'),
          payload: sessionBody(session, 'reconnecting', `${wsBaseUrl}?reconnect=${token}`),
        });
        const timer = setTimeout(() => {
          // The client never moved: Twitch closes the old socket with 4004 and the session is gone.
          if (session.ws === ws && session.reconnectToken === token)
            ws.close(4004, 'client reconnect grace time expired');
        }, graceMs);
        timer.unref();
        session.timers.push(timer);
      }
    },
    dropAll() {
      for (const session of [...sessions.values()]) {
        const ws = session.ws;
        disconnect(session);
        ws?.terminate();
      }
    },
    sessionCount: () => sessions.size,
    stop() {
      clearInterval(keepalive);
      for (const session of [...sessions.values()]) {
        const ws = session.ws;
        disconnect(session);
        ws?.terminate();
      }
    },
  };
}

function matches(sub: Subscription, event: Extract<SimEvent, { kind: 'eventsub' }>): boolean {
  if (sub.type === 'channel.raid')
    return sub.condition.to_broadcaster_user_id
      ? sub.condition.to_broadcaster_user_id === event.raid?.toId
      : sub.condition.from_broadcaster_user_id === event.raid?.fromId;
  return sub.condition.broadcaster_user_id === event.channel.id;
}
