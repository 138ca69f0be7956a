// `COPY … FROM STDIN` in PostgreSQL's text format: the cheapest way to hand the server many rows (no array
// literals to build and parse, no per-row statement). Used to fill the write path's staging tables.

import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Copies `rows` (values in `columns` order) into `table`; names come from code, never from input. */
export async function copyInto(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const text = toCopyText(rows);
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(text);
  });
}

/** Rows as COPY text: tab-separated, one per line, `\N` for null, backslash escapes for `\`, tab, CR and LF. */
export function toCopyText(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      if (c > 0) out += '\t';
      out += toCopyValue(row[c]);
    }
    out += '\n';
  }
  return out;
}

const special = /[\\\t\n\r\u0000]/;
const specialAll = /[\\\t\n\r\u0000]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '' };

/** One value as COPY text. NUL characters are dropped: PostgreSQL text cannot hold them (as `toPgText`). */
function toCopyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot store ${value} in PostgreSQL`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return special.test(text) ? text.replace(specialAll, (c) => escapes[c]!) : text;
}
