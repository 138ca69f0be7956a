import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import {
  clearSecretsForTests,
  createStreamMasker,
  maskSecrets,
  maskSecretsIn,
  registerSecrets,
} from './mask-secrets.ts';

const groq = 'gsk_8fJ2kQ9xLm3NvB7cR1tY5wZ0aD4eH6uP';
const google = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const hex = '3f9a1c7be04d52a8e6f1093cd7b24a5e';

describe('maskSecrets', () => {
  beforeEach(() => clearSecretsForTests());

  it('masks registered values whatever their shape, also URL- and JSON-escaped', () => {
    registerSecrets([groq, google, hex, 'p@ss word/+=1']);
    const text = `key ${groq} or ${google}; hex=${hex}; url ?key=${encodeURIComponent('p@ss word/+=1')} json "${JSON.stringify('p@ss word/+=1').slice(1, -1)}"`;
    const masked = maskSecrets(text);
    for (const secret of [groq, google, hex, 'p@ss word/+=1', encodeURIComponent('p@ss word/+=1')])
      assert.ok(!masked.includes(secret), masked);
    assert.equal(masked, 'key *** or ***; hex=***; url ?key=*** json "***"');
  });

  it('leaves short values alone and masks token shapes nobody registered', () => {
    registerSecrets(['x', 'short', undefined, null]);
    assert.equal(maskSecrets('x marks a short spot'), 'x marks a short spot');
    assert.equal(
      maskSecrets(
        'PASS oauth:abcdefghij12 Authorization: Bearer eyJhbGciOi.xyz sk-proj-1234567890 access_token=zzzzzzzzzz',
      ),
      'PASS oauth:*** Authorization: Bearer *** sk-*** access_token=***',
    );
  });

  it('masks every string of a JSON value, keys included', () => {
    registerSecrets([hex]);
    assert.deepEqual(maskSecretsIn({ a: [`x${hex}`, 1, null], [hex]: { b: hex } }), {
      a: ['x***', 1, null],
      '***': { b: '***' },
    });
  });

  it('masks a secret split across streamed pieces', () => {
    registerSecrets([groq]);
    const masker = createStreamMasker();
    const pieces = ['The key is ', groq.slice(0, 5), groq.slice(5, 20), `${groq.slice(20)} ok`, ' done'];
    const out = pieces.map((p) => masker.push(p)).join('') + masker.flush();
    assert.equal(out, 'The key is *** ok done');
    // Text that only looks like a secret's start is released once it is clearly not one.
    const plain = createStreamMasker();
    assert.equal(plain.push('gs'), '');
    assert.equal(plain.push('t rest'), 'gst rest');
  });

  it('configured keys are registered when the config is read, and the logger masks them', () => {
    const config = loadConfig({
      env: {
        STREAMLENS_AI_API_KEY: groq,
        STREAMLENS_TWITCH_CLIENT_SECRET: hex,
        STREAMLENS_DATABASE_URL: 'postgres://u:db%2Fsecret-pw@db.lan/x',
      },
    });
    assert.equal(config.ai.apiKey, groq);
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => lines.push(line) });
    log.error(`model said: invalid key ${groq}`, { secret: hex, url: 'postgres://u:db%2Fsecret-pw@db.lan/x' });
    assert.equal(lines.length, 1);
    for (const secret of [groq, hex, 'db/secret-pw', 'db%2Fsecret-pw'])
      assert.ok(!lines[0]!.includes(secret), lines[0]);
  });

  it('webhook URLs are secrets: their token parts are masked, whole or alone', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'streamlens-mask-'));
    const discordToken = 'Zx9-kq_81bVtLmNo2PqRsTuVw';
    const jsonKey = 'a1b2c3d4e5f6a7b8';
    const file = join(cwd, 'streamlens.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        notifications: {
          targets: [
            { kind: 'discord', url: `https://discord.com/api/webhooks/123456789/${discordToken}` },
            { kind: 'json', url: `https://hooks.example.net/in/${jsonKey}?sig=${jsonKey}x` },
          ],
        },
      }),
    );
    loadConfig({ cwd, configFile: file, env: {} });
    const masked = maskSecrets(
      `POST https://discord.com/api/webhooks/123456789/${discordToken} failed; token ${discordToken}; json key ${jsonKey}`,
    );
    for (const secret of [discordToken, jsonKey]) assert.ok(!masked.includes(secret), masked);
    assert.equal(masked, 'POST *** failed; token ***; json key ***');
  });
});
