import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const simMain = fileURLToPath(new URL('../../test/support/run-sim-command.ts', import.meta.url));

test('`sim` prints its URLs and env vars, runs the scenario to its end and summarises it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  const file = join(dir, 'tiny.json');
  const stream = { at: 0, duration: '2m', title: 't', category: { id: '1', name: 'C' }, viewers: { base: 50 } };
  writeFileSync(
    file,
    JSON.stringify({ seed: 3, channels: [{ login: 'tiny', id: '5', displayName: 'Tiny', streams: [stream] }] }),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', simMain, 'sim', '--scenario', file, '--speed', '240'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, out);
  assert.match(out, /export STREAMLENS_TWITCH_HELIX_URL=http:\/\/127\.0\.0\.1:\d+\/helix/);
  assert.match(out, /export STREAMLENS_TWITCH_CHAT_URL=ws:\/\/127\.0\.0\.1:\d+\/irc/);
  assert.match(out, /export STREAMLENS_TWITCH_CLIENT_SECRET=\w{30}/);
  assert.match(out, /streamlens start -c tiny/);
  assert.match(out, /Scenario ended: \d+ chat messages/);
});

test('a bad --speed is a usage error', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', simMain, 'sim', '--speed', '-2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 64);
  assert.match(err, /--speed must be a positive number/);
});

test('a fixed --port fixes every URL, the TCP chat port included (--port + 1, or --chat-port)', async () => {
  const free = await Promise.all([0, 1].map(() => findFreePort()));
  const run = async (args: string[]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', simMain, 'sim', '--speed', '240', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ctrl-C')) child.kill('SIGINT');
    });
    await new Promise((resolve) => child.on('close', resolve));
    return out;
  };
  const [http, chat] = free as [number, number];
  assert.match(
    await run(['--port', String(http), '--chat-port', String(chat)]),
    new RegExp(`chat \\(tcp\\) irc://127\\.0\\.0\\.1:${chat}\\n`),
  );
  // Without --chat-port, the port after --port (taken when free; this picks a pair that is).
  const pair = await findFreePair();
  assert.match(await run(['--port', String(pair)]), new RegExp(`chat \\(tcp\\) irc://127\\.0\\.0\\.1:${pair + 1}\\n`));
});

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A port whose successor is free too. */
async function findFreePair(): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (port >= 65535) continue;
    const next = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false)).listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (next) return port;
  }
}
