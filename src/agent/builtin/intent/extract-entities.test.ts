import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractEntities, toOffsetInQuestion, toPeriod, toPeriods, toStreamRefs } from './extract-entities.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0); // Mon 7 Dec 2026
const MIN = 60_000;

test('reads moments as a streamer writes them', () => {
  assert.equal(toOffsetInQuestion('what happened around 1:20?'), 80 * MIN);
  assert.equal(toOffsetInQuestion('what happened at 52:00?'), 52 * MIN);
  assert.equal(toOffsetInQuestion('at 0:45'), 45 * MIN);
  assert.equal(toOffsetInQuestion('at 1:20:05'), 4_805_000);
  assert.equal(toOffsetInQuestion('around 1h20m'), 80 * MIN);
  assert.equal(toOffsetInQuestion('1h7m in'), 67 * MIN);
  assert.equal(toOffsetInQuestion('about 1 hour 20 minutes in'), 80 * MIN);
  assert.equal(toOffsetInQuestion('at minute 42'), 42 * MIN);
  assert.equal(toOffsetInQuestion('around 50 minutes in'), 50 * MIN);
  assert.equal(toOffsetInQuestion('half an hour in'), 30 * MIN);
  assert.equal(toOffsetInQuestion('my stream on 2026-11-14'), null);
  assert.equal(toOffsetInQuestion('which day and time gets me the most viewers?'), null);
});

test('reads which stream: last, previous, live, n ago, a date, an id, both sides of a comparison', () => {
  assert.deepEqual(toStreamRefs('did i miss any questions in chat last stream?', now), [{ kind: 'last' }]);
  assert.deepEqual(toStreamRefs('summarize my latest stream', now), [{ kind: 'last' }]);
  assert.deepEqual(toStreamRefs('who raided me in the previous stream?', now), [{ kind: 'previous' }]);
  assert.deepEqual(toStreamRefs('how is this stream going so far?', now), [{ kind: 'live' }]);
  assert.deepEqual(toStreamRefs('what about 3 streams ago', now), [{ kind: 'ago', n: 3 }]);
  assert.deepEqual(toStreamRefs('how was yesterday', now), [{ kind: 'day', day: '2026-12-06' }]);
  assert.deepEqual(toStreamRefs('the stream on nov 14th', now), [{ kind: 'day', day: '2026-11-14' }]);
  assert.deepEqual(toStreamRefs('summary of stream s-main2', now), [{ kind: 'id', id: 's-main2' }]);
  assert.deepEqual(toStreamRefs('compare my last stream with the previous one', now), [
    { kind: 'last' },
    { kind: 'previous' },
  ]);
  assert.deepEqual(toStreamRefs('how did my last two streams differ?', now), [{ kind: 'previous' }, { kind: 'last' }]);
  assert.deepEqual(toStreamRefs('how much did i make last month?', now), []);
  // A weekday names its most recent date (now is a Monday); a plural weekday is a schedule, not a stream.
  assert.deepEqual(toStreamRefs("how did saturday's stream go?", now), [{ kind: 'day', day: '2026-12-05' }]);
  assert.deepEqual(toStreamRefs('what emotes did chat use on friday?', now), [{ kind: 'day', day: '2026-12-04' }]);
  assert.deepEqual(toStreamRefs('highlights from last monday', now), [{ kind: 'day', day: '2026-11-30' }]);
  assert.deepEqual(toStreamRefs('how was chat on monday?', now), [{ kind: 'day', day: '2026-12-07' }]);
  assert.deepEqual(toStreamRefs('should i stream on saturdays?', now), []);
});

test("names a channel that is not recorded, also before 'last stream'", () => {
  assert.equal(extractEntities("how did bigrival's last stream go?", now).unknownChannel, 'bigrival');
  assert.equal(extractEntities("summarize bob's stream", now).unknownChannel, 'bob');
});

test('reads periods against the clock', () => {
  assert.deepEqual(toPeriod('how much money did i make last month?', now), {
    from: Date.UTC(2026, 10, 1),
    to: Date.UTC(2026, 11, 1),
    label: 'November 2026',
  });
  assert.equal(toPeriod('follows this week', now)?.from, Date.UTC(2026, 11, 7));
  assert.equal(toPeriod('subs last week', now)?.from, Date.UTC(2026, 10, 30));
  assert.equal(toPeriod('the last 30 days', now)?.from, now - 30 * 86_400_000);
  assert.equal(toPeriod('bits in march', now)?.from, Date.UTC(2026, 2, 1));
  assert.equal(toPeriod('bits in december', now)?.from, Date.UTC(2026, 11, 1));
  assert.equal(toPeriod('what was my best stream?', now), null);
});

test('reads every period a question sets against another, in order', () => {
  const labels = (q: string) => toPeriods(q, now).map((p) => p.label);
  assert.deepEqual(labels('how did this month compare to last month?'), [
    'this month (December 2026)',
    'November 2026',
  ]);
  assert.deepEqual(labels('this week vs last week'), ['this week (from 2026-12-07)', 'last week (from 2026-11-30)']);
  assert.deepEqual(labels('was october better than september?'), ['October 2026', 'September 2026']);
  assert.deepEqual(labels('month over month'), ['November 2026', 'this month (December 2026)']);
  assert.deepEqual(labels('how many follows did i get last month?'), ['November 2026']);
  assert.deepEqual(labels('may i compare my streams?'), [], '"may" is a month only with a year');
  assert.deepEqual(labels('what was my best stream?'), []);
});

test('reads a channel: a recorded one by login or name, or one named that is not recorded', () => {
  const channels = [
    { login: 'pixelpip', displayName: 'PixelPip' },
    { login: 'bigrival', displayName: 'BigRival' },
  ];
  assert.equal(extractEntities("Who are BigRival's top chatters?", now, channels).channelLogin, 'bigrival');
  assert.equal(extractEntities('top chatters on bigrival', now, channels).channelLogin, 'bigrival');
  assert.deepEqual(
    [extractEntities("summarize ninjaboy's channel", now, channels)].map((e) => [e.channelLogin, e.unknownChannel]),
    [[null, 'ninjaboy']],
  );
  assert.equal(extractEntities("how was yesterday's stream?", now, channels).unknownChannel, null);
  assert.equal(extractEntities('is my channel growing?', now, channels).unknownChannel, null);
});
