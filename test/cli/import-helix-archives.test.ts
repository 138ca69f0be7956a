// `streamlens import chat` with Twitch credentials: chat inside an archive VOD that Helix lists (Get Videos,
// type=archive, served by the simulator in Twitch's shape) goes into that broadcast, under its stream_id; chat
// outside every archive is grouped by gaps. On each backend.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../src/sim/start-simulator.ts';
import { createTestDatabase, type TestDatabase } from '../support/create-test-database.ts';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import { makeTestChannel, makeTestScenario } from '../support/make-test-scenario.ts';
import { waitFor } from '../support/wait-for.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;

interface Video {
  id: string;
  stream_id: string;
  created_at: string;
  duration: string;
}

function privmsg(i: number, ts: number): string {
  return `@badge-info=;badges=;color=;display-name=viewer${i};emotes=;id=00000000-0000-4000-8000-${String(i).padStart(12, '0')};room-id=1001;tmi-sent-ts=${ts};user-id=${5000 + i} :viewer${i}!viewer${i}@viewer${i}.tmi.twitch.tv PRIVMSG #alpha :message ${i}`;
}

describeEachBackend('streamlens import chat with Helix archives', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-import-helix-'));
  let database: TestDatabase | undefined;
  let sim: RunningSimulator;
  let video: Video;
  before(async () => {
    if (backend === 'postgres') database = await createTestDatabase('streamlens_test_import_helix');
    const alpha = makeTestChannel('alpha', '1001');
    const scenario = makeTestScenario({
      channels: [{ ...alpha, streams: [{ ...alpha.streams![0]!, at: '0m', duration: '3m' }] }],
    });
    // 3 simulated minutes in about a second.
    sim = await startSimulator({ scenario, speed: 200 });
    const token = (await (
      await fetch(`${sim.urls.authUrl}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: sim.credentials.clientId,
          client_secret: sim.credentials.clientSecret,
          grant_type: 'client_credentials',
        }),
      })
    ).json()) as { access_token: string };
    video = await waitFor(
      async () => {
        const res = await fetch(`${sim.urls.helixUrl}/videos?user_id=1001&type=archive`, {
          headers: { 'Client-Id': sim.credentials.clientId, Authorization: `Bearer ${token.access_token}` },
        });
        return ((await res.json()) as { data: Video[] }).data[0];
      },
      { timeoutMs: 20_000, what: 'the simulated stream to end and be archived' },
    );
  });
  after(async () => {
    await sim?.stop();
    await database?.drop();
  });
  const db = () => (database ? ['--database-url', database.url] : ['--db', join(dir, 'chat.db')]);
  // Asynchronous: the simulator answers the command's Helix requests from this process's event loop.
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args, ...db()], {
        cwd: dir,
        env: {
          ...process.env,
          NO_COLOR: '1',
          STREAMLENS_TWITCH_CLIENT_ID: sim.credentials.clientId,
          STREAMLENS_TWITCH_CLIENT_SECRET: sim.credentials.clientSecret,
          STREAMLENS_TWITCH_HELIX_URL: sim.urls.helixUrl,
          STREAMLENS_TWITCH_AUTH_URL: sim.urls.authUrl,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('chat in the archive goes to its stream_id; chat hours later forms a stream by gaps', async () => {
    const start = Date.parse(video.created_at);
    const lines = [privmsg(1, start + 10_000), privmsg(2, start + 60_000), privmsg(3, start + 5 * 3_600_000)];
    const log = join(dir, 'alpha.log');
    writeFileSync(log, `${lines.join('\r\n')}\r\n`);
    const r = await run(['import', 'chat', log, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.deepEqual(s.archiveErrors, []);
    assert.deepEqual(
      s.streams.map((x: { id: string; source: string; messages: number }) => [x.id, x.source, x.messages]),
      [
        [video.stream_id, 'archive', 2],
        [`import:1001:${start + 5 * 3_600_000}`, 'gaps', 1],
      ],
    );
    const q = await run([
      'query',
      'SELECT id, vod_id, started_at FROM streams ORDER BY started_at',
      '--format',
      'json',
    ]);
    assert.deepEqual(JSON.parse(q.stdout), [
      { id: video.stream_id, vod_id: video.id, started_at: start },
      { id: `import:1001:${start + 5 * 3_600_000}`, vod_id: null, started_at: start + 5 * 3_600_000 },
    ]);
    const again = JSON.parse((await run(['import', 'chat', log, '--json'])).stdout);
    assert.equal(again.stored.messages, 0);
    assert.deepEqual(again.streams, []);
  });
});
