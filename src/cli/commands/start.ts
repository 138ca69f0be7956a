// `streamlens start` (collect + web), `collect` (collectors only, for worker machines) and `serve` (web and
// agent only, reading the same database).

import type { Command } from 'commander';
import { boundHeapGrowth } from '../../bound-heap-growth.ts';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { createContext, runCommand } from '../run-command.ts';
import { waitForSignal } from '../wait-for-signal.ts';

interface StartFlags {
  channel?: string[];
  port?: string;
  host?: string;
  web?: boolean;
  metricsPort?: string;
}

function addWebFlags(command: Command): Command {
  return command
    .option('-p, --port <port>', 'web port (env STREAMLENS_PORT; default 7420)')
    .option('--host <host>', 'web address to listen on (env STREAMLENS_HOST; default 127.0.0.1)');
}

function runApp(mode: 'start' | 'collect' | 'serve') {
  return (flags: StartFlags, command: Command) =>
    runCommand(async () => {
      const { config, log } = createContext(command, {
        channels: flags.channel,
        'web.port': flags.port,
        'web.host': flags.host,
        'metrics.port': flags.metricsPort,
      });
      const collect = mode !== 'serve';
      const serve = mode === 'serve' || (mode === 'start' && flags.web !== false);
      if (collect && config.channels.length === 0) {
        throw new StreamlensError(
          'USAGE',
          'no channels to record',
          'pass --channel yourlogin, set STREAMLENS_CHANNELS, or add "channels": ["yourlogin"] to streamlens.config.json',
        );
      }
      // A collector's memory stays bounded under a flood only if V8 collects the records it has written.
      if (collect) boundHeapGrowth();
      const { startApp } = await import('../../main.ts');
      // `serve` shows what collectors recorded: it opens an existing database and never creates one.
      const store = collect ? undefined : await openStore(config, { mustExist: true });
      const app = await startApp({ config, log, collect, serve, store });
      const what = collect ? `recording ${config.channels.map((c) => `#${c}`).join(', ')}` : 'serving';
      const where = app.webUrl ? ` — open ${app.webUrl}` : app.metricsUrl ? ` — metrics at ${app.metricsUrl}` : '';
      process.stderr.write(`streamlens ${what}${where} (Ctrl-C to stop)\n`);
      await waitForSignal();
      await app.stop();
      return 0;
    });
}

export function registerStartCommands(program: Command): void {
  addWebFlags(
    program
      .command('start')
      .description('record your channels live and serve the dashboard')
      .option('-c, --channel <login...>', 'Twitch channel(s) to record (env STREAMLENS_CHANNELS)')
      .option('--no-web', 'collect only, without the web interface')
      .option(
        '--metrics-port <port>',
        'with --no-web: serve Prometheus /metrics on this port (env STREAMLENS_METRICS_PORT)',
      ),
  )
    .addHelpText(
      'after',
      `
With no Twitch credentials streamlens reads chat anonymously. Add a Twitch app's client id and secret
(STREAMLENS_TWITCH_CLIENT_ID / _SECRET) for viewer counts, titles and categories, and run
\`streamlens login\` for follows, subs, cheers, raids and ad breaks.

Example:
  streamlens start --channel yourlogin`,
    )
    .action(runApp('start'));

  program
    .command('collect')
    .description('run only the collectors (worker machines; share channels via PostgreSQL)')
    .option('-c, --channel <login...>', 'Twitch channel(s) to record (env STREAMLENS_CHANNELS)')
    .option('--metrics-port <port>', 'serve Prometheus /metrics on this port (env STREAMLENS_METRICS_PORT)')
    .option('--host <host>', 'address of the metrics listener (env STREAMLENS_HOST; default 127.0.0.1)')
    .action(runApp('collect'));

  addWebFlags(
    program.command('serve').description('serve the dashboard and the agent over an existing database'),
  ).action(runApp('serve'));
}
