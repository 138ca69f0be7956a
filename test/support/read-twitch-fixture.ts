// The Twitch protocol fixtures in test/fixtures/twitch: faithful copies of what Twitch sends, each with its source in
// that folder's MANIFEST.md. Tests read them only through here, so a fixture is always found inside the repository.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The fixtures folder, with a trailing slash. */
export const twitchFixtureDir = fileURLToPath(new URL('../fixtures/twitch/', import.meta.url));

/** The absolute path of a fixture, e.g. `helix/get-streams.docs.json`. */
export function toTwitchFixturePath(name: string): string {
  return twitchFixtureDir + name;
}

/** A fixture's text, e.g. `readTwitchFixture('irc/privmsg-plain.txt')`. */
export function readTwitchFixture(name: string): string {
  return readFileSync(toTwitchFixturePath(name), 'utf8');
}

/** A fixture's lines (CRLF or LF), blank lines dropped: IRC captures hold one raw line per text line. */
export function readTwitchFixtureLines(name: string): string[] {
  return readTwitchFixture(name)
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

/** Every `irc/*.txt` capture by file name, with its lines; throws when there are none. */
export function readIrcFixtures(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const name of readdirSync(toTwitchFixturePath('irc')).sort())
    if (name.endsWith('.txt')) files.set(name, readTwitchFixtureLines(`irc/${name}`));
  if (files.size === 0) throw new Error(`no IRC fixtures in ${toTwitchFixturePath('irc')}`);
  return files;
}
