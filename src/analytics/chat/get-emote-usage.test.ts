import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { baseTs, makeChannel, makeChatMessage, makeStream } from '../../../test/support/make-records.ts';
import { openTestStore, type TestStore } from '../../../test/support/open-test-store.ts';
import { startEmoteApiServer } from '../../../test/support/start-emote-api-server.ts';
import { refreshEmoteSets } from '../../emotes/refresh-emote-sets.ts';
import { getEmoteUsage } from './get-emote-usage.ts';
import { getStreamHighlights } from './get-stream-highlights.ts';

const MIN = 60_000;

describeEachBackend('emote usage by provider from the kept sets', (backend) => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore(backend);
    // The sets are fetched once; the API is gone afterwards: everything below runs on what was kept.
    const api = await startEmoteApiServer('1001');
    await refreshEmoteSets({ store: t.store, urls: api.urls, channelIds: ['1001'] });
    await api.stop();
    const lines: [string, { id: string; start: number; end: number }[]?][] = [
      ['KEKW KEKW catDance'],
      ['LUL that was funny', [{ id: '425618', start: 0, end: 2 }]],
      ['OMEGALUL LULW'],
      ['pepeD monkaS'],
      ['kekw is not an emote in lowercase'],
      ['EZ Clap'],
      ['catJAM is only an alias here'],
    ];
    await t.store.write({
      channels: [makeChannel(), makeChannel({ id: '1002', login: 'nosets' })],
      streams: [
        makeStream({ endedAt: baseTs + 30 * MIN }),
        makeStream({ id: 's2', channelId: '1002', endedAt: baseTs + 30 * MIN }),
      ],
      chatMessages: [
        ...lines.map(([text, emotes], i) => makeChatMessage({ ts: baseTs + i * 1000, text, emotes: emotes ?? [] })),
        makeChatMessage({ channelId: '1002', streamId: 's2', text: 'KEKW monkaS pepeD' }),
      ],
    });
  });
  after(() => t.close());

  it('counts Twitch, 7TV, BTTV and FFZ emotes by exact case-sensitive words; a channel emote wins over others', async () => {
    const usage = await getEmoteUsage(t.store, 's1');
    assert.ok(usage && !('status' in usage));
    assert.deepEqual(usage.byProvider, [
      { provider: 'twitch', uses: 1, distinct: 1 },
      { provider: '7tv', uses: 5, distinct: 4 },
      { provider: 'bttv', uses: 2, distinct: 2 },
      { provider: 'ffz', uses: 2, distinct: 2 },
    ]);
    const byName = Object.fromEntries(usage.emotes.map((e) => [e.name, [e.provider, e.count, e.messages]]));
    // KEKW is in the channel's 7TV set and shared to it on BTTV: 7TV's, as chat clients show it.
    assert.deepEqual(byName.KEKW, ['7tv', 2, 1]);
    assert.deepEqual(byName.catDance, ['7tv', 1, 1]);
    assert.deepEqual(byName.LUL, ['twitch', 1, 1]);
    assert.deepEqual(byName.monkaS, ['bttv', 1, 1], 'a global BTTV emote');
    assert.deepEqual(byName.OMEGALUL, ['ffz', 1, 1]);
    assert.equal(byName.kekw, undefined, 'lowercase is text');
    assert.equal(byName.catJAM, undefined, "7TV's emote name is not what chat types when the set renames it");
    assert.equal(usage.emotes.find((e) => e.name === 'EZ')?.source, 'third-party');
  });

  it('a channel with no set of its own: global emotes by provider, well-known names as unknown', async () => {
    const usage = await getEmoteUsage(t.store, 's2');
    assert.ok(usage && !('status' in usage));
    assert.deepEqual(
      usage.emotes.map((e) => [e.name, e.provider]),
      [
        ['KEKW', 'unknown'],
        ['monkaS', 'bttv'],
        // Another channel's BTTV emote is not this channel's: only its well-known name counts.
        ['pepeD', 'unknown'],
      ],
    );
    assert.match(usage.evidence.note ?? '', /no third-party set of this channel was kept/);
  });

  it('highlights read channel emotes as emotes (laughter), never as words', async () => {
    const burst = Array.from({ length: 40 }, (_, i) =>
      makeChatMessage({
        channelId: '1002',
        streamId: 's3',
        ts: baseTs + 20 * MIN + i * 1000,
        userLogin: `v${i}`,
        text: i % 2 ? 'OMEGALUL OMEGALUL' : 'LULW dying',
      }),
    );
    const quiet = Array.from({ length: 19 }, (_, m) =>
      makeChatMessage({ channelId: '1002', streamId: 's3', ts: baseTs + m * MIN, text: 'hello there' }),
    );
    await t.store.write({
      streams: [makeStream({ id: 's3', channelId: '1002', endedAt: baseTs + 30 * MIN })],
      chatMessages: [...quiet, ...burst],
    });
    // 1002 gets an FFZ set of its own: OMEGALUL and LULW are its emotes from now on.
    await t.store.emotes.upsert([
      { provider: 'ffz', channelId: '1002', emoteId: '128054', name: 'OMEGALUL', fetchedAt: baseTs },
      { provider: 'ffz', channelId: '1002', emoteId: '229760', name: 'LULW', fetchedAt: baseTs },
    ]);
    const h = await getStreamHighlights(t.store, 's3');
    assert.ok(h && !('status' in h));
    const top = h.highlights[0]!;
    assert.ok(top, 'the burst is a highlight');
    assert.deepEqual(top.kinds, ['chat-spike', 'emote-burst', 'laughter']);
    assert.deepEqual(
      top.topEmotes.map((e) => e.token),
      ['OMEGALUL', 'LULW'],
    );
    assert.ok(!top.topWords.some((w) => w.token === 'omegalul' || w.token === 'lulw'), JSON.stringify(top.topWords));
    assert.deepEqual(
      top.topWords.map((w) => w.token),
      ['dying'],
    );
  });
});
