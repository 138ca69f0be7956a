import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, redactConfig } from './config.ts';
import { StreamlensError } from './errors.ts';

describe('loadConfig', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'streamlens-config-'));

  it('uses defaults with nothing set', () => {
    const c = loadConfig({ cwd, env: {} });
    assert.equal(c.db, join(cwd, 'data', 'streamlens.db'));
    assert.equal(c.web.host, '127.0.0.1');
    assert.equal(c.web.port, 7420);
    assert.equal(c.twitch.helixUrl, 'https://api.twitch.tv/helix');
    assert.deepEqual(c.channels, []);
  });

  it('layers file < environment < flags, and freezes the result', () => {
    const file = join(cwd, 'layered.json');
    writeFileSync(file, JSON.stringify({ channels: ['FromFile'], web: { port: 1111 }, ai: { model: 'm1' } }));
    const c = loadConfig({
      cwd,
      configFile: file,
      env: { STREAMLENS_PORT: '2222', STREAMLENS_CHANNELS: '#one, two', STREAMLENS_DB: 'x.db' },
      flags: { 'web.port': '3333', db: undefined },
    });
    assert.equal(c.web.port, 3333);
    assert.deepEqual(c.channels, ['one', 'two']);
    assert.equal(c.ai.model, 'm1');
    assert.equal(c.db, join(cwd, 'x.db'));
    assert.throws(() => {
      (c.web as { port: number }).port = 1;
    }, TypeError);
  });

  it('names every bad value with where it came from', () => {
    const file = join(cwd, 'bad.json');
    writeFileSync(file, JSON.stringify({ channels: ['no spaces allowed'] }));
    try {
      loadConfig({ cwd, configFile: file, env: { STREAMLENS_PORT: 'seventy', STREAMLENS_DATABASE_URL: 'mysql://x' } });
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof StreamlensError);
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.match(error.message, /environment variable STREAMLENS_PORT/);
      assert.match(error.message, /environment variable STREAMLENS_DATABASE_URL: must start with postgres/);
      assert.match(error.message, /"channels.0" in .*bad\.json/);
    }
  });

  it('rejects a config file that is not JSON, saying how to fix it', () => {
    const file = join(cwd, 'broken.json');
    writeFileSync(file, '{ channels: [');
    assert.throws(() => loadConfig({ cwd, configFile: file, env: {} }), /not valid JSON/);
    assert.throws(() => loadConfig({ cwd, configFile: join(cwd, 'missing.json'), env: {} }), /cannot read config file/);
  });

  it('redacts secrets for logs and browsers', () => {
    const c = loadConfig({
      cwd,
      env: {
        STREAMLENS_TWITCH_CLIENT_SECRET: 'supersecret',
        STREAMLENS_AI_API_KEY: 'sk-abcdefghijkl',
        STREAMLENS_DATABASE_URL: 'postgres://u:pw@127.0.0.1/db',
      },
    });
    const text = JSON.stringify(redactConfig(c));
    assert.doesNotMatch(text, /supersecret|sk-abcdefghijkl|:pw@/);
    assert.match(text, /•/);
  });
});
