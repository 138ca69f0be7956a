// A bad or missing --db through the real CLI: every command ends at once with a message saying what is wrong and
// what to do, and an exit code per kind of problem; commands that only read never create a database.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'streamlens-db-path-'));
const aFile = join(dir, 'a-file.txt');
writeFileSync(aFile, 'not a directory, not a database\n');

/** Runs the CLI; a command still running after the deadline (a spin, a server that should not have started) fails. */
function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', STREAMLENS_DATABASE_URL: '', STREAMLENS_DB: '' },
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  assert.equal(r.signal, null, `streamlens ${args.join(' ')} did not end by itself: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The commands that only read, with what each needs besides --db. */
const readCommands: [string, string[]][] = [
  ['report', ['report', 'latest']],
  ['report --list', ['report', '--list']],
  ['query', ['query', 'SELECT 1']],
  ['ask', ['ask', 'summarize my latest stream']],
  ['db info', ['db', 'info']],
  ['serve', ['serve', '--port', '0']],
];

/** The commands that create the database when it is missing. */
const createCommands: [string, string[]][] = [
  ['db migrate', ['db', 'migrate']],
  ['start', ['start', '--channel', 'somechannel', '--no-web']],
  ['import irc', ['import', 'irc', aFile]],
];

describe('--db that does not exist, for commands that only read', () => {
  for (const [name, args] of readCommands) {
    it(`${name} says there is no database and creates nothing (exit 66)`, () => {
      const missingDir = join(dir, `never-${name.replace(/\W+/g, '-')}`);
      const db = join(missingDir, 'streamlens.db');
      const r = run([...args, '--db', db]);
      assert.equal(r.code, 66, r.stderr);
      assert.match(r.stderr, new RegExp(`no database at ${db.replaceAll('.', '\\.')}`));
      assert.match(r.stderr, /streamlens start.*demo.*import|--db/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(existsSync(missingDir), false, `${missingDir} was created`);
    });
  }

  it('report in a directory that exists leaves no file behind', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = run(['report', '--db', join(empty, 'streamlens.db')]);
    assert.equal(r.code, 66, r.stderr);
    assert.deepEqual(readdirSync(empty), []);
  });
});

describe('--db under a path that cannot hold a directory', () => {
  const cases = [
    ['under /proc', '/proc/forbidden/x.db', /cannot create directory \/proc\/forbidden/],
    ['under a file', join(aFile, 'x.db'), /a-file\.txt is a file, not a directory/],
  ] as const;
  for (const [where, db, reason] of cases) {
    for (const [name, args] of readCommands.filter(([n]) => n === 'report' || n === 'db info')) {
      it(`${name} ${where} ends at once: no database there (exit 66)`, () => {
        const r = run([...args, '--db', db]);
        assert.equal(r.code, 66, r.stderr);
        assert.match(r.stderr, /no database at/);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      });
    }
    for (const [name, args] of createCommands) {
      it(`${name} ${where} ends at once: cannot create it, and what to do (exit 73)`, () => {
        const r = run([...args, '--db', db]);
        assert.equal(r.code, 73, r.stderr);
        assert.match(r.stderr, new RegExp(`cannot create database ${db.replaceAll('.', '\\.')}`));
        assert.match(r.stderr, reason);
        assert.match(r.stderr, /→ .*--db/);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      });
    }
  }
});

describe('--db naming something that is not a database', () => {
  it('a directory: says so, for reading (66) and for creating (73)', () => {
    assert.match(run(['db', 'info', '--db', dir]).stderr, /is a directory/);
    assert.equal(run(['db', 'info', '--db', dir]).code, 66);
    const r = run(['db', 'migrate', '--db', dir]);
    assert.equal(r.code, 73, r.stderr);
    assert.match(r.stderr, /is a directory/);
  });

  it('a file that is not SQLite: says so without a stack trace (exit 66), and leaves it alone', () => {
    for (const args of [['db', 'info'], ['db', 'migrate'], ['report']]) {
      const r = run([...args, '--db', aFile]);
      assert.equal(r.code, 66, r.stderr);
      assert.match(r.stderr, /a-file\.txt is not a SQLite database/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('a-file')),
      ['a-file.txt'],
    );
  });
});

describe('a database that exists', () => {
  it('is created by db migrate, then read by the read commands', () => {
    const db = join(dir, 'new', 'deeper', 'streamlens.db');
    const created = run(['db', 'migrate', '--db', db]);
    assert.equal(created.code, 0, created.stderr);
    assert.ok(existsSync(db));
    const info = run(['db', 'info', '--db', db]);
    assert.equal(info.code, 0, info.stderr);
    assert.match(info.stdout, /chat_messages\s+0/);
    const query = run(['query', 'SELECT COUNT(*) AS n FROM streams', '--db', db, '--format', 'json']);
    assert.equal(query.code, 0, query.stderr);
    assert.deepEqual(JSON.parse(query.stdout), [{ n: 0 }]);
    const report = run(['report', '--db', db]);
    assert.equal(report.code, 66, report.stderr);
    assert.match(report.stderr, /no streams recorded yet/);
  });
});
