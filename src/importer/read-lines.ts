// Streams the lines of a text file, gunzipping `.gz` files (by magic bytes, whatever the name), with the
// number of raw bytes read so far for progress bars. Constant memory whatever the file size.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export interface LineChunk {
  lines: string[];
  /** Bytes of the file (compressed, if it is) consumed so far. */
  bytesRead: number;
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Yields the file's lines in chunks (one per read block); a final line without a newline is included. */
export async function* readLines(path: string): AsyncGenerator<LineChunk> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const source: AsyncIterable<Buffer> = (await isGzip(path)) ? raw.pipe(createGunzip()) : raw;
  let rest: Buffer | undefined;
  for await (const chunk of source) {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    const end = data.lastIndexOf(10);
    if (end < 0) {
      rest = data;
      continue;
    }
    rest = end + 1 < data.length ? data.subarray(end + 1) : undefined;
    yield { lines: splitLines(data, end), bytesRead: raw.bytesRead };
  }
  if (rest?.length) yield { lines: [rest.toString('utf8')], bytesRead: raw.bytesRead };
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
