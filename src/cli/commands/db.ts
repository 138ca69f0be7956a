// `streamlens db migrate|info`: schema upkeep without starting anything else.

import type { Command } from 'commander';
import { getRecordCounts } from '../../analytics/recording/get-record-counts.ts';
import { openStore } from '../../store/open-store.ts';
import { formatBytes } from '../progress.ts';
import { createContext, runCommand } from '../run-command.ts';

export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('database upkeep');
  db.command('migrate')
    .description('create the database or bring its schema up to date')
    .action((_flags: unknown, command: Command) =>
      runCommand(async () => {
        const { config } = createContext(command);
        const store = await openStore(config);
        process.stdout.write(`${store.location} is at schema version ${await store.schemaVersion()}\n`);
        await store.close();
        return 0;
      }),
    );
  db.command('info')
    .description('show where the data lives and how much there is')
    .action((_flags: unknown, command: Command) =>
      runCommand(async () => {
        const { config } = createContext(command);
        const store = await openStore(config, { mustExist: true });
        try {
          process.stdout.write(
            `database  ${store.location} (${store.dialect}, ${formatBytes(await store.sizeBytes())})\n`,
          );
          for (const [table, rows] of Object.entries(await getRecordCounts(store)))
            process.stdout.write(`${table.padEnd(20)} ${rows.toLocaleString('en-US')}\n`);
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}
