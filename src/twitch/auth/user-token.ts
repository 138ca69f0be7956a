// The logged-in user's token for chat, EventSub and user-scoped Helix calls: read from the token file, refreshed
// shortly before it expires or when Twitch rejects it, and written back. `login` writes the first one.

import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { TokenSource } from '../helix/app-token.ts';
import { readTokenFile, type StoredToken, writeTokenFile } from './token-file.ts';
import { refreshUserToken, type UserTokenGrant } from './twitch-oauth.ts';

export interface UserTokenStoreOptions {
  authUrl: string;
  clientId: string;
  clientSecret?: string;
  /** The token file (see toTokenFilePath). */
  file: string;
  log: Logger;
  now?: () => number;
}

export interface UserTokenStore {
  /** The current token (refreshed when needed), or undefined when nobody is logged in. */
  getUserToken(): Promise<StoredToken | undefined>;
  /** Marks a token Twitch rejected, so the next getUserToken refreshes it. */
  invalidate(accessToken: string): void;
  /** The store as a Helix token source (throws UNAUTHORIZED when nobody is logged in). */
  toTokenSource(): TokenSource;
}

const renewMarginMs = 5 * 60_000;

/** The stored form of a fresh grant for a known user. */
export function toStoredToken(
  grant: UserTokenGrant,
  who: Pick<StoredToken, 'login' | 'userId' | 'clientId'>,
  now: number,
): StoredToken {
  return {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: grant.expiresInSec ? now + grant.expiresInSec * 1000 : null,
    scopes: grant.scopes,
    login: who.login,
    userId: who.userId,
    clientId: who.clientId,
  };
}

/** Creates the store; nothing is read until the first getUserToken. */
export function createUserTokenStore(options: UserTokenStoreOptions): UserTokenStore {
  const now = options.now ?? Date.now;
  let cached: StoredToken | undefined;
  let loaded = false;
  let pending: Promise<StoredToken | undefined> | undefined;

  const refresh = async (token: StoredToken): Promise<StoredToken> => {
    if (!token.refreshToken) {
      throw new StreamlensError(
        'UNAUTHORIZED',
        'the Twitch login expired and cannot be refreshed',
        'run `streamlens login` again',
      );
    }
    const grant = await refreshUserToken(options.authUrl, options.clientId, options.clientSecret, token.refreshToken);
    const next = toStoredToken(
      { ...grant, scopes: grant.scopes.length > 0 ? grant.scopes : token.scopes },
      token,
      now(),
    );
    await writeTokenFile(options.file, next);
    options.log.info('refreshed the Twitch login', { login: token.login });
    return next;
  };

  const load = async (): Promise<StoredToken | undefined> => {
    if (!loaded) {
      cached = await readTokenFile(options.file);
      loaded = true;
    }
    if (cached && cached.expiresAt !== null && cached.expiresAt - renewMarginMs <= now())
      cached = await refresh(cached);
    return cached;
  };

  const store: UserTokenStore = {
    getUserToken() {
      pending ??= load().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(accessToken) {
      if (cached?.accessToken === accessToken) cached = { ...cached, expiresAt: 0 };
    },
    toTokenSource: () => ({
      async getToken() {
        const token = await store.getUserToken();
        if (!token) throw new StreamlensError('UNAUTHORIZED', 'no Twitch login', 'run `streamlens login`');
        return token.accessToken;
      },
      invalidate: (token) => store.invalidate(token),
    }),
  };
  return store;
}
