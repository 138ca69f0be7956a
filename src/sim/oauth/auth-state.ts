// The simulator's token authority: the app credentials it hands out, app and user tokens it issued (with
// scopes and expiry on the simulated clock), refresh tokens, revocation, and device-code grants that approve
// themselves once the client has polled patiently enough.

import { randomBytes } from 'node:crypto';
import type { EpochMs } from '../../domain.ts';
import { hashSeed } from '../random.ts';

export interface IssuedToken {
  accessToken: string;
  refreshToken: string | null;
  kind: 'app' | 'user';
  clientId: string;
  login: string | null;
  userId: string | null;
  scopes: string[];
  expiresAt: EpochMs;
}

export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  scopes: string[];
  createdAt: EpochMs;
  intervalSec: number;
  expiresAt: EpochMs;
  used: boolean;
}

export interface AuthState {
  clientId: string;
  clientSecret: string;
  issueAppToken(): IssuedToken;
  issueUserToken(login: string, userId: string, scopes: string[]): IssuedToken;
  /** The live (unexpired, unrevoked) token, or undefined. */
  findToken(accessToken: string): IssuedToken | undefined;
  refresh(refreshToken: string): IssuedToken | undefined;
  revoke(accessToken: string): boolean;
  startDeviceGrant(scopes: string[]): DeviceGrant;
  findDeviceGrant(deviceCode: string): DeviceGrant | undefined;
}

export const appTokenLifetimeSec = 5_011_271;
export const userTokenLifetimeSec = 14_124;

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A random 30-character token like Twitch's (tokens need not be reproducible, traffic does). */
function makeToken(length = 30): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Creates the authority; client id and secret are derived from the seed so they stay the same across runs. */
export function createAuthState(seed: number, now: () => EpochMs): AuthState {
  const derive = (what: string) =>
    Array.from({ length: 30 }, (_, i) => alphabet[hashSeed(seed, what, i) % alphabet.length]).join('');
  const tokens = new Map<string, IssuedToken>();
  const refreshTokens = new Map<string, IssuedToken>();
  const grants = new Map<string, DeviceGrant>();
  const clientId = derive('client-id');
  const store = (token: IssuedToken) => {
    tokens.set(token.accessToken, token);
    if (token.refreshToken) refreshTokens.set(token.refreshToken, token);
    return token;
  };
  return {
    clientId,
    clientSecret: derive('client-secret'),
    issueAppToken: () =>
      store({
        accessToken: makeToken(),
        refreshToken: null,
        kind: 'app',
        clientId,
        login: null,
        userId: null,
        scopes: [],
        expiresAt: now() + appTokenLifetimeSec * 1000,
      }),
    issueUserToken: (login, userId, scopes) =>
      store({
        accessToken: makeToken(),
        refreshToken: makeToken(50),
        kind: 'user',
        clientId,
        login,
        userId,
        scopes: [...scopes],
        expiresAt: now() + userTokenLifetimeSec * 1000,
      }),
    findToken(accessToken) {
      const token = tokens.get(accessToken);
      return token && token.expiresAt > now() ? token : undefined;
    },
    refresh(refreshToken) {
      const old = refreshTokens.get(refreshToken);
      if (!old) return undefined;
      refreshTokens.delete(refreshToken);
      tokens.delete(old.accessToken);
      return store({
        ...old,
        accessToken: makeToken(),
        refreshToken: makeToken(50),
        expiresAt: now() + userTokenLifetimeSec * 1000,
      });
    },
    revoke(accessToken) {
      const token = tokens.get(accessToken);
      if (!token) return false;
      tokens.delete(accessToken);
      if (token.refreshToken) refreshTokens.delete(token.refreshToken);
      return true;
    },
    startDeviceGrant(scopes) {
      const grant: DeviceGrant = {
        deviceCode: makeToken(40),
        userCode: makeToken(8).toUpperCase(),
        scopes,
        createdAt: now(),
        intervalSec: 5,
        expiresAt: now() + 1_800_000,
        used: false,
      };
      grants.set(grant.deviceCode, grant);
      return grant;
    },
    findDeviceGrant: (deviceCode) => grants.get(deviceCode),
  };
}
