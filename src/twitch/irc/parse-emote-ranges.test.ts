// Unit tests for emote range parsing: code-point offsets and validation.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCodePoints, parseEmoteRanges } from './parse-emote-ranges.ts';

test('countCodePoints counts astral characters once', () => {
  assert.equal(countCodePoints('👉 <3'), 4);
  assert.equal(countCodePoints('abc'), 3);
  assert.equal(countCodePoints('\ud83d'), 1); // lone surrogate
});

test('ranges keep tag order, grouped by id, in code points', () => {
  assert.deepEqual(parseEmoteRanges('25:8-12,0-4/1:14-15', 'Kappa 😂 Kappa :)'), [
    { id: '25', start: 8, end: 12 },
    { id: '25', start: 0, end: 4 },
    { id: '1', start: 14, end: 15 },
  ]);
});

test('bad ranges are dropped, and so are ranges whose end runs past the text', () => {
  const text = 'abcdef'; // 6 code points
  assert.deepEqual(parseEmoteRanges('1:4-9', text), []);
  assert.deepEqual(parseEmoteRanges('1:4-6', text), []);
  assert.deepEqual(parseEmoteRanges('1:6-7,3-2,x-1,1-,-2,2-3', text), [{ id: '1', start: 2, end: 3 }]);
  assert.deepEqual(parseEmoteRanges(':1-2/1/1:/1:0-99999999999999999999', text), []);
  assert.deepEqual(parseEmoteRanges('1:0-1', ''), []);
});

test('a shift moves ranges left and drops those that fall before the text', () => {
  assert.deepEqual(parseEmoteRanges('25:7-11,2-4', 'Kappa', 7), [{ id: '25', start: 0, end: 4 }]);
});

test('a range past the text is dropped, not moved onto other characters (25:40-44)', () => {
  // 44 code points: "Kappa" would start at 40 only if the text had 45.
  const text = `${'x'.repeat(39)} Kapp`;
  assert.equal(countCodePoints(text), 44);
  assert.deepEqual(parseEmoteRanges('25:40-44', text), []);
  assert.deepEqual(parseEmoteRanges('25:40-44', `${text}a`), [{ id: '25', start: 40, end: 44 }]);
});

test('two ranges of one emote given as two groups stay two (25:1-5/25:9-13)', () => {
  assert.deepEqual(parseEmoteRanges('25:1-5/25:9-13', ' Kappa x Kappa y'), [
    { id: '25', start: 1, end: 5 },
    { id: '25', start: 9, end: 13 },
  ]);
});
