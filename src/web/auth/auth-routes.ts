// Session and login routes: the web password's session (login, logout, CSRF token) and "Log in with Twitch".

import { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import { defineRoute } from '../http/define-route.ts';
import { deviceStartSchema, deviceStatusSchema } from './device-login.ts';

const sessionSchema = z.object({ authRequired: z.boolean(), authenticated: z.boolean(), csrfToken: z.string() });

export const sessionRoute = defineRoute('get', '/api/session', {
  summary: 'Whether a login is needed and done; issues the CSRF token to send as X-CSRF-Token.',
  response: sessionSchema,
  handle: async ({ c, deps }) => deps.auth.describe(c),
});

export const loginRoute = defineRoute('post', '/api/login', {
  summary: 'Logs in with web.password (password mode); sets an HttpOnly session cookie. Rate-limited.',
  body: z.object({ password: z.string().min(1).max(1000) }),
  response: sessionSchema,
  async handle({ body, c, deps }) {
    const result = deps.auth.login(c, body.password);
    if (typeof result === 'object' && 'retryAfterMs' in result) {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      c.header('Retry-After', String(seconds));
      return c.json(
        {
          error: {
            code: 'RATE_LIMITED',
            message: 'too many wrong passwords from here',
            hint: `wait ${seconds} s, then try again`,
          },
        },
        429,
      );
    }
    if (result === 'wrong')
      throw new StreamlensError('UNAUTHORIZED', 'wrong password', 'use web.password from the streamlens config');
    return {
      authRequired: deps.auth.passwordRequired,
      authenticated: true,
      csrfToken: result.csrfToken,
    };
  },
});

export const logoutRoute = defineRoute('post', '/api/logout', {
  summary: 'Ends the session.',
  response: z.object({ ok: z.literal(true) }),
  async handle({ c, deps }) {
    deps.auth.logout(c);
    return { ok: true as const };
  },
});

export const deviceLoginRoute = defineRoute('post', '/api/login/device', {
  summary: 'Starts "Log in with Twitch" (device code): returns the code to enter and where.',
  response: deviceStartSchema,
  handle: async ({ deps }) => deps.deviceLogin.start(),
});

export const deviceStatusRoute = defineRoute('get', '/api/login/status', {
  summary: 'Progress of the Twitch login, and which account is logged in.',
  response: deviceStatusSchema,
  handle: async ({ deps }) => deps.deviceLogin.status(),
});
