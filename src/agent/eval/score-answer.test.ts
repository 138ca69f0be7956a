import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreAnswer } from './score-answer.ts';

test('numbers within tolerance, moments within a minute and words are required', () => {
  const citations = [{ streamId: 's1', offsetMs: 2_430_000, label: '40:30', href: '/streams/s1?t=2430000' }];
  const expected = { numbers: [1234, 25], moments: [{ streamId: 's1', offsetMs: 2_400_000 }], words: ['ad break'] };
  assert.deepEqual(scoreAnswer('Peak 25, 1,234 messages; an Ad break hit.', citations, expected), {
    correct: true,
    missing: [],
  });
  const wrong = scoreAnswer('Peak 31, 1,234 messages.', [{ ...citations[0]!, offsetMs: 2_500_000 }], expected);
  assert.deepEqual(wrong.missing, ['number 25', 'moment s1@40min', '"ad break"']);
});
