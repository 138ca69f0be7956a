// Crash consistency: `streamlens start --no-web` as a child process against the simulator is SIGKILLed mid-stream,
// then restarted after the stream has ended. The database must hold no duplicates, keep every message committed
// before the kill, and close the stream at start-up from its last snapshot.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseScenario, startSimulator } from '../../src/sim/index.ts';
import { signInToSimulator } from '../../src/sim/oauth/sign-in.ts';
import { waitFor } from '../support/wait-for.ts';

const bin = fileURLToPath(new URL('../../bin/streamlens', import.meta.url));

/** Runs a read against the database on its own connection (the collector may be writing meanwhile). */
function readDb<T>(path: string, read: (db: Database.Database) => T): T | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    return read(db);
  } catch {
    return undefined; // not created or not migrated yet
  } finally {
    db?.close();
  }
}

test('a collector killed mid-stream and restarted leaves a consistent database', async () => {
  // Real time (speed 1): the CLI stamps snapshots with the wall clock, so the simulator must run on it too.
  const scenario = parseScenario({
    seed: 21,
    channels: [
      {
        login: 'crashy',
        id: '1201',
        displayName: 'Crashy',
        chat: { messagesPerViewerPerMinute: 2 },
        streams: [
          {
            at: '4s',
            duration: '14s',
            title: 'crash me',
            category: { id: '509658', name: 'Just Chatting' },
            viewers: { base: 300 },
            eventRates: { follow: 1200, sub: 300 },
          },
        ],
      },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), 'streamlens-crash-'));
  const sim = await startSimulator({ scenario, speed: 1, startAt: Date.now() });
  const dbPath = join(dir, 'crash.db');
  const children: ChildProcess[] = [];
  const startCollector = () => {
    const child = spawn(process.execPath, [bin, 'start', '--no-web'], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        STREAMLENS_DB: dbPath,
        STREAMLENS_DATA_DIR: dir,
        STREAMLENS_CHANNELS: 'crashy',
        STREAMLENS_TWITCH_HELIX_URL: sim.urls.helixUrl,
        STREAMLENS_TWITCH_AUTH_URL: sim.urls.authUrl,
        STREAMLENS_TWITCH_CHAT_URL: sim.urls.chatUrl,
        STREAMLENS_TWITCH_EVENTSUB_URL: sim.urls.eventsubUrl,
        STREAMLENS_TWITCH_CLIENT_ID: sim.credentials.clientId,
        STREAMLENS_TWITCH_CLIENT_SECRET: sim.credentials.clientSecret,
        STREAMLENS_EMOTES_7TV_URL: sim.urls.sevenTvUrl,
        STREAMLENS_EMOTES_BTTV_URL: sim.urls.bttvUrl,
        STREAMLENS_EMOTES_FFZ_URL: sim.urls.ffzUrl,
        STREAMLENS_POLL_INTERVAL_SEC: '0.5',
        STREAMLENS_LOG_LEVEL: 'info',
      },
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    children.push(child);
    return { child, stderr: () => stderr };
  };
  try {
    await signInToSimulator(sim, { login: 'crashy', id: '1201' }, dir, Date.now() + 3_600_000);
    const stream = scenario.channels[0]!.streams[0]!;
    const first = startCollector();

    // Mid-stream: once messages and a couple of snapshots are committed, remember them and kill -9.
    const beforeKill = await waitFor(
      () =>
        readDb(dbPath, (db) => {
          const ids = db.prepare('SELECT id FROM chat_messages').pluck().all() as string[];
          const snapshots = db.prepare('SELECT COUNT(*) FROM stream_snapshots').pluck().get() as number;
          const events = db.prepare('SELECT id FROM channel_events').pluck().all() as string[];
          return ids.length >= 10 && snapshots >= 3 ? { ids, events } : undefined;
        }),
      { what: 'messages and snapshots to be committed', timeoutMs: 15_000, everyMs: 50 },
    );
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const open = readDb(dbPath, (db) => db.prepare('SELECT ended_at FROM streams').pluck().all());
    assert.deepEqual(open, [null], 'the killed collector left its stream open');

    // After the stream ended on Twitch, the restarted collector closes it from its last snapshot.
    await sim.done;
    const second = startCollector();
    const endedAt = await waitFor(
      () =>
        readDb(
          dbPath,
          (db) => (db.prepare('SELECT ended_at FROM streams').pluck().get() as number | null) ?? undefined,
        ),
      { what: 'the stream to be closed at start-up', timeoutMs: 20_000, everyMs: 50 },
    );
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit');
    assert.equal(code, 0, `the collector stops cleanly on SIGTERM:\n${second.stderr()}`);
    assert.match(second.stderr(), /closed a stream left open by an earlier run/);

    const sent = sim.ledger.channels.get('crashy')!;
    const after = readDb(dbPath, (db) => ({
      ids: db.prepare('SELECT id FROM chat_messages').pluck().all() as string[],
      events: db.prepare('SELECT id FROM channel_events').pluck().all() as string[],
      lastSnapshot: db.prepare('SELECT MAX(ts) FROM stream_snapshots').pluck().get() as number,
      streams: db.prepare('SELECT COUNT(*) FROM streams').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }),
    }));
    assert.ok(after);
    assert.equal(after.integrity, 'ok');
    assert.equal(after.streams, 1);
    assert.equal(new Set(after.ids).size, after.ids.length, 'no chat message is stored twice');
    assert.deepEqual(
      after.ids.filter((id) => !sent.chatMessageIds.has(id)),
      [],
      'only messages the simulator sent',
    );
    const stored = new Set(after.ids);
    assert.deepEqual(
      beforeKill.ids.filter((id) => !stored.has(id)),
      [],
      'every message committed before the kill survives it',
    );
    const storedEvents = new Set(after.events);
    assert.deepEqual(
      beforeKill.events.filter((id) => !storedEvents.has(id)),
      [],
    );
    assert.equal(endedAt, after.lastSnapshot, 'ended_at is the last snapshot before the crash');
    const simEnd = sent.streams[0]!.endedAt!;
    assert.ok(endedAt < simEnd, 'closed at the last time seen live, not when the restart noticed');
    assert.ok(endedAt > sent.streams[0]!.startedAt + 1000, `stream ${stream.title} was seen live before the kill`);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? once(c, 'exit') : null)));
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
