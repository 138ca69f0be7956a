// Delivery against a loopback server speaking Discord's webhook API (src/sim/discord), on both backends: what a
// Discord channel receives, Discord's rate limits honoured (the bucket headers, a global 429's retry_after), server
// errors retried with backoff, a webhook that is gone blocked once with its reason (across a restart, until the
// URL changes), a rejected body failing alone, and nothing lost or doubled across a restart.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { openTestStore, type TestStore } from '../../test/support/open-test-store.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { type Config, configSchema } from '../config.ts';
import { createLogger } from '../log.ts';
import { type DiscordReceiver, startDiscordReceiver } from '../sim/index.ts';
import type { Store } from '../store/store.ts';
import type { Notification } from './notification.ts';
import { type Notifier, startNotifier } from './start-notifier.ts';

let serial = 0;
const note = (overrides: Partial<Notification> = {}): Notification => ({
  event: 'report',
  subject: `s${++serial}`,
  channel: { id: '1001', login: 'smallstreamer' },
  title: 'smallstreamer: stream report — Chatting with chat',
  text: 'viewer question: @everyone [free](http://phish.example) **now**',
  url: 'http://127.0.0.1:7420/streams/s1',
  fields: [
    {
      name: 'Moment at 0:40:00',
      value: '32 messages',
      link: { label: 'watch', url: 'https://www.twitch.tv/videos/1?t=0h40m0s' },
    },
  ],
  data: { figures: { avgViewers: 12 } },
  at: Date.UTC(2026, 9, 6, 20, 0, 0),
  ...overrides,
});

const configWith = (targets: unknown[], discordApiBase: string): Pick<Config, 'notifications'> =>
  configSchema.pick({ notifications: true }).parse({ notifications: { targets, discordApiBase } });

