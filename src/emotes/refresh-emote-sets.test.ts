import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../test/support/describe-each-backend.ts';
import { openTestStore, type TestStore } from '../../test/support/open-test-store.ts';
import { type EmoteApiServer, startEmoteApiServer } from '../../test/support/start-emote-api-server.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import { getKeptEmoteSets } from '../analytics/index.ts';
import { createLogger } from '../log.ts';
import { fetchBttvChannelEmotes } from './bttv-client.ts';
import { fetchFfzGlobalEmotes } from './ffz-client.ts';
import { refreshEmoteSets } from './refresh-emote-sets.ts';
import { fetchSevenTvChannelEmotes } from './seventv-client.ts';
import { startEmoteRefresh } from './start-emote-refresh.ts';

let api: EmoteApiServer;
before(async () => {
  api = await startEmoteApiServer('1001');
});
after(() => api.stop());

it("reads each provider's real shape: 7TV's active name (an alias), BTTV's own and shared, FFZ's default sets only", async () => {
  const seventv = await fetchSevenTvChannelEmotes(api.urls.sevenTvUrl, '1001');
  assert.deepEqual(seventv, [
    { emoteId: '60ae7316f7c927fad14e6ca2', name: 'KEKW' },
    { emoteId: '60abf171870d317bef23d399', name: 'catDance' },
  ]);
  const bttv = await fetchBttvChannelEmotes(api.urls.bttvUrl, '1001');
  assert.deepEqual(
    bttv?.map((e) => e.name),
    ['pepeD', 'PepeLaugh', 'KEKW'],
  );
  const ffz = await fetchFfzGlobalEmotes(api.urls.ffzUrl);
  assert.deepEqual(ffz, [
    { emoteId: '25927', name: 'CatBag' },
    { emoteId: '9', name: 'ZreknarF' },
  ]);
  assert.equal(await fetchSevenTvChannelEmotes(api.urls.sevenTvUrl, '999'), null, '404: no 7TV account');
});

describeEachBackend('refreshEmoteSets', (backend) => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore(backend);
  });
  after(() => t.close());

  it('keeps the global sets and the channel sets; a channel without sets is "none"; a re-run stores nothing new', async () => {
    const outcomes = await refreshEmoteSets({
      store: t.store,
      urls: api.urls,
      channelIds: ['1001', '555'],
      now: () => 1_000,
    });
    const summary = outcomes.map((o) => `${o.provider}:${o.channelId || 'global'}:${o.status}:${o.emotes}`);
    assert.deepEqual(summary, [
      '7tv:global:kept:2',
      'bttv:global:kept:4',
      'ffz:global:kept:2',
      '7tv:1001:kept:2',
      'bttv:1001:kept:3',
      'ffz:1001:kept:2',
      '7tv:555:none:0',
      'bttv:555:none:0',
      'ffz:555:none:0',
    ]);
    await refreshEmoteSets({ store: t.store, urls: api.urls, channelIds: ['1001'], now: () => 2_000 });
    const sets = await getKeptEmoteSets(t.store);
    assert.deepEqual(
      sets.map((s) => [s.provider, s.channelId, s.emotes, s.fetchedAt]),
      [
        ['7tv', '', 2, 2_000],
        ['bttv', '', 4, 2_000],
        ['ffz', '', 2, 2_000],
        ['7tv', '1001', 2, 2_000],
        ['bttv', '1001', 3, 2_000],
        ['ffz', '1001', 2, 2_000],
      ],
    );
    const row = await t.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM emotes');
    assert.equal(Number(row?.n), 15);
  });

  it('a provider that fails leaves what was kept in use, and the others are refreshed', async () => {
    api.failing.add('bttv');
    try {
      const outcomes = await refreshEmoteSets({
        store: t.store,
        urls: api.urls,
        channelIds: ['1001'],
        now: () => 3_000,
      });
      const failed = outcomes.filter((o) => o.status === 'failed');
      assert.deepEqual(
        failed.map((o) => `${o.provider}:${o.channelId}`),
        ['bttv:', 'bttv:1001'],
      );
      assert.match(failed[0]!.error!, /answered 500/);
      const sets = await getKeptEmoteSets(t.store);
      const bttv = sets.filter((s) => s.provider === 'bttv');
      assert.deepEqual(
        bttv.map((s) => [s.channelId, s.emotes, s.fetchedAt]),
        [
          ['', 4, 2_000],
          ['1001', 3, 2_000],
        ],
      );
      assert.ok(sets.filter((s) => s.provider !== 'bttv').every((s) => s.fetchedAt === 3_000));
    } finally {
      api.failing.delete('bttv');
    }
  });

  it('the schedule logs a failing set once, and once more when it recovers; it never throws', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => lines.push(line) });
    api.failing.add('ffz');
    const refresh = startEmoteRefresh({
      store: t.store,
      urls: api.urls,
      refreshHours: 0.0005,
      listChannelIds: async () => ['1001'],
      log,
      checkIntervalMs: 20,
      startDelayMs: 0,
    });
    try {
      const until = Date.now() + 60_000;
      const ffzRequests = () => api.requests.filter((p) => p.startsWith('/ffz/')).length;
      const before = ffzRequests();
      await waitFor(() => ffzRequests() >= before + 2, { what: 'the first round to ask FFZ for both sets' });
      await waitFor(() => lines.filter((l) => /could not refresh ffz/.test(l)).length >= 2, {
        what: 'both FFZ failures to be logged',
        detail: () => lines,
      });
      const warnings = () => lines.filter((l) => /could not refresh ffz/.test(l));
      assert.deepEqual(
        warnings().map((l) => l.replace(/^.*could not/, 'could not').replace(/ \{.*$/, '')),
        [
          'could not refresh ffz global emotes; using the ones kept before',
          'could not refresh ffz emotes of channel 1001; using the ones kept before',
        ],
      );
      api.failing.delete('ffz');
      // refreshHours 0.0005 is 1.8 s: a full round after that is the recovery; wait for it with a deadline.
      while (!lines.some((l) => /ffz global emotes refreshed again/.test(l))) {
        assert.ok(Date.now() < until, `no recovery line within 60 s:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(warnings().length, 2, 'each failing set was logged once');
    } finally {
      api.failing.delete('ffz');
      await refresh.stop();
    }
  });
});
