// `streamlens migrate-store --to postgres://…`: copies the SQLite database into PostgreSQL, table by table, with
// progress; re-running after an interruption continues where it stopped.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { StreamlensError } from '../../errors.ts';
import { isMigrationTarget, migrateStore, type TableMigrationSummary } from '../../store/migrate-store.ts';
import { openStore } from '../../store/open-store.ts';
import { formatCount, type Progress, startProgress } from '../progress.ts';
import { createContext, runCommand } from '../run-command.ts';

interface MigrateStoreFlags {
  to?: string;
  batchSize?: string;
}

/** Registers `streamlens migrate-store`. */
export function registerMigrateStoreCommand(program: Command): void {
  program
    .command('migrate-store')
    .description('copy the SQLite database into PostgreSQL (resumable; safe to re-run)')
    .option('--to <url>', 'target PostgreSQL URL (default: --database-url / STREAMLENS_DATABASE_URL)')
    .option('--batch-size <rows>', 'rows per batch', '5000')
    .addHelpText(
      'after',
      `
The source is the SQLite file of --db (default ./data/streamlens.db). The target schema is created when
missing. Rows already in the target are skipped, and each table's progress is saved in the target, so an
interrupted copy continues where it stopped. Copy into an empty database while no collector writes to it.

Example:
  streamlens migrate-store --db data/streamlens.db --to postgres://streamlens@db.lan/streamlens`,
    )
    .action((flags: MigrateStoreFlags, command: Command) =>
      runCommand(async () => {
        const { config } = createContext(command);
        const url = flags.to ?? config.databaseUrl;
        if (!url || !/^postgres(ql)?:\/\//.test(url))
          throw new StreamlensError('USAGE', 'migrate-store needs a PostgreSQL target', 'pass --to postgres://…');
        const batchSize = Number(flags.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1)
          throw new StreamlensError('USAGE', `--batch-size must be a positive integer, not ${flags.batchSize}`);
        const path = resolve(config.db);
        const from = await openStore(
          { db: path, databaseUrl: undefined, databaseReadOnlyRole: undefined },
          { mustExist: true },
        );
        const to = await openStore({
          db: path,
          databaseUrl: url,
          databaseReadOnlyRole: config.databaseReadOnlyRole,
        }).catch(async (error: unknown) => {
          await from.close();
          throw error;
        });
        try {
          if (!isMigrationTarget(to)) throw new StreamlensError('USAGE', `${to.location} cannot be migrated into`);
          process.stderr.write(`Copying ${path} → ${to.location}\n`);
          const progress = createProgressReporter();
          let summary: TableMigrationSummary[];
          try {
            summary = await migrateStore({ from, to, batchSize, onProgress: progress.update });
          } finally {
            progress.finish();
          }
          printSummary(summary);
          return 0;
        } finally {
          await from.close();
          await to.close();
        }
      }),
    );
}

/** A bar per table on a terminal; otherwise one plain line per finished table (logs, CI). */
function createProgressReporter(): { update: (table: string, done: number, total: number) => void; finish(): void } {
  let current: { table: string; done: number; total: number; bar?: Progress } | undefined;
  const finish = () => {
    if (!current) return;
    if (current.bar) current.bar.stop();
    else process.stderr.write(`${current.table}: ${formatCount(current.done)} of ${formatCount(current.total)} rows\n`);
  };
  return {
    update(table, done, total) {
      if (current?.table !== table) {
        finish();
        const bar = process.stderr.isTTY ? startProgress(table.padEnd(20), total, formatCount) : undefined;
        current = { table, done, total, bar };
      }
      current.done = done;
      current.bar?.update(done);
    },
    finish() {
      finish();
      current = undefined;
    },
  };
}

function printSummary(summary: TableMigrationSummary[]): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('');
  out(`${'table'.padEnd(22)}${'source rows'.padStart(14)}${'copied now'.padStart(14)}`);
  for (const s of summary)
    out(`${s.table.padEnd(22)}${formatCount(s.sourceRows).padStart(14)}${formatCount(s.inserted).padStart(14)}`);
  const inserted = summary.reduce((n, s) => n + s.inserted, 0);
  out(`\nDone: ${formatCount(inserted)} rows copied now; rows already in the target were skipped.`);
}
