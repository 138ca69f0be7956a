import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEmoteProviders, toEmoteLabel } from './emote-providers.ts';

test('an emote shows its provider unless it is Twitch’s own; totals list every provider with uses', () => {
  assert.equal(toEmoteLabel({ name: 'KEKW', count: 12, provider: '7tv' }), 'KEKW (7TV) ×12');
  assert.equal(toEmoteLabel({ name: 'Kappa', count: 3, provider: 'twitch' }), 'Kappa ×3');
  assert.equal(toEmoteLabel({ name: 'OMEGALUL', count: 2 }), 'OMEGALUL ×2', 'a report saved before providers');
  assert.equal(
    describeEmoteProviders({
      byProvider: [
        { provider: 'twitch', uses: 40, distinct: 3 },
        { provider: 'bttv', uses: 8, distinct: 2 },
        { provider: 'ffz', uses: 3, distinct: 1 },
      ],
    }),
    'Twitch 40 · BTTV 8 · FFZ 3',
  );
  assert.equal(describeEmoteProviders({}), '');
});
