import assert from 'node:assert/strict';
import { it } from 'node:test';
import { toAllowedTypes } from '../eventsub/eventsub-types.ts';
import { findMissingScopes, loginScopes } from './login-scopes.ts';

it('asks for chat and for every EventSub type streamlens subscribes to', () => {
  assert.deepEqual(loginScopes, [
    'chat:read',
    'moderator:read:followers',
    'channel:read:subscriptions',
    'bits:read',
    'channel:read:hype_train',
    'channel:read:ads',
    'channel:read:redemptions',
    'channel:read:polls',
    'channel:read:predictions',
    'moderator:read:shoutouts',
    'clips:edit',
    'moderator:read:chatters',
  ]);
  assert.deepEqual([...toAllowedTypes(loginScopes).skipped], []);
  assert.deepEqual(findMissingScopes(loginScopes), []);
});

it('names each missing scope with what it enables', () => {
  const granted = loginScopes.filter((s) => s !== 'clips:edit' && s !== 'bits:read');
  assert.deepEqual(findMissingScopes(granted), [
    { scope: 'bits:read', feature: 'channel.cheer' },
    { scope: 'clips:edit', feature: 'creating clips (Create Clip)' },
  ]);
});
