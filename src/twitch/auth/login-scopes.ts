// The scopes streamlens asks a Twitch login for: reading chat, for each EventSub type it subscribes to the scope
// that enables it, and the scopes of the Helix features that act as the user (creating clips, reading who is in
// chat). One list for `streamlens login`, the settings page's "Log in with Twitch" and the simulator's sign-in,
// derived from the EventSub table so a new type brings its scope along.

import { eventSubTypes } from '../eventsub/eventsub-types.ts';

/** A scope a Helix feature needs from the login, and what goes missing without it. */
export interface FeatureScope {
  scope: string;
  feature: string;
}

/** The Helix features that need the user's login, each with its scope. */
export const helixFeatureScopes: readonly FeatureScope[] = [
  { scope: 'clips:edit', feature: 'creating clips (Create Clip)' },
  { scope: 'moderator:read:chatters', feature: 'who is in chat: lurkers and watch time (Get Chatters)' },
];

/** `chat:read`, then the first scope of each EventSub type that needs one, in table order, then the Helix ones. */
export const loginScopes: readonly string[] = [
  ...new Set([
    'chat:read',
    ...eventSubTypes.flatMap((t) => (t.scopes ? [t.scopes[0]!] : [])),
    ...helixFeatureScopes.map((f) => f.scope),
  ]),
];

/**
 * What a login with `granted` scopes cannot do: each missing scope with the feature it enables (chat, an EventSub
 * type, a Helix feature). Empty when nothing is missing.
 */
export function findMissingScopes(granted: readonly string[]): FeatureScope[] {
  const have = new Set(granted);
  const missing = new Map<string, string[]>();
  const note = (scope: string, feature: string) => missing.set(scope, [...(missing.get(scope) ?? []), feature]);
  if (!have.has('chat:read')) note('chat:read', 'reading chat as the logged-in user');
  for (const t of eventSubTypes)
    if (t.scopes && !t.scopes.some((s) => have.has(s)) && !missing.get(t.scopes[0]!)?.includes(t.type))
      note(t.scopes[0]!, t.type);
  for (const f of helixFeatureScopes) if (!have.has(f.scope)) note(f.scope, f.feature);
  return [...missing].map(([scope, features]) => ({ scope, feature: features.join(', ') }));
}
