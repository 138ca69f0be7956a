import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRedactor, createStreamRestorer } from './create-redactor.ts';

test('names become stable pseudonyms everywhere, numbers and ids stay, and they map back', () => {
  const r = createRedactor();
  r.learnFrom({
    chat: [
      { userLogin: 'reg1', text: 'hi' },
      { userLogin: 'Newbie2', displayName: 'Newbie2' },
    ],
  });
  const sent = r.redactValue({ chat: [{ userLogin: 'reg1', text: '@newbie2 welcome, reg1 here with 1500 rank' }] });
  assert.deepEqual(sent, {
    chat: [{ userLogin: 'viewer_1', text: '@viewer_2 welcome, viewer_1 here with 1500 rank' }],
  });
  assert.equal(r.restoreText('Top chatter: viewer_2 (viewer_1 second)'), 'Top chatter: Newbie2 (reg1 second)');
});

test('streamed text is restored even when a pseudonym is split across deltas', () => {
  const r = createRedactor();
  r.addNames(['reg1']);
  const s = createStreamRestorer(r);
  const out = ['the top is vie', 'wer', '_', '1 with ', '42 messages; v'].map((d) => s.push(d)).join('') + s.flush();
  assert.equal(out, 'the top is reg1 with 42 messages; v');
});
