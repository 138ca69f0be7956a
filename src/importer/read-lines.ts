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
  const source = (await isGzip(path)) ? raw.pipe(createGunzip()) : raw;
  source.setEncoding('utf8');
  let rest = '';
  for await (const text of source as AsyncIterable<string>) {
    const data = rest + text;
    const lines = data.split('\n');
    rest = lines.pop() ?? '';
    yield { lines, bytesRead: raw.bytesRead };
  }
  if (rest) yield { lines: [rest], bytesRead: raw.bytesRead };
}
