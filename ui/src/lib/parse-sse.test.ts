import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSseParser } from './parse-sse.ts';

test('messages split across chunks come out whole; comments are skipped', () => {
  const parse = createSseParser();
  assert.deepEqual(parse(': heartbeat\n\nevent: text\ndata: {"de'), []);
  assert.deepEqual(parse('lta":"hi"}\n\ndata: a\ndata: b\r\n\r\n'), [
    { event: 'text', data: '{"delta":"hi"}' },
    { event: 'message', data: 'a\nb' },
  ]);
});
