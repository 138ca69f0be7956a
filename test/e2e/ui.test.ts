// Browser tests in real headless Chromium against an in-process server over a temp store filled with
// simulated history and a live stream; screenshots go to test-results/ for a person to look at.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { silentLogger } from '../../src/log.ts';
import { type RunningWebServer, startWebServer } from '../../src/web/start-web-server.ts';
import { launchChromium } from '../support/launch-chromium.ts';
import { makeChatMessage } from '../support/make-records.ts';
import { knownText, liveStreamId, openWebFixture, type WebFixture, xssText } from '../support/open-web-fixture.ts';
import { skipWithout } from '../support/skip-without.ts';

const root = new URL('../..', import.meta.url).pathname;
const dist = join(root, 'ui/dist');
const shots = join(root, 'test-results');
let fx: WebFixture;
let server: RunningWebServer;
let browser: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

const skip = await skipWithout('chromium');
describe('the web UI in Chromium', { skip }, () => {
  before(async () => {
    if (!existsSync(join(dist, 'index.html'))) {
      const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'ui'], {
        cwd: root,
        stdio: 'inherit',
      });
      assert.equal(built.status, 0, 'vite build failed');
    }
    mkdirSync(shots, { recursive: true });
    fx = await openWebFixture({ streams: 6 });
    server = await startWebServer({
      config: fx.config,
      store: fx.store,
      ingest: fx.ingest,
      log: silentLogger,
      staticDir: dist,
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(10_000);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await fx?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  test('live page shows the live stream and a chat message pushed into ingest', async () => {
    await page.goto(`${server.url}/live`);
    await page.getByRole('heading', { name: 'Live now: cozy farming' }).waitFor();
    await page.getByText('Connected').waitFor();
    fx.ingest.push({
      kind: 'message',
      message: makeChatMessage({
        channelId: fx.channelId,
        streamId: liveStreamId,
        ts: Date.now(),
        userLogin: 'pusheduser',
        displayName: 'PushedUser',
        text: 'hello from the e2e test',
      }),
    });
    await page.getByText('hello from the e2e test').waitFor({ timeout: 5000 });
    await shot('live');
  });

  test('streams list and stream page render real data', async () => {
    await page.goto(`${server.url}/streams`);
    const rows = page.locator('table.table tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), fx.streamIds.length + 1);
    await shot('streams');
    const id = fx.streamIds.at(-1)!;
    await page.goto(`${server.url}/streams/${id}?t=${40 * 60_000}`);
    await page.locator('.chart canvas').first().waitFor();
    await page.getByRole('heading', { name: /Around 40:00/ }).waitFor();
    await page.getByText(/Compared with the previous/).waitFor();
    await shot('stream');
  });

  test('search finds a known message and renders HTML in chat as literal text', async () => {
    await page.goto(`${server.url}/search?q=marmalade`);
    await page.getByText(knownText).waitFor();
    await shot('search');
    await page.goto(`${server.url}/search?q=onerror&user=xssviewer`);
    await page.getByText(xssText, { exact: true }).waitFor();
    assert.equal(await page.locator('img[src="x"], main script').count(), 0);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    await shot('search-xss');
  });

  test('trends, chatter and ask pages render', async () => {
    await page.goto(`${server.url}/trends`);
    await page.getByRole('heading', { name: 'Growth by week' }).waitFor();
    await page.locator('.state.loading').first().waitFor({ state: 'detached' });
    await shot('trends');
    await page.goto(`${server.url}/chatters/knownviewer`);
    await page.locator('main h1').waitFor();
    await shot('chatter');
    await page.goto(`${server.url}/ask`);
    await page.getByText('The AI agent is not installed').waitFor();
    await shot('ask');
  });

  test('settings save to the config file without showing the secret again', async () => {
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Client id').fill('e2e-client-id');
    await page.getByLabel('Client secret').fill('e2e-secret-value');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Restart streamlens to apply.').waitFor();
    const file = JSON.parse(readFileSync(fx.config.configFile, 'utf8')) as {
      twitch: { clientId: string; clientSecret: string };
    };
    assert.deepEqual(file.twitch, { clientId: 'e2e-client-id', clientSecret: 'e2e-secret-value' });
    assert.equal(await page.getByLabel('Client secret').inputValue(), '');
    assert.ok(!(await page.content()).includes('e2e-secret-value'));
    await shot('settings');
    assert.deepEqual(pageErrors, []);
  });
});
