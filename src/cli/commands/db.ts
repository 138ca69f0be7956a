// `streamlens db migrate|info`: schema upkeep without starting anything else.

import type { Command } from 'commander';
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
        const row = await store.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations');
        process.stdout.write(`${store.location} is at schema version ${row?.v ?? 0}\n`);
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
          const tables = [
            'channels',
            'streams',
            'stream_snapshots',
            'chat_messages',
            'chat_events',
            'channel_events',
            'transcript_segments',
          ];
          process.stdout.write(
            `database  ${store.location} (${store.dialect}, ${formatBytes(await store.sizeBytes())})\n`,
          );
          for (const t of tables) {
            const row = await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`);
            process.stdout.write(`${t.padEnd(20)} ${Number(row?.n ?? 0).toLocaleString('en-US')}\n`);
          }
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}
