// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (so they do not compete
// for the two cores), shows their output, and ends with one JSON object merging each bench's last line.
// `npm run bench -- parse import` runs only the benches whose file name contains one of the words.

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const merged: Record<string, unknown> = {};
const failed: string[] = [];
for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const lastLine = await new Promise<string | undefined>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-65536);
    });
    child.on('close', (code) => {
      if (code !== 0) failed.push(`${file} (exit ${code})`);
      resolve(tail.trim().split('\n').pop());
    });
  });
  try {
    Object.assign(merged, JSON.parse(lastLine ?? ''));
  } catch {
    failed.push(`${file} (no JSON summary line)`);
  }
}
if (failed.length > 0) process.stdout.write(`\nfailed: ${failed.join(', ')}\n`);
process.stdout.write(`${JSON.stringify(merged)}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
