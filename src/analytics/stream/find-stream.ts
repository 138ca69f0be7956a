// Finds a stream by its id or an unambiguous id prefix.

import { StreamlensError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import {
  findStreamRow,
  type StreamInfo,
  type StreamRow,
  streamColumns,
  streamFrom,
  toStreamInfo,
} from './load-stream.ts';

/** The stream whose id is or starts with `idOrPrefix`; undefined when none; USAGE error when ambiguous. */
export async function findStream(store: Store, idOrPrefix: string): Promise<StreamInfo | undefined> {
  const exact = await findStreamRow(store, idOrPrefix);
  if (exact) return toStreamInfo(exact);
  if (idOrPrefix.length < 3) return undefined;
  // Prefix match by range (portable, index-friendly, and no LIKE wildcards to escape).
  const rows = await store.all<StreamRow>(
    `SELECT ${streamColumns} FROM ${streamFrom} WHERE s.id >= ? AND s.id < ? ORDER BY s.started_at DESC LIMIT 6`,
    [idOrPrefix, `${idOrPrefix}\uffff`],
  );
  if (rows.length > 1)
    throw new StreamlensError(
      'USAGE',
      `"${idOrPrefix}" matches ${rows.length > 5 ? 'more than 5' : rows.length} streams`,
      `use more of the id: ${rows
        .slice(0, 5)
        .map((r) => r.id)
        .join(', ')}`,
    );
  return rows[0] ? toStreamInfo(rows[0]) : undefined;
}
