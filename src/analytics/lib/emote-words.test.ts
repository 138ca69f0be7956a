import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreMessage } from '../chat/get-stream-sentiment.ts';
import { isHypeEmote, isLaughterEmote, noEmoteSets, splitLineWords } from './emote-words.ts';

test('a line splits into Twitch emotes (by range), kept third-party emotes (exact words) and the other words', () => {
  const lookup = {
    byName: new Map([
      ['KEKW', '7tv' as const],
      ['pepeD', 'bttv' as const],
    ]),
    kept: true,
  };
  // "LUL" at 0-2 is a Twitch emote; the second LUL has no range, so it is text.
  const line = splitLineWords('LUL KEKW kekw pepeD, LUL nice', '425618:0-2', lookup);
  assert.deepEqual(line.emotes, [
    { name: 'LUL', source: 'twitch' },
    { name: 'KEKW', source: '7tv' },
  ]);
  assert.deepEqual(line.words, ['kekw', 'peped', 'lul', 'nice'], '"pepeD," is not the emote word pepeD');
  const offline = splitLineWords('KEKW catJAM hello', null, noEmoteSets);
  assert.deepEqual(
    offline.emotes.map((e) => `${e.name}:${e.source}`),
    ['KEKW:unknown', 'catJAM:unknown'],
  );
  assert.deepEqual(offline.words, ['hello']);
  const kept = splitLineWords('catJAM', null, lookup);
  assert.deepEqual(kept.emotes, [], 'with a kept set, a well-known name outside it is text');
});

test('laughter and hype emotes: the well-known names and names built on LUL/KEK or POG', () => {
  for (const name of ['KEKW', 'OMEGALUL', 'LULW', 'xqcLUL', 'KEKLEO', 'PepeLaugh'])
    assert.ok(isLaughterEmote(name), name);
  for (const name of ['Kappa', 'catJAM', 'lul']) assert.ok(!isLaughterEmote(name), name);
  for (const name of ['Pog', 'PogU', 'widePOGGERS', 'monkaS', 'catJAM']) assert.ok(isHypeEmote(name), name);
  for (const name of ['PogO', 'Sadge', 'pog']) assert.ok(!isHypeEmote(name), name);
  assert.equal(scoreMessage('xqcLUL xqcLUL').laughter, true);
});
