// The product as a new user first sees it: `streamlens demo` as its own process (simulator, real collectors,
// web server), driven in real headless Chromium. Screenshots go to test-results/.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.ts';
import { skipWithout } from '../support/skip-without.ts';
import { waitFor } from '../support/wait-for.ts';

const root = new URL('../..', import.meta.url).pathname;
const shots = join(root, 'test-results');
let demo: ChildProcess;
let demoDir: string;
let baseUrl: string;
let browser: BrowserContext;
let page: Page;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const skip = await skipWithout('chromium');
describe('streamlens demo in Chromium', { skip }, () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'streamlens-demo-e2e-'));
    demoDir = dir;
    const port = await freePort();
    demo = spawn(
      process.execPath,
      [
        join(root, 'bin/streamlens'),
        'demo',
        '--port',
        String(port),
        '--speed',
        '30',
        '--history',
        '3',
        '--no-transcribe',
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${stderr}`)), 90_000);
      demo.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /Dashboard: (http:\/\/\S+)/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      demo.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${stderr}`)));
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
  });

  after(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGTERM');
      await exited;
    }
  });

  test('the live page of `streamlens demo` fills with simulated chat as it arrives', async () => {
    await page.goto(`${baseUrl}/live`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const lines = page.locator('.chat-card li, .chat-card [role="listitem"], .chat-card .chat-line');
    await lines.first().waitFor();
    const before = await page.locator('.chat-card').textContent();
    // New messages keep arriving over the live feed without a reload.
    await waitFor(async () => (await page.locator('.chat-card').textContent()) !== before, {
      what: 'new chat on the Live page',
      timeoutMs: 30_000,
      everyMs: 250,
    });
    await page.screenshot({ path: join(shots, 'demo-live.png') });
  });

  test('the demo history lists past streams and opens a stream with its timeline', async () => {
    await page.goto(`${baseUrl}/streams`);
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 3, 'the generated history is listed');
    await rows.nth(2).locator('a').first().click();
    await page.locator('canvas').first().waitFor();
    await page.screenshot({ path: join(shots, 'demo-stream.png') });
  });

  test('an answer on the Ask page links to the stream it talks about, with no Markdown left showing', async () => {
    await page.goto(`${baseUrl}/ask`);
    await page.getByPlaceholder('Ask about your streams…').fill('How did my last stream go?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const link = page.locator('.answer a[href^="/streams/"]').first();
    await link.waitFor({ timeout: 30_000 });
    const answer = (await page.locator('.answer').first().textContent()) ?? '';
    assert.ok(!answer.includes(']('), `raw Markdown in the answer: ${answer}`);
    await link.click();
    await page.waitForURL(/\/streams\/\d+/);
    await page.screenshot({ path: join(shots, 'demo-ask-link.png') });
  });

  test("saving settings in the demo writes the demo's own file, never ./streamlens.config.json", async () => {
    await page.goto(`${baseUrl}/settings`);
    await page.getByLabel('Client id').fill('demo-edit');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Restart streamlens to apply.').waitFor();
    assert.equal(existsSync(join(demoDir, 'streamlens.config.json')), false, 'the user config was written');
    const own = join(demoDir, 'data/demo/streamlens.config.json');
    assert.ok(existsSync(own), 'the demo keeps its settings beside its data');
    assert.match(readFileSync(own, 'utf8'), /demo-edit/);
    await page.getByText(own).waitFor();
  });

  test('the demo says it runs on the built-in simulator, not a Twitch login', async () => {
    const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as { demo: boolean };
    assert.equal(health.demo, true, '/api/health says this is the demo');
    await page.goto(`${baseUrl}/settings`);
    await page
      .getByText(/Demo: connected to the built-in Twitch simulator as cozyforge — nothing is sent to Twitch\./)
      .waitFor();
    await page.getByText(/The demo's settings, saved to its own file/).waitFor();
    assert.equal(await page.getByText('Logged in to Twitch as').count(), 0, 'no claim of a Twitch login');
    assert.equal(await page.getByRole('button', { name: 'Log in with Twitch' }).count(), 0);
    await page.screenshot({ path: join(shots, 'demo-settings.png'), fullPage: true });
  });

  test('a second demo on a port already in use says so and exits, audio and all', async () => {
    const port = Number(new URL(baseUrl).port);
    const second = spawn(
      process.execPath,
      [join(root, 'bin/streamlens'), 'demo', '--port', String(port), '--history', '0'],
      {
        cwd: mkdtempSync(join(tmpdir(), 'streamlens-demo-busy-')),
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    second.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        second.kill('SIGKILL');
        resolve(null);
      }, 60_000);
      second.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.notEqual(code, null, `still running a minute after the error:\n${stderr}`);
    assert.notEqual(code, 0);
    assert.match(stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
  });
});
