import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAnswer, parseInline } from './answer-markdown.ts';

test('links to streamlens pages and bold text are read; everything else stays text', () => {
  assert.deepEqual(parseInline('In [Ranked grind](/streams/s1) at [1:20:05](/streams/s1?t=4805000), **gg**.'), [
    { kind: 'text', text: 'In ' },
    { kind: 'link', text: 'Ranked grind', href: '/streams/s1' },
    { kind: 'text', text: ' at ' },
    { kind: 'link', text: '1:20:05', href: '/streams/s1?t=4805000' },
    { kind: 'text', text: ', ' },
    { kind: 'strong', text: 'gg' },
    { kind: 'text', text: '.' },
  ]);
});

test('a link anywhere else, or a script URL, is not made clickable', () => {
  for (const href of ['https://evil.example/x', '//evil.example', 'javascript:alert(1)', '/\\evil.example']) {
    assert.deepEqual(parseInline(`see [here](${href}) now`), [{ kind: 'text', text: `see [here](${href}) now` }]);
  }
  assert.deepEqual(parseInline('<img src=x onerror=alert(1)>'), [
    { kind: 'text', text: '<img src=x onerror=alert(1)>' },
  ]);
});

test('paragraphs, lines and lists', () => {
  const blocks = parseAnswer(
    'Viewers fell at [1:00](/streams/s?t=60000).\n\nWhat happened just before:\n- a raid\n- an ad break\n\n1. **ann** — 3\n2. bob',
  );
  assert.deepEqual(
    blocks.map((b) => (b.kind === 'list' ? `${b.ordered ? 'ol' : 'ul'}:${b.items.length}` : `p:${b.lines.length}`)),
    ['p:1', 'p:1', 'ul:2', 'ol:2'],
  );
  const last = blocks.at(-1);
  assert.deepEqual(last?.kind === 'list' && last.items[0], [
    { kind: 'strong', text: 'ann' },
    { kind: 'text', text: ' — 3' },
  ]);
  // A half-streamed link is text until its closing parenthesis arrives.
  assert.deepEqual(parseInline('at [1:2'), [{ kind: 'text', text: 'at [1:2' }]);
});
