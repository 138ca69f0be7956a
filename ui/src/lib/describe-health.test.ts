import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCollection, describeHealth, type HealthWrites, twitchGraceMs } from './describe-health.ts';

const fine: HealthWrites = {
  failing: false,
  failingSince: null,
  lastError: null,
  waiting: 0,
  journalBytes: 0,
  paused: false,
};

test('no banner while the database answers and takes writes', () => {
  assert.equal(describeHealth({ database: 'reachable', writes: fine }), null);
  assert.equal(describeHealth({ database: 'reachable', writes: null }), null);
});

test("refused writes: since when, how many wait, where, and the database's words", () => {
  const banner = describeHealth(
    {
      database: 'reachable',
      writes: {
        ...fine,
        failing: true,
        failingSince: 1_000,
        lastError: 'disk I/O error',
        waiting: 12_345,
        journalBytes: 9,
      },
    },
    1_000 + 95_000,
  );
  assert.deepEqual(banner, {
    message:
      'The database has refused writes for 2 min: 12.3k records wait (kept on disk) and will be written once it takes them again.',
    detail: 'disk I/O error',
  });
  const paused = describeHealth({
    database: 'reachable',
    writes: { ...fine, failing: true, waiting: 1, paused: true },
  });
  assert.match(paused?.message ?? '', /1 record waits \(held in memory, and collection is paused\)/);
});

test('catching up after, and an unreachable database for a web-only process', () => {
  assert.match(
    describeHealth({ database: 'reachable', writes: { ...fine, waiting: 40 } })?.message ?? '',
    /takes writes again: 40 records/,
  );
  assert.match(describeHealth({ database: 'unreachable', writes: null })?.message ?? '', /cannot be reached/);
});

test('Twitch out of reach is said after a grace period, with how long and that it retries', () => {
  const now = 1_000_000;
  const base = { database: 'reachable' as const, writes: fine };
  assert.deepEqual(describeCollection({ ...base, twitch: { state: 'connected', since: null } }, now), []);
  assert.deepEqual(describeCollection({ ...base, twitch: { state: 'retrying', since: now - 2000 } }, now), []);
  const [banner] = describeCollection(
    { ...base, twitch: { state: 'retrying', since: now - twitchGraceMs - 30_000 } },
    now,
  );
  assert.match(banner!.message, /^Can't reach Twitch for 45 s — retrying\./);
});

test('transcription that cannot run says why and how to fix it', () => {
  const [banner] = describeCollection(
    {
      database: 'reachable',
      writes: fine,
      transcription: {
        enabled: true,
        ready: false,
        problem: 'transcription needs ffmpeg and pocketsphinx, not found',
        hint: 'sudo apt-get install ffmpeg pocketsphinx pocketsphinx-en-us',
      },
    },
    0,
  );
  assert.match(banner!.message, /^Transcription is off: transcription needs ffmpeg and pocketsphinx, not found\./);
  assert.equal(banner!.detail, 'sudo apt-get install ffmpeg pocketsphinx pocketsphinx-en-us');
  assert.deepEqual(
    describeCollection({
      database: 'reachable',
      writes: fine,
      transcription: { enabled: false, ready: false, problem: null, hint: null },
    }),
    [],
  );
});
