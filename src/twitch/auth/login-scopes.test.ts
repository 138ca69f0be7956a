import assert from 'node:assert/strict';
import { it } from 'node:test';
import { toAllowedTypes } from '../eventsub/eventsub-types.ts';
import { loginScopes } from './login-scopes.ts';

it('asks for chat and for every EventSub type streamlens subscribes to', () => {
  assert.deepEqual(loginScopes, [
    'chat:read',
    'moderator:read:followers',
    'channel:read:subscriptions',
    'bits:read',
    'channel:read:hype_train',
    'channel:read:ads',
  ]);
  assert.deepEqual([...toAllowedTypes(loginScopes).skipped], []);
});
