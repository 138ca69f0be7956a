// Plain-text table and CSV rendering of query results for the terminal.

function toCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Columns padded to their widest cell (cells longer than 60 characters are cut with an ellipsis). */
export function formatTable(columns: string[], rows: Record<string, unknown>[]): string {
  const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s).replace(/[\r\n\t]/g, ' ');
  const cells = rows.map((r) => columns.map((c) => cut(toCell(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] as string).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  const out = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}

/** RFC 4180 CSV with a header row. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [columns.map(quote).join(','), ...rows.map((r) => columns.map((c) => quote(toCell(r[c]))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
