import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTerminalMarkdownWriter, renderTerminalLine } from './terminal-markdown.ts';

test('bold, links, headings and bullets read as terminal text', () => {
  assert.equal(
    renderTerminalLine('**Top chatters** of [your stream](/streams/42730142773): see \\*notes\\*', false),
    'Top chatters of your stream (/streams/42730142773): see *notes*',
  );
  assert.equal(renderTerminalLine('- reg1 (**81** messages)', false), '• reg1 (81 messages)');
  assert.equal(renderTerminalLine('## Summary', false), 'Summary');
  assert.equal(renderTerminalLine('**hi**', true), '\x1b[1mhi\x1b[22m');
});

test('an answer streamed in pieces is written line by line and ends on its own line', () => {
  const out: string[] = [];
  const writer = createTerminalMarkdownWriter((t) => out.push(t), { color: false });
  for (const piece of ['**Bo', 'ld** start\n- one [t](/s', 'treams/1)\nSources: /streams/4273']) writer.push(piece);
  assert.deepEqual(out, ['Bold start\n', '• one t (/streams/1)\n']);
  writer.end();
  assert.equal(out.join(''), 'Bold start\n• one t (/streams/1)\nSources: /streams/4273\n');
  assert.ok(!out.join('').includes('**'));
});
