// Every page at a desk (1440×900) and on a phone (390×844) in real headless Chromium: nothing wider than the
// viewport (tables and the heatmap scroll or reflow inside their card), no chat line cut, the channel switcher
// scoping each page, and times shown in the chosen zone. Screenshots of each page at both sizes go to
// test-results/layout/ (or SCREENS_DIR) for a person to look at.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createAgent } from '../../src/agent/index.ts';
import { silentLogger } from '../../src/log.ts';
import { type RunningWebServer, startWebServer } from '../../src/web/start-web-server.ts';
import { launchChromium } from '../support/launch-chromium.ts';
import { makeChannel, makeChannelEvent, makeChatMessage, makeSnapshot, makeStream } from '../support/make-records.ts';
import { openTestStore } from '../support/open-test-store.ts';
import { liveStreamId, openWebFixture, type WebFixture } from '../support/open-web-fixture.ts';
import { skipWithout } from '../support/skip-without.ts';

const root = new URL('../..', import.meta.url).pathname;
const dist = join(root, 'ui/dist');
const shots = process.env.SCREENS_DIR ?? join(root, 'test-results/layout');
const sizes = [
  { name: 'desk', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const other = { id: '880001', login: 'otherchan', displayName: 'OtherChan' };
const otherPastTitle = 'Other channel past stream: speedrun practice';
const otherLiveTitle = 'Other channel live: ranked grind';
const longLine = `${'this is a very long chat line that must wrap on a phone '.repeat(4)}END-OF-LINE`;

let fx: WebFixture;
let server: RunningWebServer;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

// Run in the page as source text (the test runner's transform would add helpers the page does not have).
/** Elements sticking out past the viewport's right edge, outside any container that scrolls or clips them. */
const findOverflowing = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width + 1)
    out.push('document is ' + document.documentElement.scrollWidth + 'px wide in a ' + width + 'px viewport');
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1 || contained(el)) continue;
    if (el.closest('.sr-only, .skip-link')) continue;
    out.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(r.right));
  }
  return out.slice(0, 10);
})()`;

/** Chat lines whose text is cut (ellipsis, clipped width or height). */
const findCutChatLines = `[...document.querySelectorAll('.chat-line')]
  .filter((el) => {
    const s = getComputedStyle(el);
    return s.textOverflow === 'ellipsis' || el.scrollWidth > el.clientWidth + 1 ||
      (s.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1);
  })
  .map((el) => (el.textContent || '').slice(0, 60))`;

/** Per heatmap cell of the first weekday row: whether it is fully in view. */
const heatCellsInView = `[...document.querySelectorAll('.heat-row')[1].querySelectorAll('.heat-cell')].map((c) => {
  const r = c.getBoundingClientRect();
  return r.right <= document.documentElement.clientWidth && r.width > 0;
})`;

/** Each chart shown (not the one drawn for the other screen size): its width and its text's size in CSS px. */
const visibleChartSizes = `[...document.querySelectorAll('.chart svg')]
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => {
    const width = svg.getBoundingClientRect().width;
    const scale = width / svg.viewBox.baseVal.width;
    return { width, fontPx: Number(svg.getAttribute('font-size')) * scale, label: svg.getAttribute('aria-label') };
  })`;

const overflowing = (p: Page) => p.evaluate<string[]>(findOverflowing);
const cutChatLines = (p: Page) => p.evaluate<string[]>(findCutChatLines);

const skip = await skipWithout('chromium');
describe('every page at a desk and on a phone', { skip }, () => {
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
    const now = Date.now();
    const liveStart = now - 30 * 60_000;
    await fx.store.write({
      channels: [makeChannel(other)],
      streams: [
        makeStream({
          id: 'other-past',
          channelId: other.id,
          startedAt: now - 3 * 86_400_000,
          endedAt: now - 3 * 86_400_000 + 2 * 3_600_000,
          title: otherPastTitle,
        }),
        makeStream({ id: 'other-live', channelId: other.id, startedAt: liveStart, title: otherLiveTitle }),
      ],
      snapshots: [0, 5, 10, 15, 20].map((m) =>
        makeSnapshot({
          channelId: other.id,
          streamId: 'other-live',
          ts: liveStart + m * 60_000,
          viewerCount: 20 + m,
          title: otherLiveTitle,
        }),
      ),
      chatMessages: [
        makeChatMessage({
          channelId: other.id,
          streamId: 'other-past',
          ts: now - 3 * 86_400_000 + 600_000,
          userId: '880101',
          userLogin: 'otherviewer',
          displayName: 'OtherViewer',
          text: 'the marmalade strategy on the other channel',
        }),
      ],
    });
    // Long chat lines and a raid each way on the main channel's live stream.
    await fx.store.write({
      chatMessages: [4, 5, 6].map((m) =>
        makeChatMessage({
          channelId: fx.channelId,
          streamId: liveStreamId,
          ts: now - 20 * 60_000 + m * 60_000,
          userId: `66${m}`,
          userLogin: `longtalker${m}`,
          displayName: `LongTalker${m}`,
          text: longLine,
        }),
      ),
      channelEvents: [
        makeChannelEvent({
          id: 'raid-in-1',
          channelId: fx.channelId,
          streamId: liveStreamId,
          ts: now - 12 * 60_000,
          type: 'channel.raid',
          userLogin: 'belfyn',
          data: { toBroadcasterUserId: fx.channelId, fromBroadcasterUserLogin: 'belfyn', viewers: 42 },
        }),
        makeChannelEvent({
          id: 'cheer-1',
          channelId: fx.channelId,
          streamId: liveStreamId,
          ts: now - 11 * 60_000,
          type: 'channel.cheer',
          userLogin: 'belfyn_6',
          data: { bits: 1 },
        }),
      ],
    });
    server = await startWebServer({
      config: fx.config,
      store: fx.store,
      ingest: fx.ingest,
      agent: createAgent({ store: fx.store, config: fx.config, log: silentLogger }),
      log: silentLogger,
      staticDir: dist,
    });
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await fx?.close();
  });

  const pages = () => [
    { name: 'live', path: '/live', ready: '.chat-line' },
    { name: 'streams', path: '/streams', ready: 'table.table tbody tr' },
    { name: 'stream', path: `/streams/${fx.streamIds.at(-1)}`, ready: '.chart canvas' },
    { name: 'trends', path: '/trends', ready: '.heat-row' },
    { name: 'search', path: '/search?q=marmalade', ready: '.results li' },
    { name: 'chatter', path: '/chatters/knownviewer', ready: 'main h1' },
    { name: 'ask', path: '/ask', ready: 'main h1' },
    { name: 'settings', path: '/settings', ready: 'main h1' },
  ];

  for (const size of sizes) {
    test(`${size.name} (${size.width}×${size.height}): no page wider than the screen, no chat line cut`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${server.url}/live`);
      await page.evaluate('localStorage.clear()');
      for (const p of pages()) {
        await page.goto(`${server.url}${p.path}`);
        await page.locator(p.ready).first().waitFor();
        await page.locator('.state.loading').first().waitFor({ state: 'detached' });
        await page.waitForTimeout(200);
        assert.deepEqual(await overflowing(page), [], `${p.name} at ${size.name}`);
        if (p.name === 'live') {
          assert.deepEqual(await cutChatLines(page), [], 'live chat lines at full length');
          const line = page.locator('.chat-line', { hasText: 'END-OF-LINE' }).first();
          await line.scrollIntoViewIfNeeded();
          assert.ok(await line.getByText(longLine).isVisible(), 'a long line is shown whole');
          await page.locator('.live-events').getByText('belfyn raided you with 42 viewers').waitFor();
          await page.locator('.live-events').getByText('belfyn_6 cheered 1 bit').waitFor();
          await page.locator('.viewer-graph canvas').first().waitFor();
        }
        if (p.name === 'stream') {
          const changes = page.locator('.card', { has: page.getByRole('heading', { name: 'Viewer changes' }) });
          await changes.locator('li, p').first().waitFor();
          const text = await changes.innerText();
          assert.doesNotMatch(text, /\d+\.\d+%/, `viewer changes without raw decimals: ${text}`);
        }
        if (p.name === 'trends') {
          const hours = await page.evaluate<boolean[]>(heatCellsInView);
          assert.deepEqual(hours, Array(24).fill(true), 'all 24 hours of the heatmap in view');
        }
        if (size.name === 'phone') {
          const header = await page.locator('header.topbar').boundingBox();
          assert.ok(header && header.height <= 110, `the header stays compact (${header?.height}px)`);
        }
        await page.screenshot({ path: join(shots, `${p.name}-${size.name}.png`), fullPage: true });
      }
      assert.deepEqual(pageErrors, []);
    });
  }

  test('the channel switcher scopes every page and is remembered', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/streams`);
    await page.locator('table.table tbody tr').first().waitFor();
    assert.ok((await page.locator('table.table tbody').innerText()).includes(fx.channelLogin), 'channel column');
    await page.getByLabel('Channel', { exact: true }).selectOption(other.login);
    await page.getByText(otherPastTitle).waitFor();
    const rows = page.locator('table.table tbody tr');
    assert.equal(await rows.count(), 2, 'only the other channel: its past and its live stream');

    await page.reload();
    assert.equal(
      await page.getByLabel('Channel', { exact: true }).inputValue(),
      other.login,
      'remembered after a reload',
    );

    await page.goto(`${server.url}/live`);
    await page.getByRole('heading', { name: otherLiveTitle }).waitFor();

    const trends = page.waitForRequest(
      (r) => r.url().includes('/api/best-times') && r.url().includes('channel=otherchan'),
    );
    await page.goto(`${server.url}/trends`);
    await trends;
    await page.getByText('Channel otherchan').waitFor();

    await page.goto(`${server.url}/search?q=marmalade`);
    await page.getByText('the marmalade strategy on the other channel').waitFor();
    assert.equal(await page.getByText('the marmalade strategy worked').count(), 0, 'no match from the main channel');

    await page.goto(`${server.url}/ask`);
    await page.getByText('Questions are about otherchan').waitFor();
    await page.getByPlaceholder('Ask about your streams…').fill('who are my top chatters?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.locator('.answer').getByText('otherviewer').first().waitFor();
    assert.equal(await page.locator('.answer').getByText('knownviewer').count(), 0, 'not the main channel');

    await page.getByLabel('Channel', { exact: true }).selectOption('');
    await page.goto(`${server.url}/search?q=marmalade`);
    await page.getByText('the marmalade strategy worked').waitFor();
    await page.goto(`${server.url}/live`);
    await page
      .getByRole('navigation', { name: 'Live channels' })
      .getByRole('button', { name: /OtherChan/ })
      .click();
    await page.getByRole('heading', { name: otherLiveTitle }).waitFor();
  });

  test('the Live page stays on the stream it shows when another channel goes live', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/live`);
    await page.evaluate('localStorage.clear()');
    await page.goto(`${server.url}/live`);
    await page.getByRole('heading', { name: 'Live now: cozy farming' }).waitFor();
    const third = { id: '880002', login: 'thirdchan', displayName: 'ThirdChan' };
    await fx.ingest.upsertChannel(makeChannel(third));
    await fx.ingest.upsertStream(
      makeStream({
        id: 'third-live',
        channelId: third.id,
        startedAt: Date.now(),
        title: 'Third channel just went live',
      }),
    );
    fx.ingest.push({
      kind: 'message',
      message: makeChatMessage({
        channelId: third.id,
        streamId: 'third-live',
        ts: Date.now(),
        userId: '880201',
        userLogin: 'thirdviewer',
        displayName: 'ThirdViewer',
        text: 'first!',
      }),
    });
    const tabs = page.getByRole('navigation', { name: 'Live channels' });
    await tabs.getByRole('button', { name: /ThirdChan/ }).waitFor();
    assert.ok(await page.getByRole('heading', { name: 'Live now: cozy farming' }).isVisible(), 'no jump');
  });

  test('the HTML report fits both screens, with a y-axis, event marks and times in the zone asked for', async () => {
    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${server.url}/api/streams/${fx.streamIds.at(-1)}/report?format=html&tz=Asia/Tokyo`);
      await page.locator('.chart svg >> visible=true').first().waitFor();
      assert.deepEqual(await overflowing(page), [], `report at ${size.name}`);
      assert.match(await page.locator('body').innerText(), /started \w{3}, \d+ \w{3} \d{4}, \d\d:\d\d GMT\+9/);
      // The chart drawn for this screen fills the text column, and its text reads at 11 px or more.
      const charts = await page.evaluate<{ width: number; fontPx: number; label: string }[]>(visibleChartSizes);
      assert.ok(charts.length >= 1, 'a chart is shown');
      const column = size.name === 'phone' ? size.width - 2 * 15 : 900;
      for (const chart of charts) {
        assert.ok(chart.width >= column - 2, `${chart.label}: ${chart.width}px wide in a ${column}px column`);
        assert.ok(chart.fontPx >= 11, `${chart.label}: its text is ${chart.fontPx.toFixed(1)}px at ${size.name}`);
      }
      const legend = await page.evaluate<{ fontPx: number; right: number }>(
        `(() => { const el = document.querySelector('.legend'); return { fontPx: parseFloat(getComputedStyle(el).fontSize), right: el.getBoundingClientRect().right }; })()`,
      );
      assert.ok(legend.fontPx >= 11, `legend text ${legend.fontPx}px`);
      assert.ok(legend.right <= size.width, 'the legend stays on the screen');
      assert.doesNotMatch(await page.locator('body').innerText(), /viewers \([+−-]?\d+\.\d+%\)/, 'no raw decimals');
      await page.screenshot({ path: join(shots, `report-html-${size.name}.png`), fullPage: true });
    }
  });

  test('first run: Trends says what will appear and after what, with no error boxes', async () => {
    const empty = await openTestStore('sqlite');
    const bare = await startWebServer({ config: fx.config, store: empty.store, log: silentLogger, staticDir: dist });
    try {
      for (const size of sizes) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto(`${bare.url}/trends`);
        await page.getByText('After your first full week of streams').waitFor();
        assert.equal(await page.locator('.state.error').count(), 0, 'no error box');
        assert.ok(!(await page.locator('main').innerText()).includes('`'), 'no raw backticks');
        await page.screenshot({ path: join(shots, `trends-first-run-${size.name}.png`), fullPage: true });
        await page.goto(`${bare.url}/live`);
        await page.getByText('No stream is live right now').waitFor();
        await page.screenshot({ path: join(shots, `live-first-run-${size.name}.png`), fullPage: true });
      }
    } finally {
      await bare.stop();
      await empty.close();
    }
  });

  test('times are shown in the chosen zone and say which', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.goto(`${server.url}/streams`);
    const first = await page.locator('table.table tbody tr td').first().innerText();
    const href = (await page.locator('table.table tbody tr td a').first().getAttribute('href'))!;
    const stream = (await fx.store.get<{ started_at: number }>('SELECT started_at FROM streams WHERE id = ?', [
      decodeURIComponent(href.split('/').at(-1)!),
    ]))!;
    const expected = new Date(Number(stream.started_at)).toLocaleTimeString('en-GB', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
    });
    assert.ok(first.includes(expected), `"${first}" shows ${expected}, Tokyo time`);
    assert.match(first, /GMT\+9/, 'and names the zone');
    await page.goto(`${server.url}/trends`);
    await page.getByText(/times in GMT\+9/).waitFor();
    await page.goto(`${server.url}/live`);
    await page.getByText(/times in GMT\+9/).waitFor();
    await page.evaluate('localStorage.clear()');
  });
});
