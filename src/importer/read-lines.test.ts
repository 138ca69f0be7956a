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
  const expected = ['a😂b é', 'second', '', 'last without newline'];
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

it('ends lines at a lone CR too, and LF+CR loses no line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-read-lines-'));
  const lines = Array.from({ length: 10 }, (_, i) => `line ${i} é`);
  writeFileSync(join(dir, 'cr.log'), `${lines.join('\r')}\r`);
  writeFileSync(join(dir, 'lfcr.log.gz'), gzipSync(`${lines.join('\n\r')}\n\r`));
  assert.deepEqual(await linesOf(join(dir, 'cr.log')), lines);
  // LF then CR is two line ends: the empty line between them is one the importer skips.
  assert.deepEqual(
    (await linesOf(join(dir, 'lfcr.log.gz'))).filter((line) => line !== ''),
    lines,
  );
});

it('keeps a CRLF cut by a read block one line end, and reads a CR-only file in blocks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-read-lines-'));
  // The first line ends with the CR as the last byte of the first 1 MiB block and the LF as the next byte.
  const first = 'x'.repeat((1 << 20) - 1);
  writeFileSync(join(dir, 'cut.log'), `${first}\r\nsecond\r\n`);
  assert.deepEqual(await linesOf(join(dir, 'cut.log')), [first, 'second']);
  const many = Array.from({ length: 40_000 }, (_, i) => `${i} ${'ñ😂x'.repeat(i % 40)} end`);
  writeFileSync(join(dir, 'big-cr.log'), many.join('\r'));
  assert.deepEqual(await linesOf(join(dir, 'big-cr.log')), many);
});

it('keeps lines whole across read blocks with every kind of line end mixed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-read-lines-'));
  // About 3 MB: blocks are cut inside lines, between a CR and its LF, and where a CR ends a line before the
  // block's first LF.
  const ends = ['\n', '\r\n', '\r'];
  const lines = Array.from({ length: 30_000 }, (_, i) => `${i} ${'ñ😂x'.repeat(i % 41)} end`);
  writeFileSync(join(dir, 'mixed.log'), lines.map((line, i) => `${line}${ends[i % 3]}`).join(''));
  assert.deepEqual(await linesOf(join(dir, 'mixed.log')), lines);
});
