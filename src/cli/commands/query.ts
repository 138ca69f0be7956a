// `streamlens query "SQL"`: read-only SQL over the store, as a table, JSON or CSV.

import type { Command } from 'commander';
import { StreamlensError } from '../../errors.ts';
import { openStore } from '../../store/open-store.ts';
import { defaultReadOnlyMaxBytes } from '../../store/store.ts';
import { formatTable, toCsv } from '../format-table.ts';
import { createContext, runCommand } from '../run-command.ts';

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('run read-only SQL over the collected data')
    .argument('<sql>', 'a single SELECT (or WITH … SELECT) statement')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--limit <rows>', 'return at most this many rows', '1000')
    .option('--timeout <ms>', 'stop the query after this long', '10000')
    .addHelpText(
      'after',
      `
Tables: channels, streams, stream_snapshots, chat_messages, chat_events, channel_events, transcript_segments,
category_snapshots, chatters, chatter_streams, stream_reports. Timestamps are epoch milliseconds (UTC).
Writes are refused: the query runs on a read-only connection.

Examples:
  streamlens query "SELECT user_login, COUNT(*) AS n FROM chat_messages GROUP BY user_login ORDER BY n DESC LIMIT 10"
  streamlens query "SELECT id, title, peak_viewers FROM streams ORDER BY started_at DESC" --format csv`,
    )
    .action((sql: string, flags: { format: string; limit: string; timeout: string }, command: Command) =>
      runCommand(async () => {
        const format = flags.format;
        if (!['table', 'json', 'csv'].includes(format)) {
          throw new StreamlensError('USAGE', `unknown --format "${format}"`, 'use table, json or csv');
        }
        const rowLimit = Number(flags.limit);
        const timeoutMs = Number(flags.timeout);
        if (!Number.isInteger(rowLimit) || rowLimit < 1)
          throw new StreamlensError('USAGE', '--limit must be a positive whole number');
        if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
          throw new StreamlensError('USAGE', '--timeout must be a positive number of milliseconds');
        const { config } = createContext(command);
        const store = await openStore(config, { mustExist: true });
        try {
          const result = await store.queryReadOnly(sql, { rowLimit, timeoutMs });
          if (format === 'json') process.stdout.write(`${JSON.stringify(result.rows)}\n`);
          else if (format === 'csv') process.stdout.write(toCsv(result.columns, result.rows));
          else process.stdout.write(formatTable(result.columns, result.rows));
          if (result.byteLimitReached)
            process.stderr.write(
              `(showing the first ${result.rows.length} rows: the result is over ${defaultReadOnlyMaxBytes / 1024 / 1024} MB; select fewer columns or rows)\n`,
            );
          else if (result.truncated)
            process.stderr.write(`(showing the first ${rowLimit} rows; raise --limit for more)\n`);
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}
