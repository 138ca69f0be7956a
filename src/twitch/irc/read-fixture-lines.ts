// Test helper: reads the shared Twitch IRC fixtures (outside the repo, in ../shared) and fails loudly without them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The fixtures folder: /work/shared/fixtures/twitch/irc/ when the repo sits at /work/main. */
export const FIXTURE_DIR = fileURLToPath(new URL('../../../../shared/fixtures/twitch/irc/', import.meta.url));

/** Every `*.txt` fixture with its lines (CRLF/LF split, blank lines dropped); throws when the folder is missing. */
export function readFixtureLines(): Map<string, string[]> {
  if (!existsSync(FIXTURE_DIR)) throw new Error(`IRC fixtures not found at ${FIXTURE_DIR}`);
  const files = new Map<string, string[]>();
  for (const name of readdirSync(FIXTURE_DIR).sort()) {
    if (!name.endsWith('.txt')) continue;
    const lines = readFileSync(FIXTURE_DIR + name, 'utf8')
      .split(/\r?\n/)
      .filter((line) => line !== '');
    files.set(name, lines);
  }
  if (files.size === 0) throw new Error(`no IRC fixtures in ${FIXTURE_DIR}`);
  return files;
}
