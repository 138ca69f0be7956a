import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildWorld } from '../scenario/build-world.ts';
import { parseScenario } from '../scenario/load-scenario.ts';
import { getViewerCount, raidShareWatching } from './viewer-count.ts';

describe('a raid with partial retention (scenarios/raid-retention.json)', () => {
  const scenario = parseScenario(
    JSON.parse(readFileSync(new URL('../../../scenarios/raid-retention.json', import.meta.url), 'utf8')),
  );
  const startAt = Date.parse('2026-11-02T19:00:00Z');
  const world = buildWorld(scenario, startAt);
  const channel = world.channels.find((c) => c.login === 'cozyfox')!;
  const stream = channel.streams[0]!;
  const at = (minute: number) => getViewerCount(scenario.seed, channel, stream, stream.startAt + minute * 60_000);

  it('keeps all raiders at first, then lets 90 % of them leave over 20 minutes', () => {
    assert.ok(Math.abs(at(29) - 80) <= 3, `before ${at(29)}`);
    assert.ok(Math.abs(at(30) - 140) <= 4, `at the raid ${at(30)}`);
    // 10 minutes on: 60 × (1 − 0.9 × 0.5) = 33 stay.
    assert.ok(Math.abs(at(40) - 113) <= 4, `10 min later ${at(40)}`);
    // 30 minutes on: 6 stay.
    assert.ok(Math.abs(at(60) - 86) <= 3, `30 min later ${at(60)}`);
  });

  it('defaults to every raider staying', () => {
    assert.equal(raidShareWatching({}, 3_600_000), 1);
    assert.equal(raidShareWatching({ stay: 0.5, duration: 600_000 }, 300_000), 0.75);
  });
});
