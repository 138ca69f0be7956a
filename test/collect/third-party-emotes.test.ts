// Third-party emotes end to end: the simulator serves 7TV, BetterTTV and FrankerFaceZ on loopback in their real
// shapes, the collecting app fetches the global and channel sets at start and keeps them, and the stream's emote
// statistics count every emote the simulator's chat used under the provider whose set lists it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getEmoteUsage, getKeptEmoteSets } from '../../src/analytics/index.ts';
import { simGlobalEmoteNames } from '../../src/sim/emotes/sim-emote-sets.ts';
import { buildWorld } from '../../src/sim/scenario/build-world.ts';
import { planChannelTimeline } from '../../src/sim/timeline/plan-timeline.ts';
import { makeBusyChannel, startCollectedRun } from '../support/start-collected-run.ts';
import { waitFor } from '../support/wait-for.ts';

test('emotes of the simulated 7TV, BTTV and FFZ sets are counted by provider after a collected stream', async () => {
  const channel = makeBusyChannel('emotey', '1001', { at: '30s', duration: '3m' });
  channel.chat = {
    ...channel.chat,
    emotes: [
      { name: 'Kappa', id: '25' },
      { name: 'LUL', id: '425618' },
      { name: 'KEKW', provider: '7tv' },
      { name: 'catJAM', provider: '7tv' },
      { name: 'pepeD', provider: 'bttv' },
      { name: 'OMEGALUL', provider: 'ffz' },
      { name: 'LULW', provider: 'ffz' },
      { name: 'monkaS' },
      { name: 'EZ' },
    ],
    laughter: ['KEKW', 'OMEGALUL OMEGALUL', 'LUL', 'haha'],
  };
  const run = await startCollectedRun({ seed: 15, channels: [channel] }, { speed: 20 });
  try {
    await run.runToEnd();
    // The first refresh runs a few seconds after start (never during connecting and joining): wait for it.
    const sets = await waitFor(
      async () => {
        const kept = await getKeptEmoteSets(run.store);
        return kept.length === 6 && kept;
      },
      {
        what: 'the global and channel emote sets to be kept',
        timeoutMs: 30_000,
        detail: () => getKeptEmoteSets(run.store),
      },
    );
    assert.deepEqual(
      sets.map((s) => `${s.provider}:${s.channelId || 'global'}:${s.emotes}`),
      [
        `7tv:global:${simGlobalEmoteNames['7tv'].length}`,
        `bttv:global:${simGlobalEmoteNames.bttv.length}`,
        `ffz:global:${simGlobalEmoteNames.ffz.length}`,
        '7tv:1001:2',
        'bttv:1001:1',
        'ffz:1001:2',
      ],
    );

    const stream = await run.store.get<{ id: string; started_at: number; ended_at: number }>(
      'SELECT id, started_at, ended_at FROM streams WHERE channel_id = ?',
      ['1001'],
    );
    assert.ok(stream, 'the stream was recorded');
    // The stream's chat: its messages within its span (the poller may see the end a moment after the last line).
    const stored = new Set(
      (
        await run.store.all<{ id: string }>(
          'SELECT id FROM chat_messages WHERE stream_id = ? AND ts >= ? AND ts <= ?',
          [stream.id, stream.started_at, stream.ended_at],
        )
      ).map((r) => r.id),
    );
    // What the simulator planned to send, counted here by the scenario's own declarations.
    const providerOf = new Map<string, string>();
    for (const provider of ['ffz', 'bttv', '7tv'] as const)
      for (const name of simGlobalEmoteNames[provider]) providerOf.set(name, provider);
    for (const e of channel.chat.emotes ?? []) if (e.provider) providerOf.set(e.name, e.provider);
    const expected: Record<string, number> = {};
    const world = buildWorld(run.scenario, run.startAt);
    for (const event of planChannelTimeline(world, world.channels[0]!)) {
      if (event.kind !== 'chat' || !stored.has(event.line.id)) continue;
      const native = new Set(event.line.emotes.map((e) => e.start));
      let position = 0;
      for (const word of event.line.text.split(' ')) {
        const provider = native.has(position) ? 'twitch' : providerOf.get(word);
        if (provider) expected[provider] = (expected[provider] ?? 0) + 1;
        position += [...word].length + 1;
      }
    }
    assert.ok(expected['7tv'] && expected.bttv && expected.ffz && expected.twitch, JSON.stringify(expected));

    const usage = await getEmoteUsage(run.store, stream.id, { limit: 100 });
    assert.ok(usage && !('status' in usage));
    assert.deepEqual(Object.fromEntries(usage.byProvider.map((p) => [p.provider, p.uses])), expected);
    assert.equal(usage.emotes.find((e) => e.name === 'monkaS')?.provider, 'bttv', 'a global BTTV emote');
    assert.equal(usage.emotes.find((e) => e.name === 'EZ')?.provider, '7tv', 'a global 7TV emote');
  } finally {
    await run.stop();
  }
});
