// Streams the lines of a text file or of standard input (`-`), gunzipping gzip data (by magic bytes, whatever
// the name), with the number of raw bytes read so far for progress bars. Constant memory whatever the size.

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

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
    yield* Readable.from(rest(), { objectMode: false }).pipe(createGunzip()) as AsyncIterable<Buffer>;
  } else {
    yield* rest();
  }
}

/** Yields the lines of a file in chunks (one per read block); a final line without a newline is included. */
export function readLines(path: string): AsyncGenerator<LineChunk> {
  const counter = { bytesRead: 0 };
  return toLineChunks(readBytes(path, counter), counter);
}

/** Cuts a byte stream into lines, in chunks (one per block), with the raw bytes `counter` says were read. */
export async function* toLineChunks(
  bytes: AsyncIterable<Buffer>,
  counter: { bytesRead: number },
): AsyncGenerator<LineChunk> {
  let rest: Buffer | undefined;
  for await (const chunk of bytes) {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    const end = data.lastIndexOf(10);
    if (end < 0) {
      rest = data;
      continue;
    }
    rest = end + 1 < data.length ? data.subarray(end + 1) : undefined;
    yield { lines: splitLines(data, end), bytesRead: counter.bytesRead };
  }
  if (rest?.length) yield { lines: [rest.toString('utf8')], bytesRead: counter.bytesRead };
}

// Lines are cut on bytes and decoded one by one (a newline byte is never inside a UTF-8 sequence): several times
// faster than decoding the block and splitting the string, and a line without emoji stays a one-byte string
// that parses faster.
function splitLines(data: Buffer, end: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start <= end) {
    const newline = data.indexOf(10, start);
    const stop = newline < 0 || newline > end ? end : newline;
    lines.push(data.toString('utf8', start, stop));
    start = stop + 1;
  }
  return lines;
}
