// Who may use the API: on a loopback address anyone on this machine; with a password (required off loopback)
// only holders of a session cookie. Every state-changing request carries a CSRF token (double-submit cookie,
// bound to the session in password mode) and, when the browser sends one, a same-origin Origin header.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { toErrorResponse } from '../http/http-error.ts';

export const sessionCookie = 'sl_session';
export const csrfCookie = 'sl_csrf';
export const csrfHeader = 'x-csrf-token';
const sessionTtlMs = 12 * 3_600_000;
const maxFailures = 5;
const failureWindowMs = 5 * 60_000;
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
  /** The session state a page needs; issues the CSRF cookie when missing. */
  describe(c: Context): { authRequired: boolean; authenticated: boolean; csrfToken: string };
  /** Checks the password; on success sets the session and CSRF cookies. Rate-limited per client. */
  login(c: Context, password: string): { csrfToken: string } | 'wrong' | 'rate-limited';
  logout(c: Context): void;
}

/** Creates the auth state for one server (sessions live in memory: a restart logs everyone out). */
export function createWebAuth(options: {
  password?: string;
  /** Bound to loopback: refuse other Host names (a DNS-rebinding page must not read the API). */
  loopbackOnly: boolean;
  log: Logger;
  now?: () => number;
}): WebAuth {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const failures = new Map<string, number[]>();
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

  const reject = (c: Context, error: StreamlensError, status?: number) => {
    const { status: mapped, body } = toErrorResponse(error, options.log);
    return c.json(body, (status ?? mapped) as 400);
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const path = c.req.path;
    if (options.loopbackOnly && !isLoopbackHost(new URL(c.req.url).hostname)) {
      return reject(
        c,
        new StreamlensError('UNAUTHORIZED', 'unexpected Host header', 'open streamlens at http://127.0.0.1'),
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
    describe(c) {
      const session = findSession(c);
      const csrfToken = session?.csrf ?? getCookie(c, csrfCookie) ?? issueCsrf(c);
      return { authRequired: passwordHash !== undefined, authenticated: !passwordHash || !!session, csrfToken };
    },
    login(c, password) {
      if (!passwordHash) return { csrfToken: getCookie(c, csrfCookie) ?? issueCsrf(c) };
      const client = clientKey(c);
      const recent = (failures.get(client) ?? []).filter((t) => t > now() - failureWindowMs);
      if (recent.length >= maxFailures) return 'rate-limited';
      if (!timingSafeEqual(sha256(password), passwordHash)) {
        failures.set(client, [...recent, now()]);
        options.log.warn('wrong web password', { client });
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
