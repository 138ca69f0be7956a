// Fuzz: seeded mutations and truncations of real fixture lines and generated traffic never throw and never
// produce records that break the domain contract (emote ranges inside the text, integer timestamps…).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateCorpus } from '../../../bench/corpus.ts';
import { readIrcFixtures } from '../../../test/support/read-twitch-fixture.ts';
import type { EmoteRange } from '../../domain.ts';
import { countCodePoints } from './parse-emote-ranges.ts';
import { type IrcTranslation, translateIrcLine } from './translate-irc-line.ts';

function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  '\\',
  ';',
  '=',
  ' ',
  ':',
  '#',
  '@',
  '!',
  '\u0001',
  '\r',
  '\n',
  '-',
  ',',
  '/',
  '9',
  '0',
  '\ud83d',
  '\ude02',
  '\u0000',
  'ACTION ',
  '😂',
  'é',
];

function mutate(line: string, random: () => number): string {
  const at = Math.floor(random() * (line.length + 1));
  switch (Math.floor(random() * 7)) {
    case 0:
      return line.slice(0, at); // truncated
    case 1:
      return line.slice(0, at) + line.slice(at + 1 + Math.floor(random() * 20));
    case 2:
      return line.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)] + line.slice(at);
    case 3: {
      // Random emote ranges, including reversed, huge and out-of-text ones.
      const n = () => Math.floor(random() * 80) - 5;
      return line.replace(/emotes=[^; ]*/, `emotes=25:${n()}-${n()},${n()}-${n()}/1:${n()}-${n()}`);
    }
    case 4:
      return line.slice(at) + line.slice(0, at);
    case 5:
      return line.repeat(1 + Math.floor(random() * 3));
    default: {
      let out = '';
      for (let i = 0; i < 40; i++) out += String.fromCharCode(Math.floor(random() * 0x10000));
      return random() < 0.5 ? out : line.slice(0, at) + out;
    }
  }
}

function assertRanges(ranges: EmoteRange[], text: string): void {
  const length = countCodePoints(text);
  for (const r of ranges) {
    assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end), 'integer range');
    assert.ok(r.start >= 0 && r.start <= r.end && r.end < length, `range ${r.start}-${r.end} in ${length}`);
    assert.equal(typeof r.id, 'string');
    assert.notEqual(r.id, '');
  }
}

function assertSane(result: IrcTranslation): void {
  switch (result.kind) {
    case 'dropped':
      assert.ok(result.reason.length > 0 && result.reason.length < 40);
      assert.notEqual(result.reason, 'parser error');
      return;
    case 'message': {
      const m = result.message;
      assert.ok(Number.isSafeInteger(m.ts) && m.ts >= 0);
      assert.ok(Number.isSafeInteger(m.bits) && m.bits >= 0);
      for (const s of [m.id, m.channelId, m.userId, m.userLogin, m.displayName, m.text])
        assert.equal(typeof s, 'string');
      assert.ok(m.id && m.channelId && m.userId && m.userLogin);
      assertRanges(m.emotes, m.text);
      return;
    }
    case 'event': {
      const e = result.event;
      assert.ok(Number.isSafeInteger(e.ts) && e.ts >= 0);
      assert.ok(e.id && e.channelId && e.type);
      if (e.data.emotes !== undefined) assertRanges(e.data.emotes as EmoteRange[], String(e.data.text));
      return;
    }
    case 'control':
      assert.ok(/^([A-Z]+|\d{3})$/.test(result.command));
      assert.ok(Array.isArray(result.params));
  }
}

test('20,000 seeded mutations never throw and stay within the domain contract', () => {
  const random = createRandom(20240601);
  const seeds = [...readIrcFixtures().values()].flat();
  seeds.push(...generateCorpus({ lines: 300, seed: 9 }));
  const directory = new Map<string, string>();
  const kinds = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) {
    let line = seeds[Math.floor(random() * seeds.length)]!;
    const rounds = 1 + Math.floor(random() * 3);
    for (let r = 0; r < rounds; r++) line = mutate(line, random);
    let result: IrcTranslation;
    try {
      result = translateIrcLine(line, directory);
    } catch (error) {
      assert.fail(`threw on ${JSON.stringify(line)}: ${String(error)}`);
    }
    assertSane(result);
    kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
  }
  // The mutations must leave plenty of lines parseable, or the test would only exercise the drop paths.
  for (const kind of ['message', 'event', 'control', 'dropped']) assert.ok((kinds.get(kind) ?? 0) > 200, kind);
});

test('a huge line is handled without blowing up', () => {
  const huge = `@${'a;'.repeat(200_000)}emotes=${'1:0-1,'.repeat(50_000)} :x!x@x PRIVMSG #c :${'y'.repeat(100_000)}`;
  const result = translateIrcLine(huge, new Map());
  assert.equal(result.kind, 'dropped');
});
