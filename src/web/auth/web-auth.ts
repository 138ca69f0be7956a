// Who may use the API: on a loopback address anyone on this machine; with a password (required off loopback)
// only holders of a session cookie. Every request must name an allowed Host (so a DNS-rebinding page cannot
// reach the API, password or not). Every state-changing request carries a CSRF token (double-submit cookie,
// bound to the session in password mode) and, when the browser sends one, a same-origin Origin header. Wrong
// passwords slow their client down (a growing wait per address) instead of locking anyone out.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { sendError } from '../http/http-error.ts';

export const sessionCookie = 'sl_session';
export const csrfCookie = 'sl_csrf';
export const csrfHeader = 'x-csrf-token';
const sessionTtlMs = 12 * 3_600_000;
/** Wrong passwords a client may try without waiting; each one after doubles the wait, up to the cap. */
const freeFailures = 3;
const maxWaitMs = 60_000;
/** A client's failures are forgotten after this long without one. */
const failureMemoryMs = 15 * 60_000;
/** Reachable without a session: the UI must learn it has to log in. */
const openPaths = new Set(['/api/health', '/api/session', '/api/login', '/api/openapi.json']);
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Session {
  csrf: string;
  expiresAt: number;
}

export interface WebAuth {
  readonly passwordRequired: boolean;
  middleware: MiddlewareHandler;
  /** Whether this request may read everything (no password, or a valid session). */
  isAuthenticated(c: Context): boolean;
  /** Whether the request carries a valid session (always false without a password). */
  hasSession(c: Context): boolean;
  /** The session state a page needs; issues the CSRF cookie when missing. */
  describe(c: Context): { authRequired: boolean; authenticated: boolean; csrfToken: string };
  /**
   * Checks the password; on success sets the session and CSRF cookies. After a few wrong ones from a client,
   * it must wait (doubling, at most a minute) before the next is even checked: `retryAfterMs` says how long.
   */
  login(c: Context, password: string): { csrfToken: string } | 'wrong' | { retryAfterMs: number };
  logout(c: Context): void;
}

/** Creates the auth state for one server (sessions live in memory: a restart logs everyone out). */
export function createWebAuth(options: {
  password?: string;
  /** Host names requests may name besides loopback ones (this machine's names, configured ones); lower case. */
  allowedHosts: readonly string[];
  log: Logger;
  now?: () => number;
}): WebAuth {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const failures = new Map<string, { count: number; lastAt: number; nextAllowedAt: number }>();
  const allowedHosts = new Set(options.allowedHosts.map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  const passwordHash = options.password ? sha256(options.password) : undefined;

  const findSession = (c: Context): Session | undefined => {
    const id = getCookie(c, sessionCookie);
    if (!id) return undefined;
    const session = sessions.get(id);
    if (session && session.expiresAt <= now()) sessions.delete(id);
    return session && session.expiresAt > now() ? session : undefined;
  };

  const issueCsrf = (c: Context, token = randomToken()): string => {
    setCookie(c, csrfCookie, token, { path: '/', sameSite: 'Strict', httpOnly: false });
    return token;
  };

  const reject = (c: Context, error: StreamlensError, status?: number) => sendError(c, error, options.log, status);

  const middleware: MiddlewareHandler = async (c, next) => {
    const path = c.req.path;
    const host = new URL(c.req.url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (!isLoopbackHost(host) && !allowedHosts.has(host)) {
      return reject(
        c,
        new StreamlensError(
          'UNAUTHORIZED',
          `unexpected Host header ${host}`,
          "open streamlens by this machine's name or address, or add the name to web.allowedHosts",
        ),
        403,
      );
    }
    if (!path.startsWith('/api/')) return next();
    if (passwordHash && !openPaths.has(path) && !findSession(c)) {
      return reject(
        c,
        new StreamlensError('UNAUTHORIZED', 'log in first', 'open the streamlens page and enter the password'),
      );
    }
    if (unsafeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) {
        return reject(
          c,
          new StreamlensError('UNAUTHORIZED', 'cross-site request refused', 'use the streamlens page itself'),
          403,
        );
      }
      const header = c.req.header(csrfHeader);
      const cookie = getCookie(c, csrfCookie);
      const session = findSession(c);
      const valid =
        !!header && header === cookie && (!passwordHash || path === '/api/login' || header === session?.csrf);
      if (!valid) {
        return reject(
          c,
          new StreamlensError(
            'UNAUTHORIZED',
            'missing or wrong CSRF token',
            `send the ${csrfCookie} cookie value in the X-CSRF-Token header (GET /api/session issues it)`,
          ),
          403,
        );
      }
    }
    return next();
  };

  return {
    passwordRequired: passwordHash !== undefined,
    middleware,
    isAuthenticated: (c) => !passwordHash || !!findSession(c),
    hasSession: (c) => findSession(c) !== undefined,
    describe(c) {
      const session = findSession(c);
      const csrfToken = session?.csrf ?? getCookie(c, csrfCookie) ?? issueCsrf(c);
      return { authRequired: passwordHash !== undefined, authenticated: !passwordHash || !!session, csrfToken };
    },
    login(c, password) {
      if (!passwordHash) return { csrfToken: getCookie(c, csrfCookie) ?? issueCsrf(c) };
      // Only same-origin requests with the CSRF token get here (the middleware refuses the rest), so a page on
      // another site cannot spend anyone's attempts.
      const client = clientKey(c);
      const t = now();
      let record = failures.get(client);
      if (record && t - record.lastAt > failureMemoryMs) {
        failures.delete(client);
        record = undefined;
      }
      if (record && t < record.nextAllowedAt) return { retryAfterMs: record.nextAllowedAt - t };
      if (!timingSafeEqual(sha256(password), passwordHash)) {
        const count = (record?.count ?? 0) + 1;
        const waitMs = count < freeFailures ? 0 : Math.min(maxWaitMs, 1000 * 2 ** (count - freeFailures));
        failures.set(client, { count, lastAt: t, nextAllowedAt: t + waitMs });
        options.log.warn('wrong web password', { client, failures: count, waitMs });
        return 'wrong';
      }
      failures.delete(client);
      const id = randomToken();
      const csrf = randomToken();
      sessions.set(id, { csrf, expiresAt: now() + sessionTtlMs });
      setCookie(c, sessionCookie, id, { path: '/', sameSite: 'Strict', httpOnly: true, maxAge: sessionTtlMs / 1000 });
      issueCsrf(c, csrf);
      return { csrfToken: csrf };
    },
    logout(c) {
      const id = getCookie(c, sessionCookie);
      if (id) sessions.delete(id);
      setCookie(c, sessionCookie, '', { path: '/', sameSite: 'Strict', httpOnly: true, maxAge: 0 });
    },
  };
}

function clientKey(c: Context): string {
  // node-server passes the incoming socket as env; in-process requests (tests) have none.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const randomToken = () => randomBytes(24).toString('base64url');

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
