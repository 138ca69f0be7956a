// "Log in with Twitch" from the settings page: starts the device code flow, polls for the user's approval in
// the background and stores the token where the collectors read it. Tokens never leave this module.

import { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { loginScopes } from '../../twitch/auth/login-scopes.ts';
import { readTokenFile, toTokenFilePath, writeTokenFile } from '../../twitch/auth/token-file.ts';
import { pollDeviceToken, requestDeviceCode, validateToken } from '../../twitch/auth/twitch-oauth.ts';
import { toStoredToken } from '../../twitch/auth/user-token.ts';

export const deviceStartSchema = z.object({ userCode: z.string(), verificationUri: z.string(), expiresAt: z.number() });
export const deviceStatusSchema = z.object({
  state: z.enum(['idle', 'pending', 'done', 'failed']),
  userCode: z.string().nullable(),
  verificationUri: z.string().nullable(),
  /** The Twitch account whose token is stored, if any. */
  loggedInAs: z.string().nullable(),
  message: z.string().nullable(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export interface DeviceLogin {
  start(): Promise<z.infer<typeof deviceStartSchema>>;
  status(): Promise<DeviceStatus>;
  /** Stops a pending poll (server shutdown). */
  stop(): void;
}

/** The device flow for one server; `clientId` is read at start so a just-saved client id is used. */
export function createDeviceLogin(options: {
  authUrl: string;
  dataDir: string;
  clientId: () => string | null;
  log: Logger;
}): DeviceLogin {
  const file = toTokenFilePath(options.dataDir);
  let state: Omit<DeviceStatus, 'loggedInAs'> = { state: 'idle', userCode: null, verificationUri: null, message: null };
  let abort = new AbortController();
  return {
    async start() {
      const clientId = options.clientId();
      if (!clientId) {
        throw new StreamlensError(
          'CONFIG_INVALID',
          'logging in needs a Twitch application client id',
          'register an app at https://dev.twitch.tv/console/apps (client type "Public"), enter its client id above and save',
        );
      }
      abort.abort();
      abort = new AbortController();
      const signal = abort.signal;
      const device = await requestDeviceCode(options.authUrl, clientId, loginScopes);
      state = { state: 'pending', userCode: device.userCode, verificationUri: device.verificationUri, message: null };
      const sleep = (ms: number) =>
        new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(new Error('login cancelled'));
          });
        });
      void (async () => {
        const grant = await pollDeviceToken({
          authUrl: options.authUrl,
          clientId,
          scopes: loginScopes,
          device,
          sleep,
        });
        const who = await validateToken(options.authUrl, grant.accessToken);
        if (!who) throw new StreamlensError('UNAUTHORIZED', 'Twitch did not accept the new token', 'try again');
        const scopes = grant.scopes.length > 0 ? grant.scopes : who.scopes;
        await writeTokenFile(
          file,
          toStoredToken({ ...grant, scopes }, { login: who.login, userId: who.userId, clientId }, Date.now()),
        );
        options.log.info('logged in to Twitch from the web UI', { login: who.login });
        state = { state: 'done', userCode: null, verificationUri: null, message: `Logged in as ${who.login}` };
      })().catch((error: unknown) => {
        if (signal.aborted) return;
        state = { state: 'failed', userCode: null, verificationUri: null, message: (error as Error).message };
      });
      return {
        userCode: device.userCode,
        verificationUri: device.verificationUri,
        expiresAt: Date.now() + device.expiresInSec * 1000,
      };
    },
    async status() {
      const token = await readTokenFile(file);
      return { ...state, loggedInAs: token?.login ?? null };
    },
    stop() {
      abort.abort();
    },
  };
}
