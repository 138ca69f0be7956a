// Pointing the real collectors at a running simulator: the config flags with its URLs and app credentials, and
// a broadcaster's user token file as `streamlens login` would leave it. Shared by the demo and the tests.

import { toTokenFilePath, writeTokenFile } from '../../twitch/auth/token-file.ts';
import type { RunningSimulator } from '../start-simulator.ts';

/** Every scope the EventSub listener can use, as a broadcaster grants them to streamlens. */
export const broadcasterScopes = [
  'moderator:read:followers',
  'channel:read:subscriptions',
  'bits:read',
  'channel:read:hype_train',
  'channel:read:ads',
  'chat:read',
];

/** Config flags that send every Twitch call to the simulator. */
export function simulatorFlags(sim: RunningSimulator): Record<string, string> {
  return {
    'twitch.helixUrl': sim.urls.helixUrl,
    'twitch.authUrl': sim.urls.authUrl,
    'twitch.chatUrl': sim.urls.chatUrl,
    'twitch.eventsubUrl': sim.urls.eventsubUrl,
    'twitch.clientId': sim.credentials.clientId,
    'twitch.clientSecret': sim.credentials.clientSecret,
  };
}

/** Logs a simulated broadcaster in: a user token with every scope, written to `dataDir`'s token file. */
export async function signInToSimulator(
  sim: RunningSimulator,
  user: { login: string; id: string },
  dataDir: string,
  expiresAt: number,
): Promise<void> {
  const token = sim.issueUserToken(user.login, broadcasterScopes);
  await writeTokenFile(toTokenFilePath(dataDir), {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    expiresAt,
    scopes: broadcasterScopes,
    login: user.login,
    userId: user.id,
    clientId: sim.credentials.clientId,
  });
}
