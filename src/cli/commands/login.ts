// `streamlens login`: signs a Twitch account in with the device code flow and keeps its token in the data dir;
// `--status` shows who is logged in, `--logout` forgets the token.

import type { Command } from 'commander';
import { formatZonedDateTime } from '../../analytics/lib/time-zone.ts';
import { StreamlensError } from '../../errors.ts';
import { loginScopes } from '../../twitch/auth/login-scopes.ts';
import { deleteTokenFile, readTokenFile, toTokenFilePath, writeTokenFile } from '../../twitch/auth/token-file.ts';
import { pollDeviceToken, requestDeviceCode, validateToken } from '../../twitch/auth/twitch-oauth.ts';
import { toStoredToken } from '../../twitch/auth/user-token.ts';
import { createContext, runCommand } from '../run-command.ts';

interface LoginFlags {
  scopes?: string;
  logout?: boolean;
  status?: boolean;
}

/** Registers `streamlens login`. */
export function registerLoginCommand(program: Command): void {
  program
    .command('login')
    .description('log in to Twitch (device code) so chat and EventSub use your account')
    .option('--scopes <list>', `scopes to ask for, comma or space separated (default: ${loginScopes.join(',')})`)
    .option('--status', 'show who is logged in and with which scopes')
    .option('--logout', 'forget the stored Twitch login')
    .action((flags: LoginFlags, command: Command) =>
      runCommand(async () => {
        const { config, timeZone } = createContext(command);
        const file = toTokenFilePath(config.dataDir);
        const out = (line: string) => process.stdout.write(`${line}\n`);
        if (flags.logout) {
          await deleteTokenFile(file);
          out('Logged out: the stored Twitch login was removed.');
          return 0;
        }
        if (flags.status) {
          const token = await readTokenFile(file);
          if (!token) {
            out('Not logged in. Run `streamlens login`.');
            return 1;
          }
          const valid = await validateToken(config.twitch.authUrl, token.accessToken).catch(() => undefined);
          const expiry = token.expiresAt ? formatZonedDateTime(token.expiresAt, timeZone) : 'never';
          out(`Logged in as ${token.login} (user id ${token.userId})`);
          out(`Scopes: ${token.scopes.join(' ') || '(none)'}`);
          out(
            `Token expires: ${expiry}${valid ? '' : ' (Twitch did not accept it just now; it is refreshed when used)'}`,
          );
          return 0;
        }
        const clientId = config.twitch.clientId;
        if (!clientId) {
          throw new StreamlensError(
            'CONFIG_INVALID',
            'logging in needs a Twitch application client id',
            'register an app at https://dev.twitch.tv/console/apps (client type "Public"), then set STREAMLENS_TWITCH_CLIENT_ID or "twitch": {"clientId": "…"} in streamlens.config.json',
          );
        }
        const scopes = flags.scopes ? flags.scopes.split(/[\s,]+/).filter(Boolean) : loginScopes;
        const authUrl = config.twitch.authUrl;
        const device = await requestDeviceCode(authUrl, clientId, scopes);
        const page = device.verificationUri.split('?')[0];
        out(`Open ${page} and enter ${device.userCode}`);
        out(`(or open ${device.verificationUri}) — waiting up to ${Math.round(device.expiresInSec / 60)} minutes…`);
        const grant = await pollDeviceToken({ authUrl, clientId, scopes, device });
        const who = await validateToken(authUrl, grant.accessToken);
        if (!who)
          throw new StreamlensError(
            'UNAUTHORIZED',
            'Twitch did not accept the new token',
            'run `streamlens login` again',
          );
        const stored = toStoredToken(
          { ...grant, scopes: grant.scopes.length > 0 ? grant.scopes : who.scopes },
          { login: who.login, userId: who.userId, clientId },
          Date.now(),
        );
        await writeTokenFile(file, stored);
        out(`Logged in as ${who.login} with scopes: ${stored.scopes.join(' ')}`);
        return 0;
      }),
    );
}
