import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightMatches } from './highlight-matches.ts';

test('marks the searched words, any case or accent, and keeps the rest as text', () => {
  assert.deepEqual(highlightMatches('Orange MARMALADE on toast', 'marmalade'), [
    { text: 'Orange ', match: false },
    { text: 'MARMALADE', match: true },
    { text: ' on toast', match: false },
  ]);
  assert.deepEqual(
    highlightMatches('Café au lait', 'cafe').map((p) => p.match),
    [true, false],
  );
  assert.equal(highlightMatches('x', '').length, 1);
});

test('markup in a message stays text in its pieces', () => {
  const pieces = highlightMatches('<img src=x onerror=alert(1)>', 'onerror');
  assert.equal(pieces.map((p) => p.text).join(''), '<img src=x onerror=alert(1)>');
  assert.deepEqual(
    pieces.filter((p) => p.match).map((p) => p.text),
    ['onerror'],
  );
});
