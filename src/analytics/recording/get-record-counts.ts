// How much is recorded: the number of rows of each table of recorded data (`streamlens db info`).

import type { Store } from '../../store/store.ts';

/** The tables of recorded data, in the order they are shown. */
export const recordTables = [
  'channels',
  'streams',
  'stream_snapshots',
  'chat_messages',
  'chat_events',
  'channel_events',
  'transcript_segments',
] as const;

export type RecordTable = (typeof recordTables)[number];

/** Rows per table of recorded data. */
export async function getRecordCounts(store: Store): Promise<Record<RecordTable, number>> {
  const counts = await Promise.all(
    recordTables.map(async (table) => {
      const row = await store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
      return [table, Number(row?.n ?? 0)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<RecordTable, number>;
}
