// Maps every error a handler throws to one JSON shape `{ error: { code, message, hint } }` and a status; the
// one place that decides what a browser may learn about a failure.

import type { Context } from 'hono';
import { z } from 'zod';
import { type ErrorCode, httpStatuses, isStreamlensError, StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { maskSecrets } from '../../mask-secrets.ts';

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** How long a client should wait before retrying while the database is unreachable (Retry-After, seconds). */
const unavailableRetryAfterSec = 5;

/**
 * The body, status and headers for an error; unexpected errors are logged once and reported without details.
 * UNAVAILABLE (the database unreachable) is 503 with Retry-After.
 */
export function toErrorResponse(
  error: unknown,
  log: Logger,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof URIError)
    return errorOf('USAGE', 'the URL is not valid percent-encoding', 'check the address for a stray % sign');
  if (error instanceof z.ZodError) {
    const details = error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    return errorOf('USAGE', `invalid request: ${details}`, 'fix the values named above (see /api/openapi.json)');
  }
  if (isStreamlensError(error)) return errorOf(error.code, error.message, error.hint);
  log.error('request failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return {
    headers: {},
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message: 'something went wrong on the server',
        hint: 'the server log has the details; try again, and report it if it keeps happening',
      },
    },
  };
}

function errorOf(code: ErrorCode, message: string, hint: string | undefined) {
  const masked = { code, message: maskSecrets(message), ...(hint ? { hint: maskSecrets(hint) } : {}) };
  const headers: Record<string, string> =
    code === 'UNAVAILABLE' ? { 'Retry-After': String(unavailableRetryAfterSec) } : {};
  return { status: httpStatuses[code], body: { error: masked }, headers };
}

/** Answers with the error's JSON body, status and headers. */
export function sendError(c: Context, error: unknown, log: Logger, status?: number): Response {
  const response = toErrorResponse(error, log);
  return c.json(response.body, (status ?? response.status) as 400, response.headers);
}

/** A NOT_FOUND error for a missing thing, with what to do. */
export function notFound(what: string, hint = 'check the id; /api/streams lists the known streams'): StreamlensError {
  return new StreamlensError('NOT_FOUND', `${what} was not found`, hint);
}
