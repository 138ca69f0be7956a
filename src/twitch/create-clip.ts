// Creating a clip as the logged-in user (Helix Create Clip, scope `clips:edit`): Twitch clips the live stream
// around now (about 85 s before the call, 5 s after), answers with the clip's id and edit URL, and lists the clip in
// Get Clips moments later (after 15 s without it, the docs say to assume it failed). The moment the clip was made
// for is noted at once, and the clip's details are stored when Twitch lists it.

import type { Config } from '../config.ts';
import type { EpochMs } from '../domain.ts';
import { StreamlensError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { toTokenFilePath } from './auth/token-file.ts';
import { createUserTokenStore } from './auth/user-token.ts';
import type { ClipSink } from './clip-poller.ts';
import { createHelixApi, type HelixApi } from './helix/helix-api.ts';
import { createHelixClient } from './helix/helix-client.ts';
import { toClip } from './helix/to-domain.ts';

/** Where created clips are noted (the store's `clips`). */
export interface CreatedClipSink extends ClipSink {
  recordRequested(request: {
    id: string;
    channelId: string;
    streamId: string | null;
    momentTs: EpochMs;
    editUrl: string;
    requestedAt: EpochMs;
  }): Promise<void>;
}

export interface ClipRequest {
  channelId: string;
  streamId: string | null;
  /** The moment of the stream the clip is for. */
  momentTs: EpochMs;
  /** Now on the collectors' clock (the simulated one in the demo). */
  now: EpochMs;
}

export interface CreatedClip {
  id: string;
  url: string;
  editUrl: string;
  /** Resolves true once Get Clips lists it (stored then), false after `confirmWithinMs` without it. */
  confirmed: Promise<boolean>;
}

export interface ClipMakerOptions {
  config: Pick<Config, 'twitch' | 'dataDir'>;
  sink: CreatedClipSink;
  log: Logger;
  /** Ask Get Clips this often, for at most `confirmWithinMs` (real ms; default 1 s and 15 s, as Twitch advises). */
  confirmEveryMs?: number;
  confirmWithinMs?: number;
  /** Tests and the demo: the Helix API to use instead of one built from the config and the login's token file. */
  helix?: Pick<HelixApi, 'createClip' | 'getClipsById'>;
}

/** Creates a clip of the channel's live stream now, noting the moment it is for. */
export async function createClipForMoment(options: ClipMakerOptions, request: ClipRequest): Promise<CreatedClip> {
  const helix = options.helix ?? (await createUserHelix(options));
  const created = await helix.createClip(request.channelId);
  await options.sink.recordRequested({
    id: created.id,
    channelId: request.channelId,
    streamId: request.streamId,
    momentTs: request.momentTs,
    editUrl: created.edit_url,
    requestedAt: request.now,
  });
  const everyMs = options.confirmEveryMs ?? 1000;
  const withinMs = options.confirmWithinMs ?? 15_000;
  const confirmed = (async () => {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, everyMs));
      try {
        const clips = (await helix.getClipsById([created.id])).flatMap((c) => toClip(c) ?? []);
        if (clips.length > 0) {
          await options.sink.upsert(clips, request.now);
          return true;
        }
      } catch (error) {
        options.log.debug('clip not listed yet', { id: created.id, error: (error as Error).message });
      }
    }
    options.log.warn('Twitch accepted the clip but never listed it; it probably failed', { id: created.id });
    return false;
  })();
  return { id: created.id, url: `https://clips.twitch.tv/${created.id}`, editUrl: created.edit_url, confirmed };
}

async function createUserHelix(options: ClipMakerOptions): Promise<Pick<HelixApi, 'createClip' | 'getClipsById'>> {
  const { twitch } = options.config;
  if (!twitch.clientId)
    throw new StreamlensError(
      'UNAUTHORIZED',
      'creating clips needs Twitch credentials',
      'set twitch.clientId and run `streamlens login`',
    );
  const users = createUserTokenStore({
    authUrl: twitch.authUrl,
    clientId: twitch.clientId,
    clientSecret: twitch.clientSecret,
    file: toTokenFilePath(options.config.dataDir),
    log: options.log,
  });
  const token = await users.getUserToken();
  if (!token)
    throw new StreamlensError(
      'UNAUTHORIZED',
      'creating clips needs a Twitch login',
      'run `streamlens login` (it asks for clips:edit)',
    );
  if (!token.scopes.includes('clips:edit'))
    throw new StreamlensError(
      'UNAUTHORIZED',
      'the Twitch login lacks the clips:edit scope, so it cannot create clips',
      'log in again with `streamlens login` (or "Log in with Twitch" on the Settings page): it asks for clips:edit',
    );
  return createHelixApi(
    createHelixClient({
      helixUrl: twitch.helixUrl,
      clientId: twitch.clientId,
      token: users.toTokenSource(),
      log: options.log,
    }),
  );
}
