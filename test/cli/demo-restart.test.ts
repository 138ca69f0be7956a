// `streamlens demo` started twice on the same database (the demo's simulated clock runs faster than the real one):
// nothing either run records is dated later than the real time, the second run starts after everything the first
// recorded, so no two streams of a channel overlap, an ended stream's message count stays as it was, and the
// second run's own check finds everything stored exactly once.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeTestChannel } from '../support/make-test-scenario.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'streamlens-demo-restart-'));
const env = { ...process.env, NO_COLOR: '1', STREAMLENS_DATABASE_URL: '', STREAMLENS_DB: '' };
// Two channels, 20 and 15 simulated minutes: short enough that a restart right after a run, which must start
// after it and stay behind the wall, still plays fast (at 600× the first run ends half an hour in the past).
const scenarioFile = join(dir, 'short.json');
writeFileSync(
  scenarioFile,
  JSON.stringify({
    seed: 7,
    start: 'now',
    channels: [
      makeTestChannel('alpha', '1001'),
      makeTestChannel('bravo', '1002', {
        streams: [
          {
            at: '3m',
            duration: '15m',
            title: 'bravo testing',
            category: { id: '509658', name: 'Just Chatting' },
            viewers: { base: 40 },
            eventRates: { follow: 60 },
          },
        ],
      }),
    ],
  }),
);

function demo(): { matches: boolean; text: string } {
  const r = spawnSync(
    process.execPath,
    [
      bin,
      'demo',
      '--scenario',
      scenarioFile,
      '--until-end',
      '--speed',
      '600',
      '--history',
      '1',
      '--no-web',
      '--no-transcribe',
      '--json',
    ],
    { cwd: dir, encoding: 'utf8', env, timeout: 180_000, killSignal: 'SIGKILL' },
  );
  assert.equal(r.signal, null, `demo did not end: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { matches: boolean; text: string };
}

type StreamRow = { channel_id: string; id: string; started_at: number; ended_at: number | null; n: number };
function streams(): StreamRow[] {
  const r = spawnSync(
    process.execPath,
    [
      bin,
      'query',
      'SELECT s.channel_id, s.id, s.started_at, s.ended_at, (SELECT COUNT(*) FROM chat_messages m WHERE m.stream_id = s.id) AS n FROM streams s ORDER BY s.channel_id, s.started_at',
      '--format',
      'json',
      '--db',
      join(dir, 'data/demo.db'),
    ],
    { cwd: dir, encoding: 'utf8', env, timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as StreamRow[];
}

/** The latest time anything recorded is dated (stream starts and ends, chat, events, viewer counts). */
function latestRecorded(): number {
  const r = spawnSync(
    process.execPath,
    [
      bin,
      'query',
      `SELECT MAX(t) AS t FROM (
         SELECT MAX(started_at) AS t FROM streams UNION ALL SELECT MAX(ended_at) FROM streams
         UNION ALL SELECT MAX(ts) FROM chat_messages UNION ALL SELECT MAX(ts) FROM chat_events
         UNION ALL SELECT MAX(ts) FROM channel_events UNION ALL SELECT MAX(ts) FROM stream_snapshots) AS x`,
      '--format',
      'json',
      '--db',
      join(dir, 'data/demo.db'),
    ],
    { cwd: dir, encoding: 'utf8', env, timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  return Number((JSON.parse(r.stdout) as { t: number }[])[0]!.t);
}

describe('streamlens demo restarted on the same database', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records nothing in the future, never overlaps streams of a channel and never changes an ended stream', () => {
    const first = demo();
    assert.ok(first.matches, first.text);
    // The simulated clock runs 600× faster than the wall's: the scenario is placed so that it never runs ahead.
    const firstLatest = latestRecorded();
    assert.ok(
      firstLatest <= Date.now(),
      `the first run recorded up to ${new Date(firstLatest).toISOString()}, in the future`,
    );
    const before = streams();
    const second = demo();
    assert.ok(second.matches, `the second run stored exactly what it was sent:\n${second.text}`);
    const secondLatest = latestRecorded();
    assert.ok(
      secondLatest <= Date.now(),
      `the second run recorded up to ${new Date(secondLatest).toISOString()}, in the future`,
    );
    assert.ok(secondLatest > firstLatest, 'the second run recorded after the first');
    const afterRun = streams();
    assert.ok(afterRun.length > before.length, 'the second run recorded new streams');
    for (const old of before.filter((s) => s.ended_at !== null))
      assert.equal(afterRun.find((s) => s.id === old.id)?.n, old.n, `stream ${old.id} kept its ${old.n} messages`);
    for (let i = 1; i < afterRun.length; i++) {
      const [prev, next] = [afterRun[i - 1]!, afterRun[i]!];
      if (prev.channel_id !== next.channel_id) continue;
      assert.ok(prev.ended_at !== null && prev.ended_at <= next.started_at, `${prev.id} overlaps ${next.id}`);
    }
  });
});
