import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRateLimiter } from './rate-limiter.ts';

test('a bucket empties, refuses, then refills over a simulated minute', () => {
  let now = 1_700_000_000_000;
  const limiter = createRateLimiter(3, () => now);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limiter.take('client').allowed),
    [true, true, true, false],
  );
  const refused = limiter.take('client');
  assert.equal(refused.remaining, 0);
  assert.equal(refused.reset, Math.ceil((now + 60_000) / 1000));
  assert.equal(limiter.take('other').allowed, true, 'buckets are per key');
  now += 20_000;
  assert.equal(limiter.take('client').allowed, true);
});
