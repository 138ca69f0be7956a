import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachBackend } from '../../../test/support/describe-each-backend.ts';
import { makeChannelEvent, makeClip } from '../../../test/support/make-records.ts';
import { type AnalyticsFixture, CH, openAnalyticsFixture } from '../../../test/support/open-analytics-fixture.ts';
import { compareStreams } from '../summary/compare-streams.ts';
import { generateStreamReport } from './generate-stream-report.ts';
import { getRecommendations } from './get-recommendations.ts';
import { renderReportHtml } from './render-report-html.ts';
import { renderReportMarkdown } from './render-report-markdown.ts';
import { saveStreamReport } from './save-stream-report.ts';

describeEachBackend('stream report', (backend) => {
  let fx: AnalyticsFixture;
  before(async () => {
    fx = await openAnalyticsFixture(backend);
  });
  after(() => fx.close());

  it('recommends from the planted patterns, citing numbers', async () => {
    const r = await getRecommendations(fx.store, CH, { streamId: 's-main' });
    const byKind = new Map(r.recommendations.map((x) => [x.kind, x.text]));
    assert.match(
      byKind.get('category')!,
      /^Stream Chess more: \d+(\.\d)? avg viewers vs \d+(\.\d)? in Just Chatting over 4 vs 4 streams/,
    );
    assert.match(byKind.get('schedule')!, /Your Fri 20:00 UTC slot/, 'the slot names its zone');
    const berlin = await getRecommendations(fx.store, CH, {
      streamId: 's-main',
      tzOffsetMinutes: 60,
      zoneLabel: 'CET',
    });
    assert.match(berlin.recommendations.find((x) => x.kind === 'schedule')!.text, /Your Fri 21:00 CET slot/);
    assert.match(byKind.get('ad-breaks')!, /after 1 of 1 ad breaks longer than 90 s/);
    assert.match(byKind.get('community')!, /^1 of 2 first-time chatters got no reply last stream \(newbie2\)/);
    assert.match(byKind.get('questions')!, /1 of 3 questions/);
  });

  it('renders Markdown and self-contained HTML with escaped user text', async () => {
    const report = await generateStreamReport(fx.store, 's-main', { now: () => 0 });
    report.stream.title = '<script>alert(1)</script>';
    const markdown = renderReportMarkdown(report);
    assert.match(markdown, /\*\*40:00\*\* — 26 messages/);
    assert.match(markdown, /https:\/\/www\.twitch\.tv\/videos\/v123\?t=0h39m50s/);
    assert.match(markdown, /drop 10 → 6 viewers \(−4 viewers\): .*ad break of 120 s/, 'no percentage of 10 viewers');
    const html = renderReportHtml(report);
    assert.match(html, /drop 10 → 6 viewers \(−4 viewers\): .*ad break of 120 s/, 'the HTML words it the same');
    assert.ok(!html.includes('<script'));
    assert.ok(html.includes('&lt;script&gt;'));
    assert.match(html, /<svg[^>]*aria-label="Viewers and chat messages per minute over the stream, \d+ events marked"/);
    assert.match(html, /text-anchor="end" class="viewers-label">0<\/text>/, 'a labelled y-axis from 0');
    assert.match(html, /<ol class="markers">\s*<li>[\d:]+ — ad break of 120 s<\/li>/, 'events marked and listed');
    assert.match(html, /aria-label="per-category comparison"/);
    assert.doesNotMatch(html, /\d{4}-\d\d-\d\dT\d\d:/, 'no raw ISO timestamps');
  });

  it('writes for people: zone named, plurals, top first-timers then "and N more", no broadcaster, no % of nothing', async () => {
    const report = await generateStreamReport(fx.store, 's-main', { now: () => 0 });
    const markdown = renderReportMarkdown(report, { timeZone: 'Europe/Berlin' });
    assert.match(markdown.split('\n')[0]!, /^# Stream report: .* — \w{3}, \d+ \w{3} \d{4}, \d\d:\d\d (CET|CEST)$/);
    assert.doesNotMatch(markdown, /\b1 (raids|bits|subs|follows|messages)\b/);
    assert.doesNotMatch(markdown, /\+\d{4,}%/, 'no huge percentage over a tiny base');
    assert.match(
      markdown,
      /\| Resubs \| 0 resubs \| 0 resubs \| same as usual \|/,
      '0 against 0 is a tie, not "better than 50%"',
    );
    // The stream's chat carries Twitch's first-msg tags, so first-timers are the two it marks (a long list is cut
    // to its top names "and N more": describe-figure.test.ts).
    assert.match(markdown, /most active first-timers \(messages\): newbie1 \(1\), newbie2 \(1\)\n/);
    assert.doesNotMatch(markdown, /top chatters[^\n]*smallstreamer/);
    assert.match(markdown, /\| Duration \| \d+ minutes \|/);
    const html = renderReportHtml(report, { timeZone: 'Asia/Tokyo' });
    assert.match(html, /started \w{3}, \d+ \w{3} \d{4}, \d\d:\d\d GMT\+9/);
  });

  it('says no data in the report of a stream without snapshots or chat', async () => {
    const report = await generateStreamReport(fx.store, 's-empty', { now: () => 0 });
    const markdown = renderReportMarkdown(report);
    assert.match(markdown, /Average viewers \| no data \(no viewer snapshots/);
    assert.match(markdown, /## Top moments\n\n- no data \(no chat recorded/);
  });

  it('saves the report and reads it back; unknown streams are NOT_FOUND', async () => {
    await saveStreamReport(fx.store, 's-main', { now: () => 1 });
    await saveStreamReport(fx.store, 's-main', { now: () => 2 });
    const saved = await fx.store.all<{ generated_at: number; report: string }>(
      'SELECT generated_at, report FROM stream_reports WHERE stream_id = ?',
      ['s-main'],
    );
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.generated_at, 2);
    assert.equal((JSON.parse(saved[0]!.report) as { stream: { id: string } }).stream.id, 's-main');
    // The end of a stream also keeps its rollup: later reads of its pages and report are served from it.
    const parts = await fx.store.all<{ part: string }>(
      'SELECT part FROM stream_rollups WHERE stream_id = ? ORDER BY part',
      ['s-main'],
    );
    assert.deepEqual(
      parts.map((p) => p.part),
      ['community', 'figures', 'highlights', 'questions', 'report'],
    );
    await assert.rejects(generateStreamReport(fx.store, 'nope'), { code: 'NOT_FOUND' });
  });

  it('compares two streams', async () => {
    const c = await compareStreams(fx.store, 's-tue-1', 's-fri-1');
    assert.ok(c);
    const avg = c.figures.find((f) => f.key === 'avgViewers')!;
    assert.ok(avg.delta! > 15);
  });

  it('lists clips, channel points, polls, predictions, hype trains and shoutouts in the Engagement section (runs last: it adds records)', async () => {
    const [row] = await fx.store.all<{ started_at: number }>('SELECT started_at FROM streams WHERE id = ?', ['s-main']);
    const at = (min: number) => Number(row!.started_at) + min * 60_000;
    const ev = (type: string, min: number, data: Record<string, unknown>) =>
      makeChannelEvent({ channelId: CH, streamId: 's-main', type, ts: at(min), data });
    await fx.store.write({
      channelEvents: [
        ev('channel.poll.begin', 5, { id: 'p1', title: 'Next game?' }),
        ev('channel.poll.end', 8, {
          id: 'p1',
          title: 'Next game?',
          status: 'completed',
          choices: [
            { id: 'a', title: 'Chess', votes: 9 },
            { id: 'b', title: 'Go', votes: 4 },
          ],
        }),
        ev('channel.channel_points_custom_reward_redemption.add', 6, { reward: { title: 'Hydrate!', cost: 100 } }),
        ev('channel.channel_points_custom_reward_redemption.add', 7, { reward: { title: 'Hydrate!', cost: 100 } }),
        ev('channel.prediction.end', 12, {
          id: 'q1',
          title: 'Win?',
          status: 'resolved',
          winningOutcomeId: 'y',
          outcomes: [
            { id: 'y', title: 'Yes', users: 3, channelPoints: 900 },
            { id: 'n', title: 'No', users: 2, channelPoints: 400 },
          ],
        }),
        ev('channel.shoutout.receive', 14, { fromBroadcasterUserLogin: 'friendly', viewerCount: 33 }),
        // EventSub's hype train (v2 shapes, as the collector stores them): begun, progressed, ended at level 2.
        ev('channel.hype_train.begin', 15, {
          id: 'h1',
          level: 1,
          total: 200,
          startedAt: new Date(at(15)).toISOString(),
          topContributions: [{ userLogin: 'bitsy', type: 'bits', total: 200 }],
        }),
        ev('channel.hype_train.progress', 16, {
          id: 'h1',
          level: 2,
          total: 700,
          startedAt: new Date(at(15)).toISOString(),
        }),
        ev('channel.hype_train.end', 18, {
          id: 'h1',
          level: 2,
          total: 900,
          startedAt: new Date(at(15)).toISOString(),
          endedAt: new Date(at(18)).toISOString(),
          topContributions: [
            { userLogin: 'bitsy', type: 'bits', total: 600 },
            { userLogin: 'gifter', type: 'subscription', total: 300 },
          ],
        }),
      ],
    });
    await fx.store.clips.upsert(
      [
        makeClip({ id: 'ReportClip', channelId: CH, createdAt: at(20), title: 'the play', viewCount: 12 }),
        makeClip({ id: 'EvilClip', channelId: CH, createdAt: at(21), url: 'javascript:alert(1)' }),
      ],
      at(30),
    );
    const report = await generateStreamReport(fx.store, 's-main', { now: () => 0 });
    const markdown = renderReportMarkdown(report);
    const section = markdown.split('## Engagement')[1]?.split('\n## ')[0] ?? '';
    assert.match(section, /clip "the play" by Viewer1 at 20:00: 12 views — https:\/\/clips\.twitch\.tv\/ReportClip/);
    assert.match(section, /2 channel points redemptions \(200 points\): Hydrate! ×2/);
    assert.match(section, /poll "Next game\?": 13 votes, "Chess" won/);
    assert.match(section, /prediction "Win\?": 5 predictors, 1300 points, "Yes" won/);
    assert.match(section, /shoutout from friendly to 33 viewers/);
    assert.match(
      section,
      /hype train at 15:00: level 2, 900 points over 3 minutes; top: bitsy \(600 bits\), gifter \(300 points in subs\)/,
    );
    const html = renderReportHtml(report);
    assert.ok(html.includes('href="https://clips.twitch.tv/ReportClip"'));
    assert.ok(!html.includes('javascript:'), 'a clip URL that is not https is never a link');
  });
});
