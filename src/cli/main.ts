// The command table: every command registers itself here; each parses its arguments, calls modules and
// prints. Errors are mapped to exit codes in one place (runCommand).

import { Command } from 'commander';
import { commands } from './commands/index.ts';

const program = new Command()
  .name('streamlens')
  .description('Self-hosted analytics and coaching for Twitch streamers.')
  .version('0.1.0', '-V, --version')
  .option('--config <file>', 'config file (default: ./streamlens.config.json when it exists)')
  .option('--db <path>', 'SQLite database file (env STREAMLENS_DB; default ./data/streamlens.db)')
  .option('--database-url <url>', 'use PostgreSQL at this URL instead of SQLite (env STREAMLENS_DATABASE_URL)')
  .option('--log-level <level>', 'debug, info, warn or error (env STREAMLENS_LOG_LEVEL)')
  .option(
    '--tz <zone>',
    "time zone for the times and dates printed, an IANA name such as Europe/Berlin (env STREAMLENS_TIME_ZONE; default this machine's, TZ)",
  )
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Getting started:
  streamlens demo                 run the built-in Twitch simulator and open the dashboard
  streamlens start -c yourlogin   record a real channel (anonymous chat needs no account)
  streamlens import irc chat.log  import raw IRC chat logs (.log or .gz)

Every option can also be set in streamlens.config.json or with STREAMLENS_* variables (see README).`,
  );

for (const register of commands) register(program);

// Output piped into a reader that stops early (`streamlens ask … | head`): the rest has nowhere to go, which is
// no error of ours — end quietly, as Unix tools do, instead of crashing on EPIPE.
for (const out of [process.stdout, process.stderr])
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

await program.parseAsync(process.argv);
