// Notifications through the API, on both backends: the status of each target (a blocked one with its reason),
// URLs never sent back with their tokens, and the settings refusing a bad Discord URL with a clear message while
// keeping a saved target's URL by its id.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { openWebFixture, type WebFixture } from '../../../test/support/open-web-fixture.ts';
import { configSchema } from '../../config.ts';
import { silentLogger } from '../../log.ts';
import { toTargetId } from '../../notify/notification.ts';
import { createApp, type WebApp } from '../create-app.ts';

const discordUrl = 'https://discord.com/api/webhooks/123456789012345678/SeCrEtToKeN-abcdefghijklmnop';
const jsonUrl = 'https://hooks.example.net/in/streamlens?key=another-secret-key';

describeEachBackend('/api/notifications and notification settings', (backend) => {
  let fx: WebFixture;
  let web: WebApp;
  let csrf: string;
  before(async () => {
    fx = await openWebFixture({ backend });
    const config = Object.freeze(
      configSchema.parse({
        ...structuredClone(fx.config),
        notifications: { targets: [{ url: discordUrl, kind: 'discord', events: ['report', 'raid'] }] },
      }),
    );
    web = createApp({ config, store: fx.store, ingest: fx.ingest, log: silentLogger });
    const id = toTargetId(discordUrl);
    await fx.store.notifications.enqueue([
      {
        id: 'report:s1:x',
        targetId: id,
        targetKind: 'discord',
        event: 'report',
        channelId: '1',
        body: '{}',
        createdAt: 10,
      },
    ]);
    await fx.store.notifications.markFailed('report:s1:x', {
      attempts: 1,
      reason: 'HTTP 404: Unknown Webhook (Discord code 10015)',
    });
    await fx.store.notifications.blockTarget({
      targetId: id,
      status: 404,
      reason: 'HTTP 404: Unknown Webhook (Discord code 10015)',
      blockedAt: 11,
    });
    const session = await web.app.request('/api/session');
    csrf = /sl_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
  });
  after(async () => {
    web.close();
    await fx.close();
  });

  const put = (body: unknown) =>
    web.app.request('/api/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `sl_csrf=${csrf}` },
      body: JSON.stringify(body),
    });

  it('shows each target’s deliveries and a blocked target with its reason, never the token', async () => {
    const response = await web.app.request('/api/notifications');
    const text = await response.text();
    assert.equal(response.status, 200);
    assert.ok(!text.includes('SeCrEtToKeN'), 'no token in the status');
    const status = JSON.parse(text) as {
      targets: {
        id: string;
        name: string;
        blocked: { status: number; reason: string } | null;
        counts: { failed: number };
      }[];
      recent: { error: string | null }[];
    };
    assert.equal(status.targets[0]?.name, 'https://discord.com/api/webhooks/123456789012345678/…');
    assert.deepEqual(status.targets[0]?.blocked, {
      status: 404,
      reason: 'HTTP 404: Unknown Webhook (Discord code 10015)',
      at: 11,
    });
    assert.equal(status.targets[0]?.counts.failed, 1);
    assert.match(status.recent[0]?.error ?? '', /Unknown Webhook/);
    const settings = await (await web.app.request('/api/settings')).text();
    assert.ok(!settings.includes('SeCrEtToKeN'), 'no token in the settings view');
  });

  it('refuses a Discord target that is not a Discord webhook URL, saying what to do', async () => {
    const response = await put({
      notifications: { targets: [{ url: 'https://example.com/hook', kind: 'discord', events: ['report'] }] },
    });
    assert.equal(response.status, 400);
    const { error } = (await response.json()) as { error: { message: string } };
    assert.match(
      error.message,
      /notifications\.targets\.0\.url: a Discord target needs a Discord webhook URL, https:\/\/discord\.com\/api\/webhooks/,
    );
    assert.match(error.message, /use kind "json"/);
  });

  it('keeps a saved target’s URL by its id and adds a new one', async () => {
    const id = toTargetId(discordUrl);
    const response = await put({
      notifications: {
        targets: [
          { id, kind: 'discord', events: ['report'] },
          { url: jsonUrl, kind: 'json', events: ['raid', 'questions-waiting'], name: 'my bot' },
        ],
      },
    });
    assert.equal(response.status, 200, await response.clone().text());
    const view = (await response.json()) as {
      notifications: { targets: { id: string; url: string; name: string | null }[] };
    };
    assert.deepEqual(
      view.notifications.targets.map((t) => [t.id, t.url, t.name]),
      [
        [id, 'https://discord.com/api/webhooks/123456789012345678/…', null],
        [toTargetId(jsonUrl), 'https://hooks.example.net/in/…', 'my bot'],
      ],
    );
    const file = JSON.parse(readFileSync(fx.config.configFile, 'utf8')) as {
      notifications: { targets: { url: string }[] };
    };
    assert.deepEqual(
      file.notifications.targets.map((t) => t.url),
      [discordUrl, jsonUrl],
    );
  });
});
