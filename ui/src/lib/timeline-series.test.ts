import assert from 'node:assert/strict';
import { test } from 'node:test';
import { focusRange, toTimelineSeries, windowAround } from './timeline-series.ts';

test('minutes become columns in seconds, with gaps for missing viewers', () => {
  const [xs, viewers, messages] = toTimelineSeries([
    { offsetMs: 0, viewers: null, messages: 3 },
    { offsetMs: 60_000, viewers: 12, messages: 5 },
  ]);
  assert.deepEqual(xs, [0, 60]);
  assert.deepEqual(viewers, [null, 12]);
  assert.deepEqual(messages, [3, 5]);
});

test('a focus range is centred on the moment and stays inside the stream', () => {
  assert.deepEqual(focusRange(60 * 60_000, 120 * 60_000), { min: 3000, max: 4200 });
  assert.deepEqual(focusRange(60_000, 120 * 60_000), { min: 0, max: 1200 });
  assert.deepEqual(focusRange(119 * 60_000, 120 * 60_000), { min: 6000, max: 7200 });
});

test('the chat window around a click never starts before the stream', () => {
  assert.deepEqual(windowAround(30_000), { from: 0, to: 120_000 });
  assert.deepEqual(windowAround(600_000), { from: 510_000, to: 690_000 });
});
