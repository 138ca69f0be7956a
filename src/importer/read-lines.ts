// Streams the lines of a text file or of standard input (`-`), gunzipping gzip data (by magic bytes, whatever
// the name), with the number of raw bytes read so far for progress bars. Constant memory whatever the size. A
// line ends at LF, CRLF or a lone CR (old Mac tools, some log exporters); IRC text never holds a raw CR or LF.

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { StreamlensError } from '../errors.ts';

export interface LineChunk {
  lines: string[];
  /** Bytes of the file (compressed, if it is) consumed so far. */
  bytesRead: number;
}

/** The path that means standard input. */
export const stdinPath = '-';

/** The raw bytes of a file or stdin, gunzipped when they start with gzip's magic bytes; counts raw bytes read. */
export async function* readBytes(path: string, counter: { bytesRead: number }): AsyncGenerator<Buffer> {
  const raw: AsyncIterable<Buffer> =
    path === stdinPath ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const iterator = raw[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value as Buffer;
  counter.bytesRead += head.length;
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      counter.bytesRead += (next.value as Buffer).length;
      yield next.value as Buffer;
    }
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const compressed = Readable.from(rest(), { objectMode: false });
    const unzipped = compressed.pipe(createGunzip());
    // pipe() does not pass a read error on: the gunzip stream would wait for more forever.
    compressed.on('error', (error) => unzipped.destroy(error));
    yield* unzipped as AsyncIterable<Buffer>;
  } else {
    yield* rest();
  }
}

/**
 * Yields the lines of a file in chunks (one per read block); a final line without a newline is included. A file
 * that cannot be read to its end (a corrupt or truncated .gz, a read error) throws FILE_UNREADABLE naming it,
 * after the lines read before.
 */
export async function* readLines(path: string): AsyncGenerator<LineChunk> {
  const counter = { bytesRead: 0 };
  try {
    yield* toLineChunks(readBytes(path, counter), counter);
  } catch (error) {
    throw toUnreadable(path === stdinPath ? 'standard input' : path, error as NodeJS.ErrnoException);
  }
}

/** FILE_UNREADABLE for a file that could not be read to its end, saying why. */
export function toUnreadable(path: string, error: NodeJS.ErrnoException): StreamlensError {
  const why =
    error.code === 'Z_BUF_ERROR'
      ? 'the gzip data ends early (truncated)'
      : error.code?.startsWith('Z_')
        ? `the gzip data is corrupt (${error.message})`
        : (error.code ?? error.message);
  return new StreamlensError(
    'FILE_UNREADABLE',
    `cannot read ${path} to its end: ${why}`,
    'the lines before the damage were imported; re-download or re-compress the file and import it again',
  );
}

/** Cuts a byte stream into lines, in chunks (one per block), with the raw bytes `counter` says were read. */
export async function* toLineChunks(
  bytes: AsyncIterable<Buffer>,
  counter: { bytesRead: number },
): AsyncGenerator<LineChunk> {
  let rest: Buffer | undefined;
  for await (const chunk of bytes) {
    const lines: string[] = [];
    let data = chunk;
    if (rest) {
      // Only the line cut by the block boundary is joined (up to the block's first LF, a line end whatever
      // precedes it): copying every block behind the cut line's start cost a copy of the whole file.
      const lf = chunk.indexOf(10);
      if (lf < 0) data = Buffer.concat([rest, chunk]);
      else {
        const joined = Buffer.concat([rest, chunk.subarray(0, lf + 1)]);
        splitLines(joined, joined.length - 1, lines);
        data = chunk.subarray(lf + 1);
      }
    }
    const end = findLastLineEnd(data);
    if (end < 0) {
      rest = data.length > 0 ? data : undefined;
      if (lines.length > 0) yield { lines, bytesRead: counter.bytesRead };
      continue;
    }
    rest = end + 1 < data.length ? data.subarray(end + 1) : undefined;
    yield { lines: splitLines(data, end, lines), bytesRead: counter.bytesRead };
  }
  // A CR held back at the end of the last block ends the last line.
  const restEnd = rest && rest[rest.length - 1] === 13 ? rest.length - 1 : rest?.length;
  if (rest && restEnd) yield { lines: [rest.toString('utf8', 0, restEnd)], bytesRead: counter.bytesRead };
}

/** The last LF or CR of a block, or -1; a CR that ends the block waits for the next, which may start with its LF. */
function findLastLineEnd(data: Buffer): number {
  const limit = data[data.length - 1] === 13 ? data.length - 2 : data.length - 1;
  // A negative offset would count from the end.
  if (limit < 0) return -1;
  return Math.max(data.lastIndexOf(10, limit), data.lastIndexOf(13, limit));
}

// Lines are cut on bytes and decoded one by one (a newline byte is never inside a UTF-8 sequence): several times
// faster than decoding the block and splitting the string, and a line without emoji stays a one-byte string
// that parses faster.
// The next LF and CR are each looked up once and reused until passed, so a file with only one kind costs one
// extra scan a block. The lines of `data` up to `end` are appended to `lines`.
function splitLines(data: Buffer, end: number, lines: string[] = []): string[] {
  let start = 0;
  let lf = data.indexOf(10);
  let cr = data.indexOf(13);
  while (start <= end) {
    if (lf >= 0 && lf < start) lf = data.indexOf(10, start);
    if (cr >= 0 && cr < start) cr = data.indexOf(13, start);
    const newline = lf < 0 || lf > end ? end : lf;
    if (cr >= 0 && cr < newline) {
      lines.push(data.toString('utf8', start, cr));
      start = data[cr + 1] === 10 ? cr + 2 : cr + 1;
    } else {
      lines.push(data.toString('utf8', start, newline));
      start = newline + 1;
    }
  }
  return lines;
}
