// CSV downloads: RFC 4180 fields (quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF line
// ends), safe to open in a spreadsheet (a text cell starting with = + - @, tab or CR gets a leading ' as OWASP's
// CSV-injection advice says, so chat text like "=HYPERLINK(…)" stays text), streamed page by page as the rows are
// read, so a large export never sits whole in memory.

export type CsvCell = string | number | boolean | null | undefined;

/** One record as a CSV line, with its CRLF. */
export function toCsvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(toCsvField).join(',')}\r\n`;
}

/** A cell as a CSV field: numbers as they are, text defused against formulas and quoted when needed. */
export function toCsvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A `text/csv` download of a header and the rows the pages yield. The first page is read before answering, so a
 * failure there is an ordinary error response; a later one ends the download early (logged by the caller).
 */
export async function csvResponse(
  filename: string,
  header: readonly string[],
  pages: AsyncIterable<readonly (readonly CsvCell[])[]>,
  onError: (error: unknown) => void,
): Promise<Response> {
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  const encoder = new TextEncoder();
  let pending: IteratorResult<readonly (readonly CsvCell[])[]> | undefined = first;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsvLine(header)));
    },
    async pull(controller) {
      try {
        const page = pending ?? (await iterator.next());
        pending = undefined;
        if (page.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(page.value.map(toCsvLine).join('')));
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}

/** Pages mapped row by row (for `csvResponse`). */
export async function* mapPages<T>(
  pages: AsyncIterable<readonly T[]>,
  toRow: (item: T) => readonly CsvCell[],
): AsyncGenerator<readonly (readonly CsvCell[])[]> {
  for await (const page of pages) yield page.map(toRow);
}
