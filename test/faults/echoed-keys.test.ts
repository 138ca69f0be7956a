// A model server that echoes secrets back — in an error, in its streamed answer (split across chunks), in SQL it
// asks to run — must not get any of them out: not in the log, the SSE events, the stored conversation, the
// conversation API, the tool results sent back to the model, nor the CLI. The keys have the shapes real ones
// have (`gsk_…`, `AIza…`, hex), none of them `sk-…`, so only the configured values themselves can catch them.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAgent } from '../../src/agent/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { writeTokenFile } from '../../src/twitch/auth/token-file.ts';
import { openWebFixture } from '../support/open-web-fixture.ts';
import { type FakeReply, startFakeOpenAI } from '../support/start-fake-openai.ts';

const bin = fileURLToPath(new URL('../../bin/streamlens', import.meta.url));
const aiKey = 'gsk_8fJ2kQ9xLm3NvB7cR1tY5wZ0aD4eH6uPqW';
const clientSecret = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const webPassword = '3f9a1c7be04d52a8e6f1093cd7b24a5e';
const accessToken = 'c0ffee1234567890abcdef1234567890';
const refreshToken = 'feedface0987654321fedcba09876543';
const secrets = [aiKey, clientSecret, webPassword, accessToken, refreshToken];

function findSecrets(where: string, text: string): string[] {
  return secrets.filter((s) => text.includes(s)).map((s) => `${where} holds ${s.slice(0, 6)}…`);
}

/** What the fake model says: each question's replies in turn (the run_sql question takes two requests). */
const script: FakeReply[] = [
  // 1. An answer that recites the key and the client secret, cut into pieces across chunks.
  { text: `Your key is ${aiKey} and the app secret is ${clientSecret}; the password is ${webPassword}.` },
  // 2. An error that echoes the key, as some providers do.
  { status: 401, body: { error: { message: `Invalid API Key: ${aiKey}`, type: 'invalid_request_error' } } },
  // 3. SQL that selects a token, then an answer quoting the tool result.
  { toolCalls: [{ name: 'run_sql', arguments: JSON.stringify({ sql: `SELECT '${accessToken}' AS token` }) }] },
  { text: `The token is ${accessToken}, refresh ${refreshToken}.` },
];

test('secrets a model server echoes never leave: log, SSE, stored conversation, API, tool results, CLI', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-echo-'));
  const fake = await startFakeOpenAI(script);
  const fixture = await openWebFixture();
  try {
    await writeTokenFile(join(dir, 'twitch-token.json'), {
      accessToken,
      refreshToken,
      expiresAt: null,
      scopes: [],
      login: 'owner',
      userId: '1',
      clientId: 'client',
    });
    const config = loadConfig({
      cwd: dir,
      env: {
        STREAMLENS_DATA_DIR: dir,
        STREAMLENS_AI_BASE_URL: fake.baseUrl,
        STREAMLENS_AI_MODEL: 'echo',
        STREAMLENS_AI_API_KEY: aiKey,
        STREAMLENS_TWITCH_CLIENT_ID: 'client',
        STREAMLENS_TWITCH_CLIENT_SECRET: clientSecret,
        STREAMLENS_WEB_PASSWORD: webPassword,
      },
    });
    const logLines: string[] = [];
    const log = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
    const agent = createAgent({ store: fixture.store, config, log });
    fixture.web.deps.agent = agent;

    const leaks: string[] = [];
    const sse: string[] = [];
    const session = await fixture.web.app.request('/api/session');
    const csrf = /sl_csrf=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
    for (const question of ['what is my key?', 'try again', 'what is my Twitch token?']) {
      const response = await fixture.web.app.request('/api/agent/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `sl_csrf=${csrf}` },
        body: JSON.stringify({ question }),
      });
      sse.push(await response.text());
    }
    const body = sse.join('\n');
    leaks.push(...findSecrets('the SSE events', body));
    assert.equal((sse[1]!.match(/^event: error$/gm) ?? []).length, 1, 'the failed answer says so once');
    assert.match(sse[1]!, /Invalid API Key|API key was rejected/);
    assert.match(sse[0]!, /Your key is \*\*\*/);

    const rows = await fixture.store.all<{ content: string }>('SELECT content FROM agent_messages');
    leaks.push(...findSecrets('agent_messages', rows.map((r) => r.content).join('\n')));
    for (const { id } of await agent.listConversations()) {
      const response = await fixture.web.app.request(`/api/agent/conversations/${id}`);
      leaks.push(...findSecrets('GET /api/agent/conversations/:id', await response.text()));
    }
    // The tool results went back to the model masked (the model's own tool call, which it wrote, is its own).
    const toolMessages = fake.requests.flatMap((r) =>
      (r.body.messages as { role: string; content: string }[]).filter((m) => m.role === 'tool'),
    );
    assert.ok(toolMessages.length > 0, 'the run_sql result went back to the model');
    leaks.push(...findSecrets('the tool results sent to the model', JSON.stringify(toolMessages)));
    leaks.push(...findSecrets('the log', logLines.join('\n')));

    // The CLI, as a user runs it: an echoed key in an error and in an answer.
    const cliFake = await startFakeOpenAI([
      { status: 401, body: { error: { message: `Invalid API Key: ${aiKey}` } } },
      { text: `Sure: ${aiKey} / ${accessToken}` },
    ]);
    try {
      const db = join(dir, 'cli.db');
      writeFileSync(join(dir, 'streamlens.config.json'), '{}');
      const env = {
        PATH: process.env.PATH,
        HOME: dir,
        STREAMLENS_DATA_DIR: dir,
        STREAMLENS_DB: db,
        STREAMLENS_AI_BASE_URL: cliFake.baseUrl,
        STREAMLENS_AI_MODEL: 'echo',
        STREAMLENS_AI_API_KEY: aiKey,
      };
      await promisify(execFile)(process.execPath, [bin, 'db', 'migrate'], { cwd: dir, env });
      for (const question of ['key?', 'key again?']) {
        const outcome = await promisify(execFile)(process.execPath, [bin, 'ask', question], { cwd: dir, env }).then(
          (r) => r,
          (error: { stdout: string; stderr: string }) => error,
        );
        leaks.push(...findSecrets(`streamlens ask "${question}"`, outcome.stdout + outcome.stderr));
      }
    } finally {
      await cliFake.close();
    }
    t.diagnostic(`echoed keys: ${leaks.length} leaks in ${sse.length} answers, the log, storage, the API and the CLI`);
    assert.deepEqual(leaks, []);
  } finally {
    await fixture.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
