// App access tokens (client credentials grant): fetched on first use, cached, renewed shortly before they
// expire and whenever Helix answers 401 for the cached one.

import { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import { registerSecrets } from '../../mask-secrets.ts';

/** Where the Helix client gets its bearer token; `invalidate` is called when Helix rejects that token. */
export interface TokenSource {
  getToken(): Promise<string>;
  invalidate(token: string): void;
}

export interface AppTokenOptions {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  now?: () => number;
}

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number() });

// Renew this long before expiry so a request never starts with a token about to lapse.
const renewMarginMs = 5 * 60_000;

/** Creates a cached app access token source for the given client id and secret. */
export function createAppTokenSource(options: AppTokenOptions): TokenSource {
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const body = new URLSearchParams({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      grant_type: 'client_credentials',
    });
    let response: Response;
    try {
      response = await fetch(`${options.authUrl}/token`, { method: 'POST', body });
    } catch (error) {
      throw new StreamlensError(
        'UPSTREAM',
        `cannot reach Twitch auth at ${options.authUrl}`,
        'check the network and twitch.authUrl',
        { cause: error },
      );
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (response.status === 400 || response.status === 403) {
      throw new StreamlensError(
        'UNAUTHORIZED',
        `Twitch rejected the app credentials (${response.status})`,
        'check twitch.clientId and twitch.clientSecret (STREAMLENS_TWITCH_CLIENT_ID / _SECRET) at https://dev.twitch.tv/console/apps',
      );
    }
    const parsed = tokenResponse.safeParse(json);
    if (!response.ok || !parsed.success) {
      throw new StreamlensError(
        'UPSTREAM',
        `Twitch auth answered ${response.status} without a usable token`,
        'retry later',
      );
    }
    registerSecrets([parsed.data.access_token]);
    cached = { token: parsed.data.access_token, expiresAt: now() + parsed.data.expires_in * 1000 };
    return cached.token;
  };

  return {
    async getToken() {
      if (cached && cached.expiresAt - renewMarginMs > now()) return cached.token;
      // Concurrent callers share one token request.
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
