import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTestChannel } from '../../../test/support/make-test-scenario.ts';
import { isStreamlensError } from '../../errors.ts';
import { defaultScenarioPath, loadScenario, parseScenario } from './load-scenario.ts';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(isStreamlensError(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    return error.message;
  }
  assert.fail('expected CONFIG_INVALID');
}

test('the shipped scenarios load and parse their durations', () => {
  const scenario = loadScenario(defaultScenarioPath());
  assert.equal(scenario.channels[0]?.login, 'cozyforge');
  assert.equal(scenario.channels[0]?.streams[0]?.duration, 7_200_000);
  for (const name of ['faults.json', 'scale.json']) loadScenario(join(defaultScenarioPath(), '..', name));
});

test('a bad field is named by its path', () => {
  const channel = makeTestChannel('alpha', '1001');
  const stream = { ...channel.streams![0]!, duration: 'forever' };
  const message = messageOf(() => parseScenario({ channels: [{ ...channel, streams: [stream] }] }, 'x.json'));
  assert.match(message, /invalid scenario x\.json/);
  assert.match(message, /channels\[0\]\.streams\[0\]\.duration: "forever" is not a duration/);
});

test('logins, ids, overlapping streams and unknown event types are refused', () => {
  assert.match(
    messageOf(() => parseScenario({ channels: [makeTestChannel('Bad Login', '1')] })),
    /channels\[0\]\.login/,
  );
  assert.match(
    messageOf(() => parseScenario({ channels: [makeTestChannel('a', 'x1')] })),
    /channels\[0\]\.id/,
  );
  const twice = [makeTestChannel('a', '1'), makeTestChannel('a', '2')];
  assert.match(
    messageOf(() => parseScenario({ channels: twice })),
    /"a" appears twice/,
  );
  const s = makeTestChannel('a', '1').streams![0]!;
  const overlap = makeTestChannel('a', '1', { streams: [s, { ...s, at: '5m' }] });
  assert.match(
    messageOf(() => parseScenario({ channels: [overlap] })),
    /overlap/,
  );
  const badEvent = makeTestChannel('a', '1', {
    streams: [{ ...s, events: [{ at: '1m', type: 'party' as 'follow' }] }],
  });
  assert.match(
    messageOf(() => parseScenario({ channels: [badEvent] })),
    /channels\[0\]\.streams\[0\]\.events\[0\]\.type/,
  );
  assert.match(
    messageOf(() => parseScenario({})),
    /at least one channel/,
  );
});

test('an unreadable or non-JSON file says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-scenario-'));
  writeFileSync(join(dir, 'broken.json'), '{ nope');
  assert.match(
    messageOf(() => loadScenario(join(dir, 'broken.json'))),
    /not valid JSON/,
  );
  assert.match(
    messageOf(() => loadScenario(join(dir, 'missing.json'))),
    /cannot read scenario file/,
  );
});
