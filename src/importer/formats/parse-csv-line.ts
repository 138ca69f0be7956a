// The CSV layout streamlens imports (docs/import-formats.md): a header row naming the columns, in any order,
// then one message per row, RFC 4180 quoting (`"…"`, `""` for a quote; a field may not span lines).
// Required: timestamp (ISO 8601 with a zone, or epoch milliseconds), channel (login), user (login), message.
// Optional: id (message id), user_id, display_name, channel_id, bits.

import { isLogin, type LineResult, withoutCr } from './plain-chat-line.ts';

export const csvRequiredColumns = ['timestamp', 'channel', 'user', 'message'] as const;
export const csvOptionalColumns = ['id', 'user_id', 'display_name', 'channel_id', 'bits'] as const;
type Column = (typeof csvRequiredColumns)[number] | (typeof csvOptionalColumns)[number];

/** The split fields of one CSV line, or undefined when a quote is not closed. */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return undefined;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      fields.push(value);
      if (j >= line.length) return fields;
      if (line.charCodeAt(j) !== 44) return undefined;
      i = j + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Column positions from the header row; undefined when a required column is missing. */
export function readCsvHeader(line: string): Map<Column, number> | undefined {
  const names = splitCsvLine(withoutCr(line).replace(/^\uFEFF/, ''));
  if (!names) return undefined;
  const columns = new Map<Column, number>();
  names.forEach((name, i) => {
    const n = name.trim().toLowerCase() as Column;
    if ((csvRequiredColumns as readonly string[]).includes(n) || (csvOptionalColumns as readonly string[]).includes(n))
      columns.set(n, i);
  });
  return csvRequiredColumns.every((c) => columns.has(c)) ? columns : undefined;
}

function toTimestamp(value: string): number {
  if (/^\d{10,15}$/.test(value)) return Number(value);
  // A zone is required: a time without one means a different moment on every machine.
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return Number.NaN;
  return Date.parse(value);
}

/** Reads one data row with the header's columns. */
export function parseCsvLine(raw: string, columns: Map<Column, number>): LineResult {
  const fields = splitCsvLine(withoutCr(raw));
  if (!fields) return { kind: 'dropped', reason: 'unclosed quote' };
  const get = (c: Column) => {
    const i = columns.get(c);
    const v = i === undefined ? undefined : fields[i];
    return v === undefined || v === '' ? undefined : v;
  };
  const ts = toTimestamp(get('timestamp') ?? '');
  if (!Number.isFinite(ts)) return { kind: 'dropped', reason: 'bad timestamp' };
  const channel = (get('channel') ?? '').replace(/^#/, '').toLowerCase();
  const login = (get('user') ?? '').toLowerCase();
  if (!isLogin(channel)) return { kind: 'dropped', reason: 'bad channel' };
  if (!isLogin(login)) return { kind: 'dropped', reason: 'bad user' };
  const text = get('message');
  if (text === undefined) return { kind: 'dropped', reason: 'empty message' };
  const bits = Number(get('bits') ?? 0);
  return {
    kind: 'line',
    line: {
      channel,
      channelId: get('channel_id'),
      ts,
      login,
      displayName: get('display_name'),
      userId: get('user_id'),
      id: get('id'),
      text,
      bits: Number.isInteger(bits) && bits > 0 ? bits : 0,
    },
  };
}
