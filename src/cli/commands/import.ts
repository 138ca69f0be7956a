// `streamlens import irc FILE…`: raw IRC chat logs into the store, with progress and a summary.

import type { Command } from 'commander';
import { exitCodes } from '../../errors.ts';
import { importIrcLogs } from '../../importer/import-irc-logs.ts';
import { createIngest } from '../../ingest/create-ingest.ts';
import { openStore } from '../../store/open-store.ts';
import { formatBytes, formatCount, startProgress } from '../progress.ts';
import { createContext, runCommand } from '../run-command.ts';

// Small batches: a parsed record then dies before the next young-generation GC. With 10,000 a batch, three
// batches of records (parsed, queued, being written) outlived it, were copied and promoted, and the main thread
// spent ~2 s of a 1M-line import in GC instead of ~0.5 s; SQLite's cost per transaction is small beside that.
const batchSize = 1_000;

export function registerImportCommand(program: Command): void {
  const importCmd = program.command('import').description('import data from other tools');
  importCmd
    .command('irc')
    .description('import raw Twitch IRC logs (one IRC line per line, as justlog/rustlog keep them; .gz too)')
    .argument('<files...>', 'log files to import')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Lines look like "@badge-info=;…;tmi-sent-ts=1700000000000;… :user!user@user.tmi.twitch.tv PRIVMSG #channel :hello".
Importing the same file twice stores nothing new; lines that are not chat (PING, JOIN…) are skipped and junk
lines are dropped with a reason, never stopping the import. A file that cannot be read to its end (a corrupt or
truncated .gz) is named with why, the lines before the damage and the files after it are still imported, and the
exit code is ${exitCodes.FILE_UNREADABLE}.

Example:
  streamlens import irc logs/2024-*.log.gz --db data/streamlens.db`,
    )
    .action((files: string[], flags: { json?: boolean }, command: Command) =>
      runCommand(async () => {
        const { config, log } = createContext(command);
        const store = await openStore(config);
        try {
          const ingest = await createIngest({
            store,
            log,
            // A cap only: the importer flushes every `batchSize` records and keeps one batch written while it
            // parses the next (the ingest's own size flush would queue batches behind the one in flight).
            batchSize: batchSize * 4,
            flushIntervalMs: 60_000,
            maxWritesInFlight: 2,
            maxRetries: config.ingest.maxRetries,
            bulkLoad: true,
          });
          const started = performance.now();
          let progress: ReturnType<typeof startProgress> | undefined;
          const summary = await importIrcLogs({
            files,
            ingest,
            batchSize,
            onProgress(p) {
              progress ??= startProgress('importing', p.totalBytes, formatBytes);
              progress.update(p.bytesRead, `${formatCount(p.lines)} lines`);
            },
          });
          await ingest.stop();
          progress?.stop();
          const importSeconds = (performance.now() - started) / 1000;
          let indexProgress: ReturnType<typeof startProgress> | undefined;
          const indexed = await store.catchUp((done, total) => {
            indexProgress ??= startProgress('search index', total);
            indexProgress.update(done);
          });
          indexProgress?.stop();
          const totalSeconds = (performance.now() - started) / 1000;
          const stats = ingest.stats();
          const result = {
            files: summary.files,
            lines: summary.lines,
            stored: { messages: stats.stored.message ?? 0, events: stats.stored.event ?? 0 },
            duplicates: stats.duplicates,
            skipped: summary.skipped,
            dropped: { ...summary.dropped, ...stats.dropped },
            channels: summary.channels,
            failed: summary.failed,
            searchIndexed: indexed,
            seconds: Number(totalSeconds.toFixed(2)),
            linesPerSec: Math.round(summary.lines / importSeconds),
            database: store.location,
          };
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(result)}\n`);
          } else {
            const dropped = Object.entries(result.dropped).sort((a, b) => b[1] - a[1]);
            const lines = [
              `Imported ${formatCount(result.lines)} lines from ${result.files} file(s) in ${result.seconds} s (${formatCount(result.linesPerSec)} lines/s) into ${result.database}`,
              `  stored      ${formatCount(result.stored.messages)} messages, ${formatCount(result.stored.events)} events`,
              `  duplicates  ${formatCount(result.duplicates)} (already stored)`,
              `  skipped     ${formatCount(result.skipped)} non-chat lines (PING, JOIN, ROOMSTATE…)`,
              `  dropped     ${dropped.length === 0 ? 'none' : dropped.map(([r, n]) => `${formatCount(n)} ${r}`).join(', ')}`,
              `  channels    ${result.channels.map((c) => `#${c.login} (${c.id})`).join(', ') || 'none seen'}`,
            ];
            process.stdout.write(`${lines.join('\n')}\n`);
          }
          for (const { error } of summary.failed) process.stderr.write(`streamlens: ${error}\n`);
          if (summary.failed.length > 0)
            process.stderr.write('  → repair or fetch the file again and import it again; what is stored stays once\n');
          return summary.failed.length > 0 ? exitCodes.FILE_UNREADABLE : 0;
        } finally {
          await store.close();
        }
      }),
    );
}
