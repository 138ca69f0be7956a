import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeQuestion, toOffsetInQuestion } from './route-question.ts';

const now = Date.parse('2026-10-08T12:00:00Z');

test('routes the common question kinds', () => {
  const kind = (q: string) => routeQuestion(q, now).kind;
  assert.equal(kind('Summarize my latest stream'), 'summary');
  assert.equal(kind("How was yesterday's stream?"), 'summary');
  assert.equal(kind('When should I stream?'), 'best-time');
  assert.equal(kind('What is the best time to stream?'), 'best-time');
  assert.equal(kind('Which category performs best?'), 'best-category');
  assert.equal(kind('Why did viewers drop at 1:20?'), 'viewer-drop');
  assert.equal(kind('Who are my top chatters?'), 'top-chatters');
  assert.equal(kind('Show me the highlights of the last stream'), 'highlights');
  assert.equal(kind('Is my channel growing?'), 'trends');
  assert.equal(kind('Compare my latest stream with the previous one'), 'compare');
  assert.equal(kind('Write me a poem about cats'), 'help');
});

test('finds the stream and moment a question names', () => {
  assert.deepEqual(routeQuestion("How was yesterday's stream?", now), {
    kind: 'summary',
    stream: { day: '2026-10-07' },
  });
  assert.deepEqual(routeQuestion('summary of stream s-main2', now), { kind: 'summary', stream: { ref: 's-main2' } });
  assert.deepEqual(routeQuestion('why did people leave at 80 minutes in the previous stream', now), {
    kind: 'viewer-drop',
    stream: { ref: 'previous' },
    offsetMs: 80 * 60_000,
  });
  assert.equal(toOffsetInQuestion('at 1:20'), 80 * 60_000);
  assert.equal(toOffsetInQuestion('at 1:20:05'), 4_805_000);
  assert.equal(toOffsetInQuestion('around 1h20m'), 80 * 60_000);
  assert.equal(toOffsetInQuestion('at minute 42'), 42 * 60_000);
  assert.equal(toOffsetInQuestion('no moment here'), null);
});
