// `streamlens emotes refresh` and `emotes list` through the real CLI, against a loopback server speaking the
// 7TV, BetterTTV and FrankerFaceZ APIs with their real responses, on both backends.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { promisify } from 'node:util';
import { describeEachBackend } from '../support/describe-each-backend.ts';
import { makeChannel } from '../support/make-records.ts';
import { openTestStore, type TestStore } from '../support/open-test-store.ts';
import { type EmoteApiServer, startEmoteApiServer } from '../support/start-emote-api-server.ts';

const bin = new URL('../../bin/streamlens', import.meta.url).pathname;
const cwd = mkdtempSync(join(tmpdir(), 'streamlens-emotes-cli-'));

describeEachBackend('streamlens emotes', (backend) => {
  let t: TestStore;
  let api: EmoteApiServer;
  before(async () => {
    t = await openTestStore(backend);
    await t.store.write({ channels: [makeChannel()] });
    api = await startEmoteApiServer('1001');
  });
  after(async () => {
    await api.stop();
    await t.close();
  });

  /** Runs the CLI without waiting synchronously (the API server lives in this process). */
  const run = async (args: string[]) => {
    const env = {
      PATH: process.env.PATH,
      HOME: cwd,
      NO_COLOR: '1',
      ...('db' in t.configFlags
        ? { STREAMLENS_DB: t.configFlags.db }
        : { STREAMLENS_DATABASE_URL: t.configFlags.databaseUrl }),
      STREAMLENS_EMOTES_7TV_URL: api.urls.sevenTvUrl,
      STREAMLENS_EMOTES_BTTV_URL: api.urls.bttvUrl,
      STREAMLENS_EMOTES_FFZ_URL: api.urls.ffzUrl,
    };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
        cwd,
        env,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('refresh fetches the global sets and the channel named by login, and list shows them', async () => {
    const r = await run(['emotes', 'refresh', '--channel', 'teststreamer']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 6, r.stdout);
    assert.match(r.stdout, /^7tv\s+global\s+2 emotes kept$/m);
    assert.match(r.stdout, /^bttv\s+channel 1001\s+3 emotes kept$/m);
    assert.match(r.stdout, /^ffz\s+channel 1001\s+2 emotes kept$/m);

    const list = await run(['emotes', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^bttv\s+global\s+4 emotes, fetched /m);
    assert.match(list.stdout, /^7tv\s+#teststreamer\s+2 emotes, fetched /m);
  });

  it('a provider that is down is reported; everything down exits 69; an unknown login exits 66', async () => {
    api.failing.add('ffz');
    const some = await run(['emotes', 'refresh', '--channel', '1001']);
    assert.equal(some.code, 0, some.stderr);
    assert.match(some.stdout, /^ffz\s+global\s+failed: GET .* answered 500 .*the emotes kept before stay in use\)$/m);
    api.failing.add('7tv').add('bttv');
    const none = await run(['emotes', 'refresh', '--channel', '1001']);
    assert.equal(none.code, 69, none.stderr);
    assert.match(none.stderr, /no emote set could be fetched/);
    api.failing.clear();
    const unknown = await run(['emotes', 'refresh', '--channel', 'nobodyhere']);
    assert.equal(unknown.code, 66, unknown.stderr);
    assert.match(unknown.stderr, /"nobodyhere" is not recorded yet/);
  });
});
