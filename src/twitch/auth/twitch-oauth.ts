// Twitch's OAuth endpoints for user tokens: the device code grant (login without a redirect URL), refresh and
// validate. Tokens are never logged; errors say what to do next.

import { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import { registerSecrets } from '../../mask-secrets.ts';

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  expiresInSec: number;
  intervalSec: number;
}

export interface UserTokenGrant {
  accessToken: string;
  refreshToken: string | null;
  expiresInSec: number | null;
  scopes: string[];
}

export interface TokenValidation {
  clientId: string;
  login: string;
  userId: string;
  scopes: string[];
  expiresInSec: number;
}

const deviceSchema = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  expires_in: z.number(),
  interval: z.number().default(5),
});
const grantSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.array(z.string()).nullish(),
});
const validateSchema = z.object({
  client_id: z.string(),
  login: z.string(),
  user_id: z.string(),
  scopes: z.array(z.string()).nullish(),
  expires_in: z.number(),
});
const errorSchema = z.object({ status: z.number().optional(), message: z.string().optional() });

async function post(url: string, form: Record<string, string>): Promise<{ status: number; json: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  } catch (error) {
    throw new StreamlensError(
      'UPSTREAM',
      `cannot reach Twitch auth at ${url}`,
      'check the network and twitch.authUrl',
      { cause: error },
    );
  }
  return { status: response.status, json: await response.json().catch(() => undefined) };
}

const toGrant = (json: unknown): UserTokenGrant => {
  const g = grantSchema.parse(json);
  registerSecrets([g.access_token, g.refresh_token]);
  return {
    accessToken: g.access_token,
    refreshToken: g.refresh_token || null,
    expiresInSec: g.expires_in ?? null,
    scopes: g.scope ?? [],
  };
};

/** Starts the device code grant: the code the user enters at the verification URI. */
export async function requestDeviceCode(
  authUrl: string,
  clientId: string,
  scopes: readonly string[],
): Promise<DeviceCode> {
  const { status, json } = await post(`${authUrl}/device`, { client_id: clientId, scopes: scopes.join(' ') });
  const parsed = deviceSchema.safeParse(json);
  if (status !== 200 || !parsed.success) {
    const message = errorSchema.safeParse(json).data?.message ?? `status ${status}`;
    throw new StreamlensError(
      'UNAUTHORIZED',
      `Twitch refused the login request: ${message}`,
      'check twitch.clientId; the app must be a "Public" client or have device flow enabled at https://dev.twitch.tv/console/apps',
    );
  }
  const d = parsed.data;
  return {
    deviceCode: d.device_code,
    userCode: d.user_code,
    verificationUri: d.verification_uri,
    expiresInSec: d.expires_in,
    intervalSec: d.interval,
  };
}

export interface PollDeviceTokenOptions {
  authUrl: string;
  clientId: string;
  scopes: readonly string[];
  device: DeviceCode;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Polls until the user has approved the device code (honouring `interval` and `slow_down`) or it expires. */
export async function pollDeviceToken(options: PollDeviceTokenOptions): Promise<UserTokenGrant> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.device.expiresInSec * 1000;
  let intervalMs = options.device.intervalSec * 1000;
  for (;;) {
    await sleep(intervalMs);
    if (now() > deadline) break;
    const { status, json } = await post(`${options.authUrl}/token`, {
      client_id: options.clientId,
      scopes: options.scopes.join(' '),
      device_code: options.device.deviceCode,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    });
    if (status === 200) return toGrant(json);
    const message = errorSchema.safeParse(json).data?.message ?? '';
    if (message === 'authorization_pending') continue;
    if (message === 'slow_down') {
      intervalMs += 5000;
      continue;
    }
    if (/invalid device code|expired/i.test(message)) break;
    throw new StreamlensError(
      'UNAUTHORIZED',
      `Twitch login failed: ${message || `status ${status}`}`,
      'run `streamlens login` again',
    );
  }
  throw new StreamlensError(
    'UNAUTHORIZED',
    'the login code expired before it was entered',
    'run `streamlens login` again and enter the code within the time shown',
  );
}

/** Exchanges a refresh token for a new user token. */
export async function refreshUserToken(
  authUrl: string,
  clientId: string,
  clientSecret: string | undefined,
  refreshToken: string,
): Promise<UserTokenGrant> {
  const form: Record<string, string> = {
    client_id: clientId,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  };
  if (clientSecret) form.client_secret = clientSecret;
  const { status, json } = await post(`${authUrl}/token`, form);
  if (status === 200) return toGrant(json);
  const message = errorSchema.safeParse(json).data?.message ?? `status ${status}`;
  throw new StreamlensError(
    'UNAUTHORIZED',
    `Twitch refused to refresh the login: ${message}`,
    'run `streamlens login` again',
  );
}

/** Asks Twitch who a token belongs to; undefined when the token is invalid or expired. */
export async function validateToken(authUrl: string, accessToken: string): Promise<TokenValidation | undefined> {
  let response: Response;
  try {
    response = await fetch(`${authUrl}/validate`, { headers: { Authorization: `OAuth ${accessToken}` } });
  } catch (error) {
    throw new StreamlensError(
      'UPSTREAM',
      `cannot reach Twitch auth at ${authUrl}`,
      'check the network and twitch.authUrl',
      { cause: error },
    );
  }
  if (response.status === 401) return undefined;
  const v = validateSchema.parse(await response.json());
  return {
    clientId: v.client_id,
    login: v.login,
    userId: v.user_id,
    scopes: v.scopes ?? [],
    expiresInSec: v.expires_in,
  };
}
