// One delivery attempt to a webhook, and what its answer means for the next: sent (with Discord's bucket state,
// to wait before the next post when it is used up), rate-limited (Discord's 429 `retry_after` in seconds, or a
// Retry-After header; `global` for Discord's global limit), gone for good (401/403/404/410: the URL is wrong or
// was revoked, so nothing more goes there until it changes), rejected (another 4xx: this body will never be
// taken), or transient (5xx, a timeout, no connection: try again later).

export type DeliveryOutcome =
  | { kind: 'sent'; bucket: { remaining: number; resetAfterMs: number } | null }
  | { kind: 'rate-limited'; retryAfterMs: number; global: boolean; reason: string }
  | { kind: 'target-gone'; status: number; reason: string }
  | { kind: 'rejected'; status: number; reason: string }
  | { kind: 'transient'; reason: string };

const goneStatuses = new Set([401, 403, 404, 410]);

/** POSTs the JSON body (Discord targets with `?wait=true`, so Discord confirms the message was saved). */
export async function postWebhook(options: {
  url: string;
  kind: 'discord' | 'json';
  body: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<DeliveryOutcome> {
  const target = new URL(options.url);
  if (options.kind === 'discord') target.searchParams.set('wait', 'true');
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'streamlens/0.1' },
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'transient', reason: `no answer: ${cause ?? (error as Error).name ?? 'network error'}` };
  }
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  const reason = describeError(response.status, json, text);
  if (response.ok) return { kind: 'sent', bucket: readBucket(response.headers) };
  if (response.status === 429) {
    const retryAfterSeconds =
      typeof json?.retry_after === 'number' ? json.retry_after : parseRetryAfter(response.headers.get('retry-after'));
    const global = json?.global === true || response.headers.get('x-ratelimit-global') === 'true';
    return {
      kind: 'rate-limited',
      retryAfterMs: Math.max(0, Math.ceil((retryAfterSeconds ?? 5) * 1000)),
      global,
      reason,
    };
  }
  if (goneStatuses.has(response.status)) return { kind: 'target-gone', status: response.status, reason };
  if (response.status >= 400 && response.status < 500 && response.status !== 408)
    return { kind: 'rejected', status: response.status, reason };
  return { kind: 'transient', reason };
}

interface ErrorJson {
  message?: unknown;
  code?: unknown;
  retry_after?: unknown;
  global?: unknown;
  errors?: unknown;
}

function parseJson(text: string): ErrorJson | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as ErrorJson) : undefined;
  } catch {
    return undefined;
  }
}

/** `HTTP 404: Unknown Webhook (Discord code 10015)`, with the first field Discord named for a form error. */
function describeError(status: number, json: ErrorJson | undefined, text: string): string {
  if (json && typeof json.message === 'string') {
    const code = typeof json.code === 'number' && json.code !== 0 ? ` (Discord code ${json.code})` : '';
    const field = json.errors && typeof json.errors === 'object' ? firstErrorPath(json.errors) : undefined;
    return `HTTP ${status}: ${json.message.slice(0, 200)}${code}${field ? ` at ${field}` : ''}`;
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
}

function firstErrorPath(errors: object, prefix = ''): string | undefined {
  for (const [key, value] of Object.entries(errors)) {
    if (key === '_errors') {
      const first = Array.isArray(value) ? (value[0] as { message?: unknown } | undefined) : undefined;
      return `${prefix || 'body'}${typeof first?.message === 'string' ? ` (${first.message})` : ''}`;
    }
    if (typeof value === 'object' && value !== null) {
      const found = firstErrorPath(value, prefix ? `${prefix}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/** Discord's bucket headers after a success: how many posts are left before it resets, and when. */
function readBucket(headers: Headers): { remaining: number; resetAfterMs: number } | null {
  const remaining = headers.get('x-ratelimit-remaining');
  const resetAfter = headers.get('x-ratelimit-reset-after');
  if (remaining === null || resetAfter === null) return null;
  const r = Number(remaining);
  const s = Number(resetAfter);
  return Number.isFinite(r) && Number.isFinite(s) ? { remaining: r, resetAfterMs: Math.ceil(s * 1000) } : null;
}

/** Retry-After as seconds: a number of seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
