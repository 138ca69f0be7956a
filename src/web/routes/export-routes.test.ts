// The CSV exports through the app, on both backends: every stream and chatter is in its file (paging included),
// the figures match the JSON routes', viewer text that looks like a formula stays text, and errors are JSON.

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChatMessage } from '../../../test/support/make-records.ts';
import { knownText, openWebFixture, type WebFixture } from '../../../test/support/open-web-fixture.ts';
import { parseCsv } from '../../../test/support/parse-csv.ts';
import { iterateChannelChatters, iterateStreams } from '../../analytics/index.ts';

const formula = '=HYPERLINK("http://evil.example","click")';

describeEachBackend('CSV exports', (backend) => {
  let fx: WebFixture;
  before(async () => {
    fx = await openWebFixture({ backend });
    await fx.store.write({
      chatMessages: [
        makeChatMessage({
          channelId: fx.channelId,
          streamId: fx.streamIds[0]!,
          ts: Date.now() - 3 * 86_400_000,
          userId: '990777',
          userLogin: 'formulafan',
          displayName: formula,
          text: '+cmd|calc',
        }),
      ],
    });
  });
  after(() => fx.close());

  const get = async (path: string) => {
    const response = await fx.web.app.request(path);
    return { response, rows: response.status === 200 ? parseCsv(await response.text()) : [] };
  };

  it('streams.csv lists every stream with the JSON list’s figures', async () => {
    const { response, rows } = await get('/api/export/streams.csv?sort=oldest');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="streamlens-streams\.csv"/);
    const [header, ...records] = rows;
    assert.deepEqual(header?.slice(0, 3), ['stream_id', 'channel', 'started_at']);
    const json = (await (await fx.web.app.request('/api/streams?sort=oldest')).json()) as {
      streams: { id: string; peakViewers: number | null }[];
    };
    assert.deepEqual(
      records.map((r) => r[0]),
      json.streams.map((s) => s.id),
    );
    const peak = header!.indexOf('peak_viewers');
    assert.deepEqual(
      records.map((r) => (r[peak] === '' ? null : Number(r[peak]))),
      json.streams.map((s) => s.peakViewers),
    );
  });

  it('paging reads every stream and chatter once, in order', async () => {
    const all: string[] = [];
    for await (const page of iterateStreams(fx.store, { order: 'newest' })) all.push(...page.map((s) => s.id));
    const paged: string[] = [];
    for await (const page of iterateStreams(fx.store, { order: 'newest', pageSize: 2 })) {
      assert.ok(page.length <= 2);
      paged.push(...page.map((s) => s.id));
    }
    assert.deepEqual(paged, all);
    assert.equal(new Set(all).size, fx.streamIds.length + 1, 'the history and the live stream');

    const chatters: string[] = [];
    for await (const page of iterateChannelChatters(fx.store, fx.channelId, 7))
      chatters.push(...page.map((c) => c.userId));
    const [row] = await fx.store.all<{ n: number }>('SELECT COUNT(*) AS n FROM chatters WHERE channel_id = ?', [
      fx.channelId,
    ]);
    assert.equal(chatters.length, Number(row?.n));
    assert.deepEqual(chatters, [...chatters].sort());
  });

  it('timeline.csv has a row per minute with the timeline’s viewers and messages', async () => {
    const id = fx.streamIds.at(-1)!;
    const { rows } = await get(`/api/export/streams/${id}/timeline.csv`);
    const timeline = (await (await fx.web.app.request(`/api/streams/${id}/timeline`)).json()) as {
      minutes: { viewers: number | null; messages: number }[];
    };
    const [header, ...records] = rows;
    assert.deepEqual(header?.slice(0, 4), ['offset', 'time', 'viewers', 'messages']);
    assert.equal(records.length, timeline.minutes.length);
    assert.deepEqual(
      records.map((r) => [r[2] === '' ? null : Number(r[2]), Number(r[3])]),
      timeline.minutes.map((m) => [m.viewers, m.messages]),
    );
    assert.equal(records[0]?.[0], '0:00');
  });

  it('chatters.csv of a stream and of the channel: planted chatters, formulas kept as text', async () => {
    const latest = fx.streamIds.at(-1)!;
    const stream = await get(`/api/export/streams/${latest}/chatters.csv`);
    const header = stream.rows[0]!;
    const known = stream.rows.find((r) => r[0] === 'knownviewer');
    assert.ok(known, `knownviewer wrote "${knownText}" in the latest stream`);
    assert.equal(known[header.indexOf('stream_messages')], '1');

    const channel = await get(`/api/export/chatters.csv?channel=${fx.channelLogin}`);
    const fan = channel.rows.find((r) => r[0] === 'formulafan');
    assert.equal(fan?.[1], `'${formula}`, 'a display name starting with = is prefixed with a quote');
    assert.ok(channel.rows.length > 10);
  });

  it('a missing stream is a JSON 404, a bad query a 400', async () => {
    const missing = await fx.web.app.request('/api/export/streams/nope/timeline.csv');
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: { message: string } }).error.message, /stream nope/);
    assert.equal((await fx.web.app.request('/api/export/streams.csv?sort=sideways')).status, 400);
    assert.equal((await fx.web.app.request('/api/export/streams/nope/chatters.csv')).status, 404);
  });
});
