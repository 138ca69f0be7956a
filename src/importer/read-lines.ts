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
  // Bytes, cut at the last newline and decoded in one go: a newline byte is never inside a UTF-8 sequence, and
  // this is cheaper than a string decoder plus concatenating strings.
  let rest: Buffer | undefined;
  for await (const chunk of source) {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    const end = data.lastIndexOf(10);
    if (end < 0) {
      rest = data;
      continue;
    }
    rest = end + 1 < data.length ? data.subarray(end + 1) : undefined;
    yield { lines: data.toString('utf8', 0, end).split('\n'), bytesRead: raw.bytesRead };
  }
  if (rest?.length) yield { lines: [rest.toString('utf8')], bytesRead: raw.bytesRead };
}
