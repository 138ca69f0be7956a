// `--tz <zone>` through the real CLI: every command that prints a time of day or a date shows it in the chosen
// zone and names it (report --list, the Markdown and HTML reports, ask, emotes list); without it the machine's
// zone (TZ) is used; the config's `timeZone` and STREAMLENS_TIME_ZONE set it too; a zone Intl does not know is a
// usage error naming what a zone looks like.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatZonedDateTime } from '../../src/analytics/lib/time-zone.ts';
import { exitCodes } from '../../src/errors.ts';
import { defaultScenarioPath, generateHistory, loadScenario } from '../../src/sim/index.ts';
import { openTestStore, type TestStore } from '../support/open-test-store.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;
const baseEnv = {
  ...process.env,
  NO_COLOR: '1',
  STREAMLENS_DATABASE_URL: '',
  STREAMLENS_AI_BASE_URL: '',
  STREAMLENS_TIME_ZONE: '',
  TZ: 'UTC',
};

describe('streamlens --tz', () => {
  let testStore: TestStore;
  let db: string;
  let dir: string;
  let latestStart: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'streamlens-tz-'));
    testStore = await openTestStore('sqlite');
    for (const batch of generateHistory(loadScenario(defaultScenarioPath()), {
      streams: 3,
      endBefore: Date.now() - 86_400_000,
    }))
      await testStore.store.write(batch);
    await testStore.store.catchUp();
    await testStore.store.emotes.upsert([
      { provider: '7tv', channelId: '', emoteId: 'e1', name: 'catJAM', fetchedAt: Date.UTC(2026, 5, 1, 23, 30) },
    ]);
    db = (testStore.configFlags as { db: string }).db;
    const row = await testStore.store.get<{ t: number }>('SELECT MAX(started_at) AS t FROM streams');
    latestStart = Number(row?.t);
  });
  after(async () => {
    await testStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args, '--db', db], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...baseEnv, ...env },
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });

  it('report --list: start times in the chosen zone, named', () => {
    const r = run(['--tz', 'Asia/Tokyo', 'report', '--list']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(formatZonedDateTime(latestStart, 'Asia/Tokyo')), r.stdout);
    assert.match(r.stdout, /GMT\+9/);
    assert.doesNotMatch(r.stdout, /\bUTC\b/);
  });

  it("without --tz: the machine's zone (TZ)", () => {
    const r = run(['report', '--list'], { TZ: 'America/New_York' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(formatZonedDateTime(latestStart, 'America/New_York')), r.stdout);
    assert.match(r.stdout, /GMT-[45]\b/);
  });

  it('report (Markdown) and report --html: times in the zone, named', () => {
    const md = run(['report', 'latest', '--tz', 'Asia/Tokyo']);
    assert.equal(md.status, 0, md.stderr);
    assert.ok(md.stdout.includes(formatZonedDateTime(latestStart, 'Asia/Tokyo')), md.stdout.slice(0, 800));
    const file = join(dir, 'report.html');
    const html = run(['report', 'latest', '--html', file, '--tz', 'America/Sao_Paulo']);
    assert.equal(html.status, 0, html.stderr);
    const page = readFileSync(file, 'utf8');
    assert.ok(page.includes(formatZonedDateTime(latestStart, 'America/Sao_Paulo')), 'the start in São Paulo time');
    assert.match(page, /GMT-3/);
  });

  it('ask: dates in the zone, named', () => {
    const r = run(['ask', 'summarize my latest stream', '--tz', 'Asia/Tokyo']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /GMT\+9/);
    assert.doesNotMatch(r.stdout, /\bUTC\b/);
  });

  it('emotes list: when a set was fetched, in the zone', () => {
    const r = run(['emotes', 'list', '--tz', 'Europe/Berlin']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /fetched Tue, 2 Jun 2026, 01:30 CEST/);
  });

  it('the config file and STREAMLENS_TIME_ZONE set it; --tz wins', () => {
    const config = join(dir, 'streamlens.config.json');
    writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Tokyo' }));
    try {
      assert.match(run(['report', '--list']).stdout, /GMT\+9/);
      assert.match(run(['report', '--list'], { STREAMLENS_TIME_ZONE: 'Europe/Berlin' }).stdout, /\bCES?T\b/);
      assert.match(run(['--tz', 'UTC', 'report', '--list']).stdout, /\bUTC\b/);
    } finally {
      rmSync(config);
    }
  });

  it('an unknown zone is a usage error that shows what a zone looks like', () => {
    const r = run(['--tz', 'Mars/Olympus', 'report', '--list']);
    assert.equal(r.status, exitCodes.USAGE);
    assert.match(r.stderr, /--tz "Mars\/Olympus" is not a time zone/);
    assert.match(r.stderr, /Europe\/Berlin/);
    assert.equal(r.stdout, '');
    const env = run(['report', '--list'], { STREAMLENS_TIME_ZONE: 'Nowhere/Else' });
    assert.equal(env.status, exitCodes.CONFIG_INVALID);
    assert.match(env.stderr, /STREAMLENS_TIME_ZONE: "Nowhere\/Else" is not a time zone.*Europe\/Berlin/);
  });
});
