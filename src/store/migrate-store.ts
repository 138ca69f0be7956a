// Copies every public table from one store (the SQLite file) into another (PostgreSQL) in keyset-ordered
// batches. Each batch and its checkpoint are committed together in the target and inserts skip rows already
// there, so re-running after an interruption continues where the last run stopped and never duplicates.

import type { Store } from './store.ts';

/** The tables copied, in dependency-friendly order, each with the key it is read in order of. */
export const migratedTables: readonly { name: string; key: readonly string[] }[] = [
  { name: 'channels', key: ['id'] },
  { name: 'streams', key: ['id'] },
  { name: 'stream_snapshots', key: ['stream_id', 'ts'] },
  { name: 'chat_messages', key: ['channel_id', 'ts', 'id'] },
  { name: 'chat_events', key: ['id'] },
  { name: 'channel_events', key: ['id'] },
  { name: 'transcript_segments', key: ['id'] },
  { name: 'transcript_gaps', key: ['channel_id', 'start_ts'] },
  { name: 'category_snapshots', key: ['game_id', 'ts'] },
  { name: 'chatters', key: ['channel_id', 'user_id'] },
  { name: 'chatter_streams', key: ['channel_id', 'stream_id', 'user_id'] },
  { name: 'stream_reports', key: ['stream_id'] },
  { name: 'agent_conversations', key: ['id'] },
  { name: 'agent_messages', key: ['id'] },
  { name: 'chat_minutes', key: ['stream_id', 'minute'] },
  { name: 'emotes', key: ['provider', 'channel_id', 'emote_id'] },
];

export interface MigrationCheckpoint {
  /** Key values of the last source row copied. */
  lastKey: unknown[];
  /** Source rows processed so far (copied or already present). */
  rowsCopied: number;
}

export interface CopyRowsRequest {
  /** Identifies the source store, so checkpoints of different sources never mix. */
  source: string;
  table: string;
  columns: readonly string[];
  keyColumns: readonly string[];
  rows: readonly Record<string, unknown>[];
}

/** What a store must offer to be migrated into, beyond `Store`: raw row copies with checkpoints. */
export interface MigrationTarget {
  readCheckpoint(source: string, table: string): Promise<MigrationCheckpoint | undefined>;
  copyRows(request: CopyRowsRequest): Promise<number>;
}

/** Whether a store can be migrated into (PostgreSQL can; SQLite is only ever the source). */
export function isMigrationTarget(store: Store): store is Store & MigrationTarget {
  const candidate = store as Partial<MigrationTarget>;
  return typeof candidate.copyRows === 'function' && typeof candidate.readCheckpoint === 'function';
}

export interface MigrateStoreOptions {
  from: Store;
  to: Store & MigrationTarget;
  /** Rows read per batch (default 5,000). */
  batchSize?: number;
  /** Called after every batch and once per table at its start; `done` counts source rows handled. */
  onProgress?: (table: string, done: number, total: number) => void;
}

export interface TableMigrationSummary {
  table: string;
  /** Rows in the source. */
  sourceRows: number;
  /** Rows this run inserted into the target (0 for rows a previous run copied). */
  inserted: number;
}

/** Copies every table of `from` into `to`; resumable and idempotent. */
export async function migrateStore(options: MigrateStoreOptions): Promise<TableMigrationSummary[]> {
  const { from, to } = options;
  const batchSize = options.batchSize ?? 5000;
  const source = `${from.dialect}:${from.location}`;
  const summary: TableMigrationSummary[] = [];
  for (const { name, key } of migratedTables) {
    const total = Number((await from.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`))?.n ?? 0);
    const checkpoint = await to.readCheckpoint(source, name);
    let lastKey = checkpoint?.lastKey;
    let done = checkpoint?.rowsCopied ?? 0;
    let inserted = 0;
    options.onProgress?.(name, Math.min(done, total), total);
    const order = key.join(', ');
    const after = `(${order}) > (${key.map(() => '?').join(', ')})`;
    for (;;) {
      const rows = await from.all<Record<string, unknown>>(
        `SELECT * FROM ${name}${lastKey ? ` WHERE ${after}` : ''} ORDER BY ${order} LIMIT ?`,
        [...(lastKey ?? []), batchSize],
      );
      const last = rows.at(-1);
      if (!last) break;
      inserted += await to.copyRows({ source, table: name, columns: Object.keys(last), keyColumns: key, rows });
      lastKey = key.map((k) => last[k]);
      done += rows.length;
      options.onProgress?.(name, Math.min(done, total), total);
      if (rows.length < batchSize) break;
    }
    summary.push({ table: name, sourceRows: total, inserted });
  }
  return summary;
}
