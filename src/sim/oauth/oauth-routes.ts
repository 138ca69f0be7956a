// id.twitch.tv/oauth2 as the simulator serves it: client-credentials, refresh and device-code grants, the
// device endpoint, validate and revoke, with the status+message error bodies of the real service.

import { type Context, Hono } from 'hono';
import type { EpochMs } from '../../domain.ts';
import type { AuthState, IssuedToken } from './auth-state.ts';

export interface OauthRoutesOptions {
  auth: AuthState;
  now(): EpochMs;
  /** The account a device-code login authorizes (the streamer running streamlens). */
  deviceUser(): { login: string; userId: string };
  /** Called after a user token is revoked (EventSub revokes that user's subscriptions). */
  onRevoke(token: IssuedToken): void;
}

/** The /oauth2 routes (mount under `/oauth2`). */
export function createOauthRoutes(options: OauthRoutesOptions): Hono {
  const { auth, now } = options;
  const app = new Hono();
  const fail = (c: Context, status: 400 | 401 | 403, message: string) => c.json({ status, message }, status);
  const expiresIn = (t: IssuedToken) => Math.max(0, Math.floor((t.expiresAt - now()) / 1000));
  const userTokenBody = (t: IssuedToken) => ({
    access_token: t.accessToken,
    expires_in: expiresIn(t),
    refresh_token: t.refreshToken,
    scope: t.scopes,
    token_type: 'bearer',
  });

  app.post('/token', async (c) => {
    const p = await readParams(c);
    if (p.client_id !== auth.clientId) return fail(c, 400, 'invalid client');
    switch (p.grant_type) {
      case 'client_credentials': {
        if (p.client_secret !== auth.clientSecret) return fail(c, 403, 'invalid client secret');
        const t = auth.issueAppToken();
        return c.json({ access_token: t.accessToken, expires_in: expiresIn(t), token_type: 'bearer' });
      }
      case 'refresh_token': {
        if (p.client_secret !== undefined && p.client_secret !== auth.clientSecret)
          return fail(c, 403, 'invalid client secret');
        const t = p.refresh_token ? auth.refresh(p.refresh_token) : undefined;
        return t ? c.json(userTokenBody(t)) : fail(c, 400, 'Invalid refresh token');
      }
      case 'urn:ietf:params:oauth:grant-type:device_code': {
        const grant = p.device_code ? auth.findDeviceGrant(p.device_code) : undefined;
        if (!grant || grant.used || grant.expiresAt <= now()) return fail(c, 400, 'invalid device code');
        // Approve on the first poll that waited at least one interval, like a person typing the code in.
        if (now() - grant.createdAt < grant.intervalSec * 1000) return fail(c, 400, 'authorization_pending');
        grant.used = true;
        const user = options.deviceUser();
        return c.json(userTokenBody(auth.issueUserToken(user.login, user.userId, grant.scopes)));
      }
      default:
        return fail(c, 400, 'unsupported grant type');
    }
  });

  app.post('/device', async (c) => {
    const p = await readParams(c);
    if (p.client_id !== auth.clientId) return fail(c, 400, 'invalid client');
    const grant = auth.startDeviceGrant((p.scopes ?? p.scope ?? '').split(/[\s+]+/).filter(Boolean));
    return c.json({
      device_code: grant.deviceCode,
      expires_in: Math.floor((grant.expiresAt - grant.createdAt) / 1000),
      interval: grant.intervalSec,
      user_code: grant.userCode,
      verification_uri: `${new URL(c.req.url).origin}/activate?device-code=${grant.userCode}`,
    });
  });

  app.get('/validate', (c) => {
    const header = c.req.header('authorization');
    if (!header) return fail(c, 401, 'missing authorization token');
    const token = auth.findToken(header.replace(/^(OAuth|Bearer)\s+/i, ''));
    if (!token) return fail(c, 401, 'invalid access token');
    return c.json({
      client_id: token.clientId,
      login: token.login,
      scopes: token.scopes,
      user_id: token.userId,
      expires_in: expiresIn(token),
    });
  });

  app.post('/revoke', async (c) => {
    const p = await readParams(c);
    if (p.client_id !== auth.clientId) return fail(c, 400, 'invalid client');
    const token = p.token ? auth.findToken(p.token) : undefined;
    if (!token || !auth.revoke(token.accessToken)) return fail(c, 400, 'Invalid token');
    options.onRevoke(token);
    return c.body(null, 200);
  });
  return app;
}

/** Query parameters merged with a form (or JSON) body: clients send either. */
async function readParams(c: Context): Promise<Record<string, string | undefined>> {
  const params: Record<string, string | undefined> = { ...c.req.query() };
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') params[k] = v;
  } else {
    const text = await c.req.text();
    for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  }
  return params;
}
