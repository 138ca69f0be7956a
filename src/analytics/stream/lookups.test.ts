import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeStream } from '../../../test/support/make-records.ts';
import {
  type AnalyticsFixture,
  CH,
  MIN,
  mainStart,
  openAnalyticsFixture,
} from '../../../test/support/open-analytics-fixture.ts';
import { findMainChannelId } from '../channel/find-main-channel.ts';
import { listChannels } from '../channel/list-channels.ts';
import { resolveChannelId } from '../channel/resolve-channel-id.ts';
import { getChatterProfile } from '../community/get-chatter-profile.ts';
import { getTimelineWindow } from '../timeline/get-timeline-window.ts';
import { findStream } from './find-stream.ts';
import { getLatestStream } from './get-latest-stream.ts';
import { listStreams } from './list-streams.ts';

const DAY = 86_400_000;

describeEachBackend('lookups', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('lists channels and streams with filters', async () => {
    const channels = await listChannels(fx.store);
    assert.deepEqual(
      channels.map((c) => [c.login, c.streams]),
      [
        ['quiet', 1],
        ['smallstreamer', 8],
      ],
    );
    const chess = await listStreams(fx.store, { channelId: CH, category: 'chess', sort: 'oldest', limit: 10 });
    assert.deepEqual(
      chess.map((s) => s.id),
      ['s-fri-3', 's-fri-2', 's-fri-1', 's-after'],
    );
  });

  it('picks the main channel: the first configured one recorded, else the one with the most streams', async () => {
    assert.equal(await findMainChannelId(fx.store), CH);
    assert.equal(await findMainChannelId(fx.store, ['quiet']), '2002');
    assert.equal(await findMainChannelId(fx.store, ['notrecorded', '@QUIET']), '2002');
    assert.equal(await findMainChannelId(fx.store, ['notrecorded']), CH);
    assert.equal(await resolveChannelId(fx.store, undefined, ['quiet']), '2002');
  });

  it('resolves a named channel by id or login, and says which ones exist when it is unknown', async () => {
    assert.equal(await resolveChannelId(fx.store, '@SmallStreamer', ['quiet']), CH);
    assert.equal(await resolveChannelId(fx.store, '2002'), '2002');
    await assert.rejects(resolveChannelId(fx.store, 'nobody'), {
      code: 'NOT_FOUND',
      message: 'channel "nobody" is not recorded',
      hint: 'recorded channels: quiet, smallstreamer',
    });
  });

  it('finds the latest stream and streams by prefix', async () => {
    assert.equal((await getLatestStream(fx.store, CH))?.id, 's-after');
    assert.equal((await findStream(fx.store, 's-ma'))?.id, 's-main');
    assert.equal(await findStream(fx.store, 'zzz'), undefined);
    await assert.rejects(findStream(fx.store, 's-fri'), /matches 3 streams/);
  });

  it('profiles a chatter', async () => {
    const p = await getChatterProfile(fx.store, CH, '@Newbie1');
    assert.ok(p);
    assert.equal(p.streamsAttended, 2);
    assert.equal(p.recentMessages[0]!.text, 'back again, loved last stream');
    assert.equal(await getChatterProfile(fx.store, CH, 'nobody'), null);
  });

  it('shows what happened in a window', async () => {
    const w = await getTimelineWindow(fx.store, 's-main', 89 * MIN, 91 * MIN);
    assert.ok(w);
    assert.deepEqual(
      w.events.map((e) => e.kind),
      ['raid-in'],
    );
    assert.deepEqual(
      w.transcript.map((t) => t.text),
      ['welcome raiders from bigfriend'],
    );
    assert.deepEqual(
      w.viewers.map((v) => v.viewers),
      [6, 6, 25],
    );
  });

  it('matches a category in any case, accented letters too', async () => {
    await fx.store.write({
      streams: [
        makeStream({ id: 's-poke', channelId: '2002', startedAt: mainStart + DAY, gameName: 'Pokémon Legends: Z-A' }),
      ],
    });
    for (const category of ['Pokémon Legends: Z-A', 'pokémon legends: z-a', 'POKÉMON LEGENDS: Z-A'])
      assert.deepEqual(
        (await listStreams(fx.store, { category })).map((s) => s.id),
        ['s-poke'],
        category,
      );
    assert.deepEqual(await listStreams(fx.store, { category: 'Pokemon Legends: Z-A' }), [], 'accents still count');
  });
});
