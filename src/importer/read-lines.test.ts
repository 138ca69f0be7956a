import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLines } from './read-lines.ts';

async function linesOf(path: string): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of readLines(path)) all.push(...chunk.lines);
  return all;
}

it('reads lines of plain and gzipped files alike: multi-byte text, CRLF, empty lines, no final newline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-read-lines-'));
  const text = 'a😂b é\nsecond\r\n\nlast without newline';
  writeFileSync(join(dir, 'chat.log'), text);
  writeFileSync(join(dir, 'chat.log.gz'), gzipSync(text));
  const expected = ['a😂b é', 'second\r', '', 'last without newline'];
  assert.deepEqual(await linesOf(join(dir, 'chat.log')), expected);
  assert.deepEqual(await linesOf(join(dir, 'chat.log.gz')), expected);
});

it('keeps lines whole across read blocks, whatever their length', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-read-lines-'));
  // Lines of varied length with multi-byte characters, about 3 MB: several 1 MB blocks cut inside lines.
  const lines = Array.from({ length: 30_000 }, (_, i) => `${i} ${'ñ😂x'.repeat(i % 40)} end`);
  writeFileSync(join(dir, 'big.log'), `${lines.join('\n')}\n`);
  assert.deepEqual(await linesOf(join(dir, 'big.log')), lines);
});
