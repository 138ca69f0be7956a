// Settings a person got wrong, through the real CLI: an unknown key or an unreadable value stops the command with
// the name of the setting and the fix (exit 78, or 64 for a command's own flag); an unknown STREAMLENS_ variable
// is a warning and the command runs on.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

/** Runs the CLI in a fresh directory; a command still running after the deadline fails the test. */
function run(args: string[], options: { env?: Record<string, string>; config?: object } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'streamlens-config-cli-'));
  if (options.config) writeFileSync(join(cwd, 'streamlens.config.json'), JSON.stringify(options.config));
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', STREAMLENS_DATABASE_URL: '', ...options.env },
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  assert.equal(r.signal, null, `streamlens ${args.join(' ')} did not end by itself: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd };
}

describe('configuration mistakes through the CLI', () => {
  it('an unknown key in streamlens.config.json stops the command, naming the nearest known key (exit 78)', () => {
    const r = run(['db', 'migrate'], { config: { chanels: ['somechannel'], twitch: { clientid: 'abc' } } });
    assert.equal(r.code, 78, r.stderr);
    assert.match(r.stderr, /unknown setting "chanels" in .*streamlens\.config\.json — did you mean "channels"\?/);
    assert.match(r.stderr, /unknown setting "twitch\.clientid" in .* — did you mean "twitch\.clientId"\?/);
    assert.equal(existsSync(join(r.cwd, 'data')), false, 'nothing created');
  });

  it('a boolean variable it cannot read stops the command, listing the values allowed (exit 78)', () => {
    const r = run(['db', 'migrate'], { env: { STREAMLENS_TRANSCRIBE: 'maybe' } });
    assert.equal(r.code, 78, r.stderr);
    assert.match(
      r.stderr,
      /environment variable STREAMLENS_TRANSCRIBE: expected true or false \(also 1\/0, yes\/no, on\/off\), not "maybe"/,
    );
  });

  it('an unknown STREAMLENS_ variable is a warning with the nearest known name, and the command runs', () => {
    const r = run(['db', 'migrate'], { env: { STREAMLENS_CHANELS: 'somechannel' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /warn .*unknown environment variable STREAMLENS_CHANELS \(ignored\) — did you mean STREAMLENS_CHANNELS\?/,
    );
  });

  it('an empty number flag is refused instead of read as 0 (exit 64)', () => {
    const sim = run(['sim', '--port', '']);
    assert.equal(sim.code, 64, sim.stderr);
    assert.match(sim.stderr, /--port: expected a number, not ""/);
    const demo = run(['demo', '--history', ' ', '--no-web', '--no-transcribe']);
    assert.equal(demo.code, 64, demo.stderr);
    assert.match(demo.stderr, /--history: expected a number, not " "/);
  });
});
