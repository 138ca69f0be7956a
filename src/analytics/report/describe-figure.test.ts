import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ComparedFigure,
  describeChange,
  describeStanding,
  describeViewerChange,
  figureLabel,
  formatFigureValue,
  listWithMore,
} from './describe-figure.ts';

const figure = (o: Partial<ComparedFigure>): ComparedFigure => ({
  key: 'bits',
  value: 100,
  previousStreams: 6,
  previousMedian: 0,
  delta: 100,
  deltaPct: null,
  percentile: 90,
  ...o,
});

test('values carry their unit in the right number, rates their label', () => {
  assert.equal(formatFigureValue('raidsReceived', 1), '1 raid');
  assert.equal(formatFigureValue('bits', 1), '1 bit');
  assert.equal(formatFigureValue('bits', 2500), '2,500 bits');
  assert.equal(formatFigureValue('durationMinutes', 125), '125 minutes');
  assert.equal(formatFigureValue('messagesPerMinute', 3.456), '3.5');
  assert.equal(figureLabel('durationMinutes'), 'Duration');
  assert.equal(figureLabel('chattersPer100Viewers'), 'Chatters per 100 viewers');
});

test('no percentage over a base under the minimum: the difference in units instead', () => {
  assert.equal(describeChange(figure({ previousMedian: 1, delta: 99, deltaPct: 9900 })), '+99 bits');
  assert.equal(describeChange(figure({ key: 'follows', previousMedian: 2, delta: 1, deltaPct: 50 })), '+1 follow');
  assert.equal(describeChange(figure({ key: 'avgViewers', previousMedian: 40, delta: 4, deltaPct: 10 })), '+10%');
  assert.equal(describeChange(figure({ key: 'avgViewers', previousMedian: 40, delta: -8, deltaPct: -20 })), '−20%');
  assert.equal(describeChange(figure({ value: 0, delta: 0, deltaPct: null })), 'same as usual');
});

test('0 against 0 is not "better than 50%"; a real rank is said in words', () => {
  assert.equal(describeStanding(figure({ value: 0, delta: 0, percentile: 50 })), null);
  assert.equal(describeStanding(figure({ percentile: 70 })), 'better than 70% of your last 6 streams');
  assert.equal(
    describeStanding(figure({ percentile: 100, previousStreams: 1 })),
    'better than all of your last stream',
  );
  assert.equal(describeStanding(figure({ previousStreams: 0, percentile: null })), null);
});

test('a long list shows its top names with counts, then how many more', () => {
  const many = Array.from({ length: 254 }, (_, i) => ({ name: `viewer${i}`, count: 254 - i }));
  assert.equal(listWithMore(many, 2), 'viewer0 (254), viewer1 (253) and 252 more');
  assert.equal(listWithMore(many.slice(0, 2), 5), 'viewer0 (254), viewer1 (253)');
});

test('a viewer change reads in viewers under the minimum base, else as a rounded percentage', () => {
  assert.equal(describeViewerChange({ before: 12, change: 38, changePct: 316.7 }), '+38 viewers');
  assert.equal(describeViewerChange({ before: 10, change: -1, changePct: -10 }), '−1 viewer');
  assert.equal(describeViewerChange({ before: 49, change: -20, changePct: -40.8 }), '−20 viewers');
  assert.equal(describeViewerChange({ before: 50, change: -20, changePct: -40 }), '−40%');
  assert.equal(describeViewerChange({ before: 200, change: 633, changePct: 316.7 }), '+317%');
  assert.equal(describeViewerChange({ before: 400, change: 26, changePct: 6.54 }), '+6.5%');
  assert.equal(describeViewerChange({ before: 80, change: 0, changePct: 0 }), 'no change');
});
