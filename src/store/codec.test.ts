// Unit tests for the stored text forms of badges and emotes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBadges, decodeEmotes, encodeBadges, encodeEmotes } from './codec.ts';

test('a badge without a version is stored as sent (subscriber24), not as subscriber24/', () => {
  const badges = [
    { name: 'subscriber24', version: '' },
    { name: 'vip', version: '1' },
  ];
  assert.equal(encodeBadges(badges), 'subscriber24,vip/1');
  assert.deepEqual(decodeBadges(encodeBadges(badges)), badges);
});

test('two ranges of one emote come back as two', () => {
  const emotes = [
    { id: '25', start: 1, end: 5 },
    { id: '25', start: 9, end: 13 },
  ];
  assert.deepEqual(decodeEmotes(encodeEmotes(emotes)), emotes);
});
