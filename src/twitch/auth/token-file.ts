// The user token on disk: `<dataDir>/twitch-token.json`, readable only by its owner (file 0600, folder 0700),
// replaced atomically so a crash mid-write never leaves half a token. Its tokens are registered as secrets
// whenever they are read or written, so no log line or message carries them.

import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { registerSecrets } from '../../mask-secrets.ts';

export const storedTokenSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().nullable(),
  /** Epoch ms; null for tokens that do not expire. */
  expiresAt: z.number().nullable(),
  scopes: z.array(z.string()),
  login: z.string(),
  userId: z.string(),
  clientId: z.string(),
});
export type StoredToken = z.infer<typeof storedTokenSchema>;

/** Where the user token of this data dir lives. */
export function toTokenFilePath(dataDir: string): string {
  return join(dataDir, 'twitch-token.json');
}

/** The stored token, or undefined when there is none (or it is unreadable, which means "log in again"). */
export async function readTokenFile(path: string): Promise<StoredToken | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = storedTokenSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    registerSecrets([parsed.data.accessToken, parsed.data.refreshToken]);
    return parsed.data;
  } catch {
    return undefined;
  }
}

/**
 * Registers the stored token's values as secrets without using it (every command does this at start, so even one
 * that never talks to Twitch masks them when something echoes them).
 */
export function registerTokenFileSecrets(path: string): void {
  try {
    const parsed = storedTokenSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) registerSecrets([parsed.data.accessToken, parsed.data.refreshToken]);
  } catch {
    // No token file (or an unreadable one): nothing to mask.
  }
}

/** Writes the token with mode 0600 in a 0700 folder. */
export async function writeTokenFile(path: string, token: StoredToken): Promise<void> {
  registerSecrets([token.accessToken, token.refreshToken]);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(token, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode only applies to new files and is filtered by the umask: set it explicitly.
  await chmod(temp, 0o600);
  await rename(temp, path);
}

/** Removes the stored token (logout). */
export async function deleteTokenFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
