// A small leveled logger writing one line per event to stderr. Every line passes through `maskSecrets`, so a
// configured key or a token that slipped into a message or its fields never reaches the output.

import { maskSecrets } from './mask-secrets.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  scope?: string;
  write?: (line: string) => void;
}

/** Creates a logger; lines look like `12:00:01 info  chat: joined #channel {"channels":3}`. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const min = order[options.level];
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const time = new Date().toISOString().slice(11, 19);
    const scope = options.scope ? `${options.scope}: ` : '';
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    write(maskSecrets(`${time} ${level.padEnd(5)} ${scope}${message}${extra}`));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (scope) => createLogger({ ...options, scope: options.scope ? `${options.scope}/${scope}` : scope }),
  };
}

/** A logger that drops everything (tests, quiet commands). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });

/** A connection URL without its password (`postgres://user@host/db`), for messages, logs and the browser. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '';
    return parsed.toString().replace(/:@/, '@');
  } catch {
    return '(unparsable URL)';
  }
}
