// Tests that need a tool from outside node_modules (a binary, a browser, a PostgreSQL server) ask here first and
// skip with the reason when it is missing, so a laptop without it still runs everything else. CI installs every
// tool (.ci/run), so under CI (`CI` set) a missing tool is an error instead of a quietly skipped test.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPocketsphinxModelDir } from '../../src/transcribe/engines/pocketsphinx-engine.ts';
import { findExecutable } from '../../src/transcribe/transcription-prerequisites.ts';
import { findPostgresProblem } from './create-test-database.ts';
import { chromiumPath } from './launch-chromium.ts';

export type Tool = 'espeak-ng' | 'pocketsphinx' | 'ffmpeg' | 'chromium' | 'postgresql';

const checks: Record<Tool, () => Promise<string | undefined>> = {
  'espeak-ng': async () => (findExecutable('espeak-ng') ? undefined : 'espeak-ng is not on PATH'),
  pocketsphinx: async () => {
    if (!findExecutable('pocketsphinx_continuous')) return 'pocketsphinx_continuous is not on PATH';
    if (!existsSync(join(defaultPocketsphinxModelDir, 'en-us.lm.bin')))
      return `the pocketsphinx model is not in ${defaultPocketsphinxModelDir}`;
    return undefined;
  },
  ffmpeg: async () => (findExecutable('ffmpeg') ? undefined : 'ffmpeg is not on PATH'),
  chromium: async () => (existsSync(chromiumPath) ? undefined : `Chromium is not at ${chromiumPath}`),
  postgresql: findPostgresProblem,
};
const results = new Map<Tool, Promise<string | undefined>>();

/**
 * Why a test needing `tools` cannot run here, for `{ skip }`: undefined when every tool is there. Each tool is
 * checked once per test file. Under CI a missing tool throws.
 */
export async function skipWithout(...tools: Tool[]): Promise<string | undefined> {
  const problems: string[] = [];
  for (const tool of tools) {
    if (!results.has(tool)) results.set(tool, checks[tool]());
    const problem = await results.get(tool);
    if (problem) problems.push(problem);
  }
  if (problems.length === 0) return undefined;
  const reason = `needs ${tools.join(', ')}: ${problems.join('; ')} (.ci/run installs what the tests need)`;
  if (process.env.CI) throw new Error(`${reason} (CI must run every test)`);
  return reason;
}
