// The few named errors streamlens raises on purpose, each with a stable code; the CLI maps them to exit codes
// and the web layer to HTTP statuses, in one place each.

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'DATABASE_MISSING'
  | 'CANNOT_CREATE'
  | 'READ_ONLY_VIOLATION'
  | 'QUERY_FAILED'
  | 'UNAUTHORIZED'
  | 'UPSTREAM'
  | 'UNAVAILABLE'
  | 'DATA_INVALID';

/** An error meant for a person: what was wrong, and (in `hint`) what to do about it. */
export class StreamlensError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StreamlensError';
    this.code = code;
    this.hint = hint;
  }
}

export function isStreamlensError(error: unknown): error is StreamlensError {
  return error instanceof StreamlensError;
}

/** CLI exit code per error code (sysexits-style where one fits). */
export const exitCodes: Record<ErrorCode, number> = {
  USAGE: 64,
  CONFIG_INVALID: 78,
  NOT_FOUND: 66,
  FILE_UNREADABLE: 66,
  /** A command that only reads found no database: EX_NOINPUT. */
  DATABASE_MISSING: 66,
  /** A file or directory could not be created: EX_CANTCREAT. */
  CANNOT_CREATE: 73,
  READ_ONLY_VIOLATION: 65,
  QUERY_FAILED: 65,
  UNAUTHORIZED: 77,
  UPSTREAM: 69,
  UNAVAILABLE: 69,
  /** Input in no format streamlens reads (an import file): EX_DATAERR. */
  DATA_INVALID: 65,
};

/** HTTP status per error code. */
export const httpStatuses: Record<ErrorCode, number> = {
  USAGE: 400,
  CONFIG_INVALID: 400,
  NOT_FOUND: 404,
  FILE_UNREADABLE: 400,
  DATABASE_MISSING: 503,
  CANNOT_CREATE: 500,
  READ_ONLY_VIOLATION: 400,
  QUERY_FAILED: 400,
  UNAUTHORIZED: 401,
  UPSTREAM: 502,
  UNAVAILABLE: 503,
  DATA_INVALID: 400,
};
