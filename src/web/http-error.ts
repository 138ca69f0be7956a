// Maps every error a handler throws to one JSON shape `{ error: { code, message, hint } }` and a status; the
// one place that decides what a browser may learn about a failure.

import { z } from 'zod';
import { type ErrorCode, httpStatuses, isStreamlensError, StreamlensError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { maskSecrets } from '../mask-secrets.ts';

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The body and status for an error; unexpected errors are logged once and reported without details. */
export function toErrorResponse(error: unknown, log: Logger): { status: number; body: ErrorBody } {
  if (error instanceof z.ZodError) {
    const details = error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    return errorOf('USAGE', `invalid request: ${details}`, 'fix the values named above (see /api/openapi.json)');
  }
  if (isStreamlensError(error)) return errorOf(error.code, error.message, error.hint);
  log.error('request failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return {
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
  return { status: httpStatuses[code], body: { error: masked } };
}

/** A NOT_FOUND error for a missing thing, with what to do. */
export function notFound(what: string, hint = 'check the id; /api/streams lists the known streams'): StreamlensError {
  return new StreamlensError('NOT_FOUND', `${what} was not found`, hint);
}
