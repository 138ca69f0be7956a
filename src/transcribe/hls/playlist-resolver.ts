// Turning a channel login into a playlist URL, behind one interface: Twitch's GQL + usher (twitch-resolver),
// an external `streamlink --stream-url`, or a direct m3u8 URL template.

import { execFile } from 'node:child_process';
import type { Config } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import { createTwitchResolver } from './twitch-resolver.ts';

/** Resolves a login to a master (or, for streamlink, media) playlist URL; throws NOT_FOUND when offline. */
export interface PlaylistResolver {
  readonly name: string;
  resolve(login: string, signal?: AbortSignal): Promise<string>;
}

/** A fixed URL with `{login}` substituted (self-hosted restreams, tests). */
export function createUrlResolver(template: string): PlaylistResolver {
  return { name: 'url', resolve: async (login) => template.replaceAll('{login}', encodeURIComponent(login)) };
}

export interface StreamlinkResolverOptions {
  command?: string;
  quality?: string;
  timeoutMs?: number;
}

/** Asks an installed streamlink for the audio_only stream URL (it tracks Twitch's changes faster than we can). */
export function createStreamlinkResolver(options: StreamlinkResolverOptions = {}): PlaylistResolver {
  const command = options.command ?? 'streamlink';
  return {
    name: 'streamlink',
    resolve: (login, signal) =>
      new Promise((resolve, reject) => {
        const args = ['--stream-url', `twitch.tv/${login}`, options.quality ?? 'audio_only,worst'];
        execFile(command, args, { timeout: options.timeoutMs ?? 30_000, signal }, (error, stdout, stderr) => {
          const url = stdout.trim().split('\n').at(-1) ?? '';
          if (!error && /^https?:\/\//.test(url)) return resolve(url);
          if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
            return reject(new StreamlensError('UNAVAILABLE', `${command} is not installed`, 'pipx install streamlink'));
          const why = `${stdout} ${stderr}`.trim().slice(0, 300);
          const offline = /no playable streams|offline|No streams found/i.test(why);
          reject(new StreamlensError(offline ? 'NOT_FOUND' : 'UPSTREAM', `streamlink: ${why || error?.message}`));
        });
      }),
  };
}

/** The resolver the config asks for (transcription.playlistResolver). */
export function createPlaylistResolver(config: Config): PlaylistResolver {
  const t = config.transcription;
  if (t.playlistResolver === 'streamlink') return createStreamlinkResolver();
  if (t.playlistResolver === 'url') {
    if (!t.playlistUrl)
      throw new StreamlensError(
        'CONFIG_INVALID',
        'transcription.playlistResolver is "url" but transcription.playlistUrl is not set',
        'set transcription.playlistUrl to an m3u8 URL containing {login}',
      );
    return createUrlResolver(t.playlistUrl);
  }
  return createTwitchResolver();
}
