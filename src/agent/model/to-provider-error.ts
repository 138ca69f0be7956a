// Turns what the openai SDK throws into one clear StreamlensError('UPSTREAM') a person can act on.

import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { StreamlensError } from '../../errors.ts';
import { maskSecrets } from '../../mask-secrets.ts';

export interface ProviderInfo {
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

/** The user-facing error for a failed model request. */
export function toProviderError(error: unknown, info: ProviderInfo): StreamlensError {
  if (error instanceof StreamlensError) return error;
  const make = (message: string, hint?: string) =>
    new StreamlensError('UPSTREAM', maskSecrets(message), hint, { cause: error });
  if (error instanceof APIUserAbortError) return make('the question was cancelled');
  if (error instanceof APIConnectionTimeoutError)
    return make(
      `no answer from ${info.baseUrl} within ${info.timeoutMs} ms`,
      'raise STREAMLENS_AI timeoutMs or use a faster model',
    );
  if (error instanceof APIConnectionError)
    return make(
      `cannot reach ${info.baseUrl} — is the server running?`,
      'check STREAMLENS_AI_BASE_URL (Ollama: http://127.0.0.1:11434/v1)',
    );
  if (error instanceof APIError) {
    if (error.status === 401 || error.status === 403)
      return make('the API key was rejected — check STREAMLENS_AI_API_KEY');
    if (error.status === 404)
      return make(`model ${info.model} not found at ${info.baseUrl}`, 'check STREAMLENS_AI_MODEL (e.g. `ollama list`)');
    if (error.status === 429)
      return make(`${info.baseUrl} kept rate-limiting the requests (429)`, 'wait a minute and ask again');
    return make(`the model server answered ${error.status ?? 'an error'}: ${error.message}`);
  }
  if (error instanceof Error && error.name === 'AbortError') return make('the question was cancelled');
  return make(`the model request failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** How long to wait before retrying a 429: Retry-After (seconds or date) when given, else exponential backoff. */
export function toRetryDelayMs(error: unknown, attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const header = error instanceof APIError ? error.headers?.get('retry-after') : null;
  if (header) {
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (Number.isFinite(ms)) return Math.min(Math.max(0, ms), maxDelayMs);
  }
  return Math.min(baseDelayMs * 2 ** attempt, maxDelayMs);
}

/** Whether an error is a 429 worth retrying. */
export function isRateLimited(error: unknown): boolean {
  return error instanceof APIError && error.status === 429;
}
