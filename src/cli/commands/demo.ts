// `streamlens demo`: the built-in Twitch simulator plus the real collectors, on a separate demo database
// with a history of past streams generated first, so every view has data without an account or internet.

import type { Command } from 'commander';
import { runCommand } from '../run-command.ts';
import type { DemoFlags } from './demo-run.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run streamlens against the built-in Twitch simulator (no account, no internet)')
    .option('--scenario <file>', 'scenario file (default: scenarios/default.json)')
    .option('--speed <n>', 'simulated seconds per real second', '10')
    .option('--history <streams>', 'past streams to generate first (when the demo database has none)', '12')
    .option('--until-end', 'run the scenario to its end, then exit with a summary')
    .option('--json', 'with --until-end: print the summary as JSON')
    .option('-p, --port <port>', 'web port (default 7420)')
    .option('--host <host>', 'web address (default 127.0.0.1)')
    .option('--no-web', 'do not serve the web interface')
    .option('--no-transcribe', 'do not transcribe the simulated audio')
    .option('--discord', 'post notifications to a loopback Discord webhook receiver and print what it gets')
    .addHelpText(
      'after',
      `
The demo uses its own database (./data/demo.db unless --db is given) so it never mixes with real data.

Examples:
  streamlens demo                                  open http://127.0.0.1:7420 and watch a stream happen
  streamlens demo --until-end --speed 600 --json   run the whole scenario fast and compare what was stored
  streamlens demo --discord                        see the post-stream summary and live alerts arrive in a
                                                   Discord-shaped receiver on 127.0.0.1`,
    )
    .action((flags: DemoFlags, command: Command) =>
      runCommand(async () => (await import('./demo-run.ts')).runDemo(flags, command)),
    );
}
