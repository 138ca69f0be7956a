// Talks to /api: JSON in and out, the CSRF token on every write, errors as ApiError with the server's
// message and hint so pages can show something a person understands.
import { useEffect, useState } from 'preact/hooks';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Remembers the token from /api/session or /api/login. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Fetches JSON; throws ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      signal: init.signal,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'OFFLINE',
      'streamlens is not reachable',
      'check that `streamlens` is still running, then reload',
    );
  }
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; hint?: string };
  } | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'HTTP', e?.message ?? `request failed (${res.status})`, e?.hint);
  }
  return body as T;
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; data: T };

/** Loads `path` (null = nothing to load) and reloads when it changes; `reload()` fetches again. */
export function useApi<T>(path: string | null): Loadable<T> & { reload: () => void } {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setValue((v) => (v.state === 'ready' && tick > 0 ? v : { state: 'loading' }));
    api<T>(path, { signal: abort.signal }).then(
      (data) => setValue({ state: 'ready', data }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') setValue({ state: 'error', error: toApiError(error) });
      },
    );
    return () => abort.abort();
  }, [path, tick]);
  return { ...value, reload: () => setTick((t) => t + 1) };
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'CLIENT', (error as Error).message ?? String(error));
}

/** True for analytics results that say the data was never recorded. */
export function isNoData(value: unknown): value is { status: 'no-data'; reason: string } {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'no-data';
}
