// The Helix transport: Client-Id + bearer token on every call, the rate-limit bucket honoured from Twitch's
// headers, bounded retries for 429/5xx/network errors, 401 → fresh token once, responses validated with zod.

import type { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { TokenSource } from './app-token.ts';

export type QueryValue = string | number | readonly string[] | undefined;
export type Query = Record<string, QueryValue>;

export interface HelixRequest {
  method?: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  query?: Query;
  body?: unknown;
}

export interface HelixClientOptions {
  helixUrl: string;
  clientId: string;
  token: TokenSource;
  log: Logger;
  /** Waits; injectable so tests see the requested delays instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Base delay for 5xx/network retries (doubled each attempt). */
  retryBaseMs?: number;
}

/** A Helix call failed with this HTTP status (kept so callers can treat e.g. 409 as "already exists"). */
export class HelixError extends StreamlensError {
  readonly status: number;
  constructor(status: number, message: string, hint: string) {
    super(status === 401 || status === 403 ? 'UNAUTHORIZED' : 'UPSTREAM', message, hint);
    this.status = status;
  }
}

export interface HelixClient {
  /** Sends one request and validates the JSON answer (204/empty bodies validate `undefined`). */
  request<T>(request: HelixRequest, schema: z.ZodType<T>): Promise<T>;
}

const maxRateLimitWaits = 3;
const maxServerRetries = 2;

/** Creates a Helix client for one token (app or user). */
export function createHelixClient(options: HelixClientOptions): HelixClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const retryBaseMs = options.retryBaseMs ?? 500;
  let bucketEmptyUntil = 0;

  const waitForBucket = async () => {
    const wait = bucketEmptyUntil - now();
    if (wait > 0) await sleep(wait);
  };

  const readRateLimit = (response: Response) => {
    const remaining = response.headers.get('ratelimit-remaining');
    const reset = Number(response.headers.get('ratelimit-reset'));
    if (remaining !== null && Number(remaining) <= 0 && reset > 0) bucketEmptyUntil = reset * 1000;
  };

  const send = async (request: HelixRequest, token: string): Promise<Response> => {
    const url = new URL(`${options.helixUrl.replace(/\/$/, '')}/${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      // Helix lists repeat the parameter (`login=a&login=b`), never comma-join.
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, v);
      else url.searchParams.append(key, String(value));
    }
    const headers: Record<string, string> = { 'Client-Id': options.clientId, Authorization: `Bearer ${token}` };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  };

  return {
    async request<T>(request: HelixRequest, schema: z.ZodType<T>): Promise<T> {
      let rateLimitWaits = 0;
      let serverRetries = 0;
      let refreshedToken = false;
      for (;;) {
        await waitForBucket();
        const token = await options.token.getToken();
        let response: Response;
        try {
          response = await send(request, token);
        } catch (error) {
          if (serverRetries++ < maxServerRetries) {
            await sleep(retryBaseMs * 2 ** (serverRetries - 1));
            continue;
          }
          throw new StreamlensError(
            'UPSTREAM',
            `cannot reach Twitch Helix at ${options.helixUrl}`,
            'check the network and twitch.helixUrl',
            { cause: error },
          );
        }
        readRateLimit(response);
        const status = response.status;
        if (status === 429 && rateLimitWaits++ < maxRateLimitWaits) {
          await response.body?.cancel();
          const reset = Number(response.headers.get('ratelimit-reset'));
          const wait = reset > 0 ? Math.max(0, reset * 1000 - now()) : 1000;
          options.log.warn('Helix rate limit reached; waiting for the bucket to refill', {
            path: request.path,
            waitMs: wait,
          });
          await sleep(wait);
          continue;
        }
        if (status === 401 && !refreshedToken) {
          await response.body?.cancel();
          refreshedToken = true;
          options.token.invalidate(token);
          continue;
        }
        // Twitch's guide: "If you receive an HTTP status code 503 (Service Unavailable) error, retry once."
        if (status >= 500 && serverRetries < (status === 503 ? 1 : maxServerRetries)) {
          await response.body?.cancel();
          await sleep(retryBaseMs * 2 ** serverRetries++);
          continue;
        }
        const text = await response.text();
        if (!response.ok) throw toHelixError(status, request.path, text);
        const json: unknown = text === '' ? undefined : JSON.parse(text);
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
          throw new StreamlensError(
            'UPSTREAM',
            `Twitch Helix sent an unexpected answer for ${request.path}: ${parsed.error.issues[0]?.message}`,
            'check twitch.helixUrl points at Helix (or a compatible mock)',
          );
        }
        return parsed.data;
      }
    },
  };
}

function toHelixError(status: number, path: string, body: string): HelixError {
  let message = body.slice(0, 200);
  try {
    const json = JSON.parse(body) as { message?: unknown };
    if (typeof json.message === 'string') message = json.message;
  } catch {
    // Not JSON: keep the raw text.
  }
  const hint =
    status === 401
      ? 'the token was rejected: check twitch.clientId/clientSecret, or run `streamlens login` again'
      : status === 403
        ? 'the token lacks a scope: run `streamlens login --scopes …` with the scope named above'
        : status === 429
          ? 'Twitch rate limit kept failing; lower the number of channels or raise twitch.pollIntervalSec'
          : 'Twitch had a problem; it is retried on the next poll';
  return new HelixError(status, `Twitch Helix ${path} failed with ${status}: ${message}`, hint);
}
