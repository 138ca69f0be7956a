// Unit tests for the generic IRC line parser and IRCv3 tag unescaping.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIrcLine, unescapeTagValue } from './parse-irc-line.ts';

test('unescapeTagValue follows the IRCv3 message-tags table', () => {
  assert.equal(unescapeTagValue('Riot\\sGames'), 'Riot Games');
  assert.equal(unescapeTagValue('a\\:b\\\\c\\rd\\ne'), 'a;b\\c\rd\ne');
  assert.equal(unescapeTagValue('test\\'), 'test'); // lone trailing backslash dropped
  assert.equal(unescapeTagValue('\\b'), 'b'); // invalid escape keeps the character
  assert.equal(unescapeTagValue('\\\\s'), '\\s');
  assert.equal(unescapeTagValue('plain'), 'plain');
  assert.equal(unescapeTagValue('😂\\s😂'), '😂 😂');
});

test('parseIrcLine splits tags, prefix, command and params, and ignores the line terminator', () => {
  const parsed = parseIrcLine('@a=1;b=;c;d=x\\sy :nick!user@host privmsg #chan :hello there\r\n');
  assert.ok(parsed);
  assert.deepEqual({ ...parsed.tags }, { a: '1', d: 'x y' });
  assert.equal(parsed.prefix, 'nick!user@host');
  assert.equal(parsed.command, 'PRIVMSG');
  assert.deepEqual(parsed.params, ['#chan', 'hello there']);
  assert.deepEqual(parseIrcLine('PING :tmi.twitch.tv\r')?.params, ['tmi.twitch.tv']);
  assert.deepEqual(parseIrcLine(':tmi.twitch.tv 353 me = #c :a b')?.params, ['me', '=', '#c', 'a b']);
});

test('parseIrcLine returns undefined for lines without a valid command', () => {
  for (const line of ['', '\r\n', '@a=b', ':prefix', '@a=b :prefix', '12 x', 'PRIV?MSG #a :b', '   ']) {
    assert.equal(parseIrcLine(line), undefined, JSON.stringify(line));
  }
});

test('tag keys cannot reach the prototype', () => {
  const parsed = parseIrcLine('@__proto__=x;constructor=y :a PING');
  assert.ok(parsed);
  assert.equal(Object.getPrototypeOf(parsed.tags), null);
  assert.deepEqual(Object.entries(parsed.tags), [
    ['__proto__', 'x'],
    ['constructor', 'y'],
  ]);
});
