// One GET of a third-party emote API: JSON parsed through the caller's schema, a 404 read as "this channel has no
// set there" (all three answer 404 for a Twitch user they do not know), anything else an error naming the URL.

import type { z } from 'zod';

export interface EmoteFetchOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** Give up when this aborts (shutdown). */
  signal?: AbortSignal;
}

/** The parsed body, or null when the API answers 404; throws on any other failure. */
export async function fetchEmoteJson<T extends z.ZodType>(
  url: string,
  schema: T,
  options: EmoteFetchOptions = {},
): Promise<z.infer<T> | null> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(url, {
    headers: { accept: 'application/json', 'user-agent': 'streamlens (self-hosted Twitch analytics)' },
    signal: AbortSignal.any([
      AbortSignal.timeout(options.timeoutMs ?? 15_000),
      ...(options.signal ? [options.signal] : []),
    ]),
  });
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`.trim());
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new Error(`GET ${url} did not answer JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `GET ${url} answered an unexpected shape${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}`,
    );
  }
  return parsed.data;
}

/** `base` without trailing slashes, then `path`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
