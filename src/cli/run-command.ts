// Shared plumbing for command actions: read the config once from the global flags, open the store, map
// errors to exit codes and messages a person can act on.

import type { Command } from 'commander';
import { machineTimeZone } from '../analytics/lib/time-zone.ts';
import { type Config, isIanaTimeZone, loadConfig } from '../config.ts';
import { exitCodes, isStreamlensError, StreamlensError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { maskSecrets } from '../mask-secrets.ts';
import { registerTokenFileSecrets, toTokenFilePath } from '../twitch/auth/token-file.ts';

export interface CommandContext {
  config: Config;
  log: Logger;
  /** The zone every time of day and date a command prints is in, and named: `--tz`, `timeZone`, else this machine's. */
  timeZone: string;
}

export interface GlobalFlags {
  config?: string;
  db?: string;
  databaseUrl?: string;
  logLevel?: string;
  tz?: string;
}

/** Config flags a command adds on top of the global ones, by config path. */
export type ConfigFlags = Record<string, unknown>;

/** Config warnings already shown: a command that builds its context twice (the demo) warns once. */
const warned = new Set<string>();
/** Whether this process said it runs from source (bin/streamlens: dist/ not built, or older than src/). */
let saidFromSource = false;

/** Builds the context for a command: global flags from the root program, plus the command's own config flags. */
export function createContext(command: Command, extraFlags: ConfigFlags = {}): CommandContext {
  const globals = command.optsWithGlobals<GlobalFlags>();
  if (globals.tz !== undefined && !isIanaTimeZone(globals.tz))
    throw new StreamlensError(
      'USAGE',
      `--tz ${JSON.stringify(globals.tz)} is not a time zone`,
      'give an IANA zone name such as Europe/Berlin, America/New_York or UTC',
    );
  const warnings: string[] = [];
  const config = loadConfig({
    configFile: globals.config,
    env: process.env,
    flags: {
      db: globals.db,
      databaseUrl: globals.databaseUrl,
      logLevel: globals.logLevel,
      timeZone: globals.tz,
      ...extraFlags,
    },
    onWarning: (message) => warnings.push(message),
  });
  registerTokenFileSecrets(toTokenFilePath(config.dataDir));
  const log = createLogger({ level: config.logLevel });
  for (const message of warnings) {
    if (!warned.has(message)) log.warn(message);
    warned.add(message);
  }
  if (import.meta.url.endsWith('.ts') && !saidFromSource) {
    saidFromSource = true;
    log.debug('running src/ through tsx: dist/ is not built or older than src/ (`npm run build` compiles it)');
  }
  return { config, log, timeZone: config.timeZone ?? machineTimeZone() };
}

/** Runs a command body; a StreamlensError prints its message and hint and exits with its code. */
export async function runCommand(body: () => Promise<number | undefined>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (isStreamlensError(error)) {
      process.stderr.write(maskSecrets(`streamlens: ${error.message}\n`));
      if (error.hint) process.stderr.write(maskSecrets(`  → ${error.hint}\n`));
      process.exitCode = exitCodes[error.code];
      return;
    }
    process.stderr.write(maskSecrets(`streamlens: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`));
    process.exitCode = 70;
  }
}
