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

  it('reads true/false, 1/0, yes/no and on/off as booleans, in any case', () => {
    const variables = ['STREAMLENS_TRANSCRIBE', 'STREAMLENS_CATEGORY_POLLING', 'STREAMLENS_AI_REDACT_USERNAMES'];
    const read = (value: string) => {
      const c = loadConfig({ cwd, env: Object.fromEntries(variables.map((name) => [name, value])) });
      return [c.transcription.enabled, c.twitch.categoryPolling, c.ai.redactUsernames];
    };
    for (const value of ['false', 'FALSE', '0', 'no', 'No', 'off', ' off '])
      assert.deepEqual(read(value), [false, false, false], value);
    for (const value of ['true', 'True', '1', 'yes', 'ON']) assert.deepEqual(read(value), [true, true, true], value);
    const file = join(cwd, 'booleans.json');
    writeFileSync(file, JSON.stringify({ transcription: { enabled: false }, ai: { redactUsernames: true } }));
    const c = loadConfig({ cwd, configFile: file, env: {}, flags: { 'twitch.categoryPolling': 'no' } });
    assert.deepEqual([c.transcription.enabled, c.ai.redactUsernames, c.twitch.categoryPolling], [false, true, false]);
  });

  it('refuses a boolean it cannot read, naming the variable and the values allowed', () => {
    for (const value of ['maybe', 'enabled', 'y', '2']) {
      assert.throws(
        () => loadConfig({ cwd, env: { STREAMLENS_TRANSCRIBE: value } }),
        (error: unknown) =>
          error instanceof StreamlensError &&
          error.code === 'CONFIG_INVALID' &&
          /environment variable STREAMLENS_TRANSCRIBE: expected true or false \(also 1\/0, yes\/no, on\/off\)/.test(
            error.message,
          ) &&
          error.message.includes(`"${value}"`),
        value,
      );
    }
    const file = join(cwd, 'bad-boolean.json');
    writeFileSync(file, JSON.stringify({ twitch: { categoryPolling: 1 } }));
    assert.throws(
      () => loadConfig({ cwd, configFile: file, env: {} }),
      /"twitch\.categoryPolling" in .*: expected true or false/,
    );
  });

  it('refuses a number that is empty, blank or not a number instead of reading it as 0', () => {
    const cases: [string, unknown][] = [
      ['web.port', ''],
      ['web.port', '  '],
      ['web.port', null],
      ['web.port', true],
      ['web.port', [8080]],
      ['ingest.batchSize', '0x10'],
      ['ai.timeoutMs', 'Infinity'],
      ['transcription.minConfidence', ''],
    ];
    for (const [path, value] of cases) {
      assert.throws(
        () => loadConfig({ cwd, env: {}, flags: { [path]: value } }),
        (error: unknown) => error instanceof StreamlensError && /expected a number/.test(error.message),
        `${path} = ${JSON.stringify(value)}`,
      );
    }
    const file = join(cwd, 'empty-port.json');
    writeFileSync(file, JSON.stringify({ web: { port: '' } }));
    assert.throws(() => loadConfig({ cwd, configFile: file, env: {} }), /"web\.port" in .*: expected a number/);
    const c = loadConfig({ cwd, env: { STREAMLENS_PORT: ' 8080 ', STREAMLENS_POLL_INTERVAL_SEC: '0.5' } });
    assert.equal(c.web.port, 8080);
    assert.equal(c.twitch.pollIntervalSec, 0.5);
  });

  it('refuses an unknown key in the config file, naming it and the nearest known one', () => {
    const cases: [object, RegExp][] = [
      [{ chanels: ['x'] }, /unknown setting "chanels" in .*unknown-key\.json — did you mean "channels"\?/],
      [{ twitch: { clientid: 'x' } }, /unknown setting "twitch\.clientid" in .* — did you mean "twitch\.clientId"\?/],
      [{ ai: { modle: 'm' } }, /unknown setting "ai\.modle" in .* — did you mean "ai\.model"\?/],
      [{ port: 8080 }, /unknown setting "port" in .* — did you mean "web\.port"\?/],
      [{ twich: { clientId: 'x' } }, /unknown setting "twich" in .* — did you mean "twitch"\?/],
      [{ web: { zzzzzzzz: 1 } }, /unknown setting "web\.zzzzzzzz" in .* — known here: host, port, password/],
    ];
    const file = join(cwd, 'unknown-key.json');
    for (const [content, expected] of cases) {
      writeFileSync(file, JSON.stringify(content));
      assert.throws(
        () => loadConfig({ cwd, configFile: file, env: {} }),
        (error: unknown) =>
          error instanceof StreamlensError && error.code === 'CONFIG_INVALID' && expected.test(error.message),
        JSON.stringify(content),
      );
    }
  });

  it('warns about an unknown STREAMLENS_ variable, with the nearest known name, and runs on', () => {
    const warnings: string[] = [];
    const c = loadConfig({
      cwd,
      env: {
        STREAMLENS_TRANSCRIBES: 'true',
        STREAMLENS_CHANELS: 'a',
        STREAMLENS_ZZZZZZZZZZ: '1',
        STREAMLENS_CONFIG: undefined,
        STREAMLENS_TEST_POSTGRES_URL: 'postgres://x@127.0.0.1/y',
        STREAMLENS_PORT: '1234',
        PATH: '/bin',
      },
      onWarning: (message) => warnings.push(message),
    });
    assert.equal(c.web.port, 1234);
    assert.deepEqual(c.channels, []);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.match(
      warnings[0]!,
      /unknown environment variable STREAMLENS_TRANSCRIBES \(ignored\) — did you mean STREAMLENS_TRANSCRIBE\?/,
    );
    assert.match(warnings[1]!, /STREAMLENS_CHANELS .* did you mean STREAMLENS_CHANNELS\?/);
    assert.match(warnings[2]!, /STREAMLENS_ZZZZZZZZZZ \(ignored\)/);
    assert.doesNotMatch(warnings[2]!, /did you mean/);
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