describeEachBackend('notifier', (backend) => {
  let db: TestStore;
  let store: Store;
  let discord: DiscordReceiver;
  let lines: string[];
  const notifiers: Notifier[] = [];
  const log = () => createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const start = async (config: Pick<Config, 'notifications'>) => {
    const notifier = await startNotifier({
      store,
      config,
      log: log(),
      pollMs: 50,
      retry: { baseMs: 40, maxMs: 200, maxAttempts: 4 },
    });
    notifiers.push(notifier);
    return notifier;
  };

  before(async () => {
    db = await openTestStore(backend);
    store = db.store;
    discord = await startDiscordReceiver();
  });
  after(async () => {
    for (const n of notifiers) await n.stop();
    await discord.stop();
    await db.close();
  });
  beforeEach(() => {
    lines = [];
  });

  it('posts a Discord message as Discord documents it: wait=true, one embed, no mentions, chat escaped', async () => {
    const hook = discord.createWebhook();
    const notifier = await start(configWith([{ url: hook.url, kind: 'discord', events: ['report'] }], discord.apiBase));
    await notifier.notify(note({ subject: 'first' }));
    await notifier.notify(note({ subject: 'first' })); // the same notification again: queued once
    await notifier.settle(5000);
    const got = discord.messages.filter((m) => m.webhookId === hook.id);
    assert.equal(got.length, 1);
    const [message] = got;
    assert.equal(message?.wait, true);
    assert.deepEqual(message?.body.allowed_mentions, { parse: [] });
    const embed = message!.body.embeds![0]!;
    assert.equal(embed.title, 'smallstreamer: stream report — Chatting with chat');
    assert.equal(embed.url, 'http://127.0.0.1:7420/streams/s1');
    assert.match(
      embed.description ?? '',
      /@\u200beveryone \\\[free\\\]\(http:\/\/phish\.example\) \\\*\\\*now\\\*\\\*/,
    );
    assert.match(embed.fields?.[0]?.value ?? '', /\[watch\]\(https:\/\/www\.twitch\.tv\/videos\/1\?t=0h40m0s\)$/);
    assert.deepEqual(notifier.counts().sent, [{ kind: 'discord', event: 'report', count: 1 }]);
    assert.ok(!lines.some((l) => l.includes(hook.token)), 'the webhook token is never logged');
  });

  it('keeps to the bucket (X-RateLimit-Remaining/Reset-After) and waits out a global 429 for its retry_after', async () => {
    const hook = discord.createWebhook();
    const notifier = await start(configWith([{ url: hook.url, kind: 'discord', events: ['raid'] }], discord.apiBase));
    for (let i = 0; i < 8; i++) await notifier.notify(note({ event: 'raid', subject: `raid-${i}` }));
    await waitFor(() => discord.messages.filter((m) => m.webhookId === hook.id).length === 8, {
      what: 'all 8 raids delivered',
      timeoutMs: 15_000,
    });
    const answered = discord.requests.filter((r) => r.webhookId === hook.id);
    assert.equal(answered.filter((r) => r.status === 429).length, 0, 'the bucket headers were read: never a 429');
    // Lower bounds the protocol requires (never posting before Discord allows), not speeds.
    assert.ok(answered[5]!.at - answered[0]!.at >= 1500, 'the sixth post waited for the bucket to reset');

    discord.limitGlobally(1.2);
    const limitedAt = Date.now();
    await notifier.notify(note({ event: 'raid', subject: 'after-global' }));
    await waitFor(() => discord.messages.filter((m) => m.webhookId === hook.id).length === 9, {
      what: 'the post after the global limit',
      timeoutMs: 10_000,
    });
    const after = discord.requests.filter((r) => r.webhookId === hook.id).slice(8);
    assert.equal(after[0]?.status, 429);
    assert.equal(after[1]?.status, 200);
    assert.ok(after[1]!.at - limitedAt >= 1150, `retried after retry_after (${after[1]!.at - limitedAt} ms)`);
    assert.equal(discord.messages.filter((m) => m.webhookId === hook.id).length, 9, 'nothing doubled');
  });

  it('retries server errors with backoff, and gives up after the attempt limit with the reason', async () => {
    const hook = discord.createWebhook();
    const notifier = await start(configWith([{ url: hook.url, kind: 'discord', events: ['report'] }], discord.apiBase));
    discord.failNext(2, 503);
    await notifier.notify(note({ subject: 'flaky' }));
    const row = await waitFor(
      async () =>
        (await store.notifications.listRecent(50)).find((r) => r.id.startsWith('report:flaky:') && r.status === 'sent'),
      { what: 'delivery after two 503s' },
    );
    assert.equal(discord.messages.filter((m) => m.webhookId === hook.id).length, 1);
    assert.equal(row?.attempts, 3);

    discord.failNext(10, 502);
    await notifier.notify(note({ subject: 'down' }));
    await waitFor(
      async () =>
        (await store.notifications.listRecent(50)).find((r) => r.id.startsWith('report:down:'))?.status === 'failed',
      { what: 'the notification given up', timeoutMs: 10_000 },
    );
    const [down] = (await store.notifications.listRecent(50)).filter((r) => r.id.startsWith('report:down:'));
    assert.match(down?.lastError ?? '', /^gave up after 4 attempts: HTTP 502/);
    discord.failNext(0, 500);
  });

  it('a deleted webhook (404) is blocked once with its reason, stays blocked after a restart, until the URL changes', async () => {
    const hook = discord.createWebhook();
    const config = configWith([{ url: hook.url, kind: 'discord', events: ['report'] }], discord.apiBase);
    const first = await start(config);
    discord.deleteWebhook(hook.id);
    await first.notify(note({ subject: 'gone-1' }));
    await first.settle(3000);
    await first.notify(note({ subject: 'gone-2' }));
    await first.settle(1000);
    const posts = () => discord.requests.filter((r) => r.webhookId === hook.id).length;
    assert.equal(posts(), 1, 'one refused post, then nothing');
    const warnings = lines.filter((l) => l.includes('refused: HTTP 404: Unknown Webhook (Discord code 10015)'));
    assert.equal(warnings.length, 1, lines.join('\n'));
    assert.equal(first.counts().blockedTargets, 1);
    await first.stop();

    lines = [];
    const restarted = await start(config);
    await restarted.notify(note({ subject: 'gone-3' }));
    await restarted.settle(500);
    assert.equal(posts(), 1, 'still blocked after a restart');
    assert.ok(lines.some((l) => /refused for good .*Unknown Webhook.*until its URL changes/.test(l)));

    const fixed = discord.createWebhook();
    const changed = await start(configWith([{ url: fixed.url, kind: 'discord', events: ['report'] }], discord.apiBase));
    await changed.notify(note({ subject: 'gone-4' }));
    await changed.settle(3000);
    assert.equal(discord.messages.filter((m) => m.webhookId === fixed.id).length, 1, 'a new URL is tried');
  });

  it('a JSON target gets the notification as data; a body it refuses (422) fails alone; a restart delivers what was queued', async () => {
    const received: { path: string; body: Record<string, unknown> }[] = [];
    let refuse = false;
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        if (refuse)
          return void res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"unexpected shape"}');
        received.push({ path: req.url ?? '', body: JSON.parse(text) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/streamlens?key=secret-key-123`;
    try {
      const config = configWith([{ url, kind: 'json', events: ['report', 'raid'] }], discord.apiBase);
      refuse = true;
      const first = await start(config);
      await first.notify(note({ subject: 'refused' }));
      await first.settle(3000);
      assert.match(
        (await store.notifications.listRecent(50)).find((r) => r.id.startsWith('report:refused:'))?.lastError ?? '',
        /^HTTP 422: \{"error":"unexpected shape"\}/,
      );
      assert.equal(first.counts().blockedTargets, 0, 'a refused body does not block the target');
      await first.stop();

      // Queued while no notifier runs (as if the process died after queuing): the next one delivers it once.
      refuse = false;
      const second = await start(config);
      await second.notify(note({ event: 'raid', subject: 'queued' }));
      await second.stop();
      const third = await start(config);
      await third.settle(3000);
      assert.deepEqual(
        received.map((r) => [r.body.event, r.body.subject]),
        [['raid', 'queued']],
      );
      assert.equal(received[0]?.body.version, 1);
      assert.deepEqual((received[0]!.body.data as { figures: unknown }).figures, { avgViewers: 12 });
      assert.ok(!lines.some((l) => l.includes('secret-key-123')), 'the query key is never logged');
    } finally {
      server.close();
    }
  });
});
