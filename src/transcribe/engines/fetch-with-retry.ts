// HTTP for remote engines: retries 429, 5xx and network errors with exponential backoff, honouring
// Retry-After (seconds or an HTTP date), capped so one chunk never stalls the queue for long.

export interface RetryOptions {
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected in tests so they never wait on wall time. */
  sleep?: (ms: number) => Promise<void>;
}

/** An HTTP failure that survived the retries, with its status and body for the error message. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, body: string, url: string) {
    super(`HTTP ${status} from ${new URL(url).origin}${new URL(url).pathname}: ${body.slice(0, 300)}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `fetch` that retries transient failures and throws HttpError for any final non-2xx answer. */
export async function fetchWithRetry(
  url: string,
  init: () => RequestInit,
  options: RetryOptions = {},
): Promise<Response> {
  const retries = options.retries ?? 3;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, init());
    } catch (error) {
      if (attempt >= retries || (error as Error).name === 'AbortError') throw error;
      await sleep(Math.min(max, base * 2 ** attempt));
      continue;
    }
    if (response.ok) return response;
    const transient = response.status === 429 || response.status >= 500;
    if (!transient || attempt >= retries) throw new HttpError(response.status, await response.text(), url);
    await response.body?.cancel();
    const hinted = toRetryAfterMs(response.headers.get('retry-after'));
    await sleep(Math.min(max, hinted ?? base * 2 ** attempt));
  }
}

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function toRetryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
