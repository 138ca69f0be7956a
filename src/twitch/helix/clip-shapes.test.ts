// Get Clips answers as captured (the docs example, a peer library's mock) parse into domain clips, and the
// simulator's Get Clips answers carry every field of the docs example.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { makeTestScenario } from '../../../test/support/make-test-scenario.ts';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { silentLogger } from '../../log.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { createHelixApi } from './helix-api.ts';
import { createHelixClient } from './helix-client.ts';
import { helixClipSchema, pageOf } from './helix-schemas.ts';
import { toClip } from './to-domain.ts';

const docs = JSON.parse(readTwitchFixture('helix/get-clips.docs.json'));

it('parses the documented Get Clips answer and an older one without is_featured', () => {
  const [clip] = pageOf(helixClipSchema).parse(docs).data;
  assert.deepEqual(toClip(clip!), {
    id: 'AwkwardHelplessSalamanderSwiftRage',
    channelId: '67955580',
    url: 'https://clips.twitch.tv/AwkwardHelplessSalamanderSwiftRage',
    embedUrl: 'https://clips.twitch.tv/embed?clip=AwkwardHelplessSalamanderSwiftRage',
    creatorId: '53834192',
    creatorName: 'BlackNova03',
    videoId: '205586603',
    gameId: '488191',
    title: 'babymetal',
    viewCount: 10,
    createdAt: Date.parse('2017-11-30T22:34:18Z'),
    thumbnailUrl: 'https://clips-media-assets.twitch.tv/157589949-preview-480x272.jpg',
    durationSec: 60,
    vodOffsetSec: 480,
    isFeatured: false,
  });
  const [older] = pageOf(helixClipSchema).parse(JSON.parse(readTwitchFixture('helix/get-clips.nicklaw5.json'))).data;
  assert.equal(toClip(older!)?.durationSec, 22.3);
  assert.equal(toClip(older!)?.isFeatured, false);
});

let sim: RunningSimulator;
before(async () => {
  // The first channel goes live at once and has a moment a minute in, which its viewers clip.
  const scenario = makeTestScenario();
  scenario.channels[0]!.streams[0]!.moments.push({
    at: 60_000,
    duration: 30_000,
    label: 'wow',
    messagesPerMinute: 60,
    emotes: ['Kappa'],
    lines: [],
  });
  sim = await startSimulator({ scenario, speed: 600 });
});
after(() => sim.stop());

it('the simulator lists its viewers’ clips with every field of the docs, and Create Clip needs clips:edit', async () => {
  const user = sim.issueUserToken('alpha', ['clips:edit']);
  const client = (token: string) =>
    createHelixApi(
      createHelixClient({
        helixUrl: sim.urls.helixUrl,
        clientId: sim.credentials.clientId,
        token: { getToken: async () => token, invalidate: () => {} },
        log: silentLogger,
        retryBaseMs: 1,
      }),
    );
  const helix = client(user.accessToken);
  const deadline = Date.now() + 20_000;
  let clips: Awaited<ReturnType<typeof helix.getClips>> = [];
  while (clips.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    clips = await helix.getClips({ broadcasterId: '1001', startedAt: 0, endedAt: sim.clock.now() + 60_000 });
  }
  assert.ok(clips.length > 0, 'the viewers clipped the moment');
  const raw = (await (
    await fetch(`${sim.urls.helixUrl}/clips?broadcaster_id=1001`, {
      headers: { 'Client-Id': sim.credentials.clientId, Authorization: `Bearer ${user.accessToken}` },
    })
  ).json()) as { data: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(raw.data[0]!).sort(), Object.keys(docs.data[0]).sort());
  const created = await helix.createClip('1001');
  assert.match(created.edit_url, new RegExp(`^https://clips\\.twitch\\.tv/${created.id}/edit$`));
  const without = client(sim.issueUserToken('alpha', []).accessToken);
  await assert.rejects(without.createClip('1001'), { status: 401 });
});
