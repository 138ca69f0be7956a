// The planted raid of scenarios/raid-retention.json collected through the real simulator and collectors: the
// raid's retention comes out as planted, and the stream got its VOD while live.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { getRaidEffects } from '../../src/analytics/index.ts';
import { startCollectedRun } from '../support/start-collected-run.ts';

test('a 60-viewer raid of which 10 % stay: 33 kept after 10 minutes, 6 after 30, VOD link at the raid', async () => {
  const scenario = JSON.parse(readFileSync(new URL('../../scenarios/raid-retention.json', import.meta.url), 'utf8'));
  const run = await startCollectedRun(scenario, { speed: 600 });
  try {
    await run.runToEnd();
    const stream = await run.store.get<{ id: string; vod_id: string | null }>(
      "SELECT id, vod_id FROM streams WHERE channel_id = '51000001'",
    );
    assert.ok(stream?.vod_id, 'the VOD was found');
    const effects = await getRaidEffects(run.store, stream.id);
    assert.ok(effects && !('status' in effects));
    assert.equal(effects.raids.length, 1, JSON.stringify(effects.raids));
    const raid = effects.raids[0]!;
    assert.equal(raid.raiderLogin, 'bigbear', JSON.stringify(raid));
    assert.equal(raid.raidSize, 60, JSON.stringify(raid));
    assert.ok(Math.abs(raid.viewersBefore! - 80) <= 4, `before ${raid.viewersBefore}`);
    assert.ok(Math.abs(raid.after10!.retained - 33) <= 6, `after 10: ${JSON.stringify(raid.after10)}`);
    assert.ok(Math.abs(raid.after30!.retained - 6) <= 5, `after 30: ${JSON.stringify(raid.after30)}`);
    assert.equal(raid.raiderRule, 'raider-channel', JSON.stringify(raid));
    assert.match(raid.vodUrl ?? '', new RegExp(`^https://www\\.twitch\\.tv/videos/${stream.vod_id}\\?t=0h29m`));
  } finally {
    await run.stop();
  }
});
