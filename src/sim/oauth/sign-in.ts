// Pointing the real collectors at a running simulator: the config flags with its URLs and app credentials, and
// a broadcaster's user token file as `streamlens login` would leave it. Shared by the demo and the tests.

import { loginScopes } from '../../twitch/auth/login-scopes.ts';
import { toTokenFilePath, writeTokenFile } from '../../twitch/auth/token-file.ts';
import type { RunningSimulator } from '../start-simulator.ts';

/** Config flags that send every Twitch call (and the third-party emote APIs) to the simulator. */
export function simulatorFlags(sim: RunningSimulator): Record<string, string> {
  return {
    'twitch.helixUrl': sim.urls.helixUrl,
    'twitch.authUrl': sim.urls.authUrl,
    'twitch.chatUrl': sim.urls.chatUrl,
    'twitch.eventsubUrl': sim.urls.eventsubUrl,
    'twitch.clientId': sim.credentials.clientId,
    'twitch.clientSecret': sim.credentials.clientSecret,
    'emotes.sevenTvUrl': sim.urls.sevenTvUrl,
    'emotes.bttvUrl': sim.urls.bttvUrl,
    'emotes.ffzUrl': sim.urls.ffzUrl,
  };
}

/** Logs a simulated broadcaster in: a token with the scopes `streamlens login` asks for, in `dataDir`'s token file. */
export async function signInToSimulator(
  sim: RunningSimulator,
  user: { login: string; id: string },
  dataDir: string,
  expiresAt: number,
): Promise<void> {
  const token = sim.issueUserToken(user.login, [...loginScopes]);
  await writeTokenFile(toTokenFilePath(dataDir), {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    expiresAt,
    scopes: [...loginScopes],
    login: user.login,
    userId: user.id,
    clientId: sim.credentials.clientId,
  });
}
