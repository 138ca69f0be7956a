// The scopes streamlens asks a Twitch login for: reading chat, and for each EventSub type it subscribes to the
// scope that enables it. One list for `streamlens login`, the settings page's "Log in with Twitch" and the
// simulator's sign-in, derived from the EventSub table so a new type brings its scope along.

import { eventSubTypes } from '../eventsub/eventsub-types.ts';

/** `chat:read`, then the first scope of each EventSub type that needs one, in table order. */
export const loginScopes: readonly string[] = [
  'chat:read',
  ...new Set(eventSubTypes.flatMap((t) => (t.scopes ? [t.scopes[0]!] : []))),
];
