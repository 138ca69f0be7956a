// Wires the live collectors for the configured channels: Helix resolves logins to ids when credentials exist,
// the stream poller needs app credentials, chat always runs (anonymously without a login), EventSub needs a user
// token. Stopped in reverse order of starting.

import type { Config } from '../config.ts';
import type { Channel, EpochMs } from '../domain.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Logger } from '../log.ts';
import { toTokenFilePath } from './auth/token-file.ts';
import { createUserTokenStore } from './auth/user-token.ts';
import { type ChatListenerStats, startChatListener } from './chat/chat-listener.ts';
import { type ClipSink, createClipPoller, type PresenceSink } from './clip-poller.ts';
import { type EventSubListenerStats, startEventSubListener } from './eventsub/eventsub-listener.ts';
import { createAppTokenSource } from './helix/app-token.ts';
import { createHelixApi, type HelixApi } from './helix/helix-api.ts';
import { createHelixClient } from './helix/helix-client.ts';
import { toChannel } from './helix/to-domain.ts';
import type { ChannelDirectory } from './irc/translate-irc-line.ts';
import { createPresenceSampler } from './presence-sampler.ts';
import { type OpenStream, type PolledStreams, startStreamPoller } from './stream-poller.ts';

export interface CollectorsOptions {
  config: Config;
  ingest: Ingest;
  log: Logger;
  /** Streams the store still has open, closed at start-up when no longer live. */
  findOpenStreams?: () => Promise<OpenStream[]>;
  /** Collect these logins instead of `config.channels` (a collector's share under channel leases). */
  channels?: readonly string[];
  /** The clock Twitch's timestamps follow (default the real one; the demo passes the simulator's faster clock). */
  clock?: CollectorClock;
  /** Where the live streams' clips go (read from Helix while live and at each stream's end). */
  clips?: ClipSink;
  /** Where chat presence samples go (Get Chatters while live; needs a login with `moderator:read:chatters`). */
  presence?: PresenceSink;
}

/** A clock running `speed` times faster than real time: stamps use `now()`, waits it computes are divided by `speed`. */
export interface CollectorClock {
  now(): EpochMs;
  speed: number;
}

export interface CollectorsStats {
  channels: Channel[];
  polling: boolean;
  chat: ChatListenerStats;
  eventsub: EventSubListenerStats | null;
}

export interface Collectors {
  /**
   * Changes the collected channels without dropping the chat connection: chat joins and parts the difference;
   * the poller and EventSub restart on the new set (a channel under channel leases moving to another process).
   */
  setChannels(logins: readonly string[]): Promise<void>;
  stop(): Promise<void>;
  stats(): CollectorsStats;
}

/** Resolves the channels and starts every collector the configured credentials allow. */
export async function startCollectors(options: CollectorsOptions): Promise<Collectors> {
  const { config, ingest, log } = options;
  const twitch = config.twitch;
  const logins = [...(options.channels ?? config.channels)];
  const clock = options.clock ?? { now: Date.now, speed: 1 };
  const makeApi = (token: Parameters<typeof createHelixClient>[0]['token']): HelixApi =>
    createHelixApi(
      createHelixClient({
        helixUrl: twitch.helixUrl,
        clientId: twitch.clientId!,
        token,
        log: log.child('helix'),
        // Ratelimit-Reset is on Twitch's clock: wait by it, in real time.
        now: clock.now,
        sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms / clock.speed)),
      }),
    );

  const appApi =
    twitch.clientId && twitch.clientSecret
      ? makeApi(
          createAppTokenSource({
            authUrl: twitch.authUrl,
            clientId: twitch.clientId,
            clientSecret: twitch.clientSecret,
          }),
        )
      : undefined;
  const userStore = twitch.clientId
    ? createUserTokenStore({
        authUrl: twitch.authUrl,
        clientId: twitch.clientId,
        clientSecret: twitch.clientSecret,
        file: toTokenFilePath(config.dataDir),
        log: log.child('auth'),
      })
    : undefined;
  const userToken = await userStore?.getUserToken().catch((error: Error) => {
    log.warn('the stored Twitch login is unusable; continuing without it', { error: error.message });
    return undefined;
  });
  const userApi = userStore && userToken ? makeApi(userStore.toTokenSource()) : undefined;

  const directory: ChannelDirectory = new Map();
  const resolver = appApi ?? userApi;
  const resolved = new Map<string, Channel>();
  const resolveChannels = async (wanted: readonly string[]): Promise<Channel[]> => {
    const unknown = wanted.filter((login) => !resolved.has(login));
    if (resolver && unknown.length > 0) {
      for (const channel of (await resolver.getUsers({ logins: unknown })).map(toChannel)) {
        resolved.set(channel.login, channel);
        directory.set(channel.login, channel.id);
        await ingest.upsertChannel(channel);
      }
      const missing = unknown.filter((login) => !resolved.has(login));
      if (missing.length > 0) log.warn('Twitch does not know these channels; check the spelling', { missing });
    }
    return wanted.flatMap((login) => resolved.get(login) ?? []);
  };
  let channels: Channel[] = resolver ? await resolveChannels(logins) : [];
  if (!resolver) {
    log.info(
      'no Twitch credentials: recording chat only, anonymously. Set twitch.clientId and twitch.clientSecret for streams and viewers, and run `streamlens login` for follows, subs and raids',
    );
  }
  // Under channel leases other processes own the other channels: only this process's open streams are its to close.
  const findOpenStreams =
    options.channels && options.findOpenStreams
      ? async () => {
          const mine = new Set(channels.map((c) => c.id));
          return (await options.findOpenStreams!()).filter((s) => mine.has(s.channelId));
        }
      : options.findOpenStreams;

  // What follows a live stream: its clips (any token), and who is in its chat (the login, as a moderator).
  const followers: ((polled: PolledStreams) => Promise<void>)[] = [];
  if (resolver && options.clips)
    followers.push(createClipPoller({ helix: resolver, sink: options.clips, log: log.child('clips') }).onPolled);
  if (options.presence && userApi && userToken?.scopes.includes('moderator:read:chatters'))
    followers.push(
      createPresenceSampler({
        helix: userApi,
        sink: options.presence,
        moderatorId: userToken.userId,
        log: log.child('presence'),
        intervalMs: Math.max(60_000, twitch.pollIntervalSec * 1000),
      }).onPolled,
    );
  else if (options.presence && userApi)
    log.info('not sampling who is in chat (lurkers): the login lacks moderator:read:chatters; run `streamlens login`');
  const onPolled = async (polled: PolledStreams) => {
    for (const follow of followers) await follow(polled);
  };

  const startPoller = () =>
    resolver && channels.length > 0
      ? startStreamPoller({
          helix: resolver,
          ingest,
          channels,
          intervalMs: twitch.pollIntervalSec * 1000,
          log: log.child('poller'),
          now: clock.now,
          findOpenStreams,
          categoryPolling: twitch.categoryPolling,
          onPolled,
        })
      : undefined;
  let poller = startPoller();

  const chatToken =
    userStore && userToken?.scopes.includes('chat:read')
      ? async () => {
          const token = await userStore.getUserToken();
          return token && { login: token.login, accessToken: token.accessToken };
        }
      : undefined;
  const chat = startChatListener({
    url: twitch.chatUrl,
    channels: logins,
    ingest,
    log: log.child('chat'),
    directory,
    token: chatToken,
    now: clock.now,
    joinLimit: { limit: twitch.joinsPer10s, windowMs: 10_500 },
  });

  const startEventSub = () =>
    userApi && userToken && channels.length > 0
      ? startEventSubListener({
          url: twitch.eventsubUrl,
          helix: userApi,
          broadcasterIds: channels.map((c) => c.id),
          userId: userToken.userId,
          scopes: userToken.scopes,
          ingest,
          log: log.child('eventsub'),
        })
      : undefined;
  let eventsub = startEventSub();
  let current = new Set(logins);

  return {
    async setChannels(next) {
      const wanted = new Set(next.map((l) => l.toLowerCase()));
      for (const login of current) if (!wanted.has(login)) chat.part(login);
      for (const login of wanted) if (!current.has(login)) chat.join(login);
      current = wanted;
      await eventsub?.stop();
      await poller?.stop();
      channels = resolver ? await resolveChannels([...wanted]) : [];
      poller = startPoller();
      eventsub = startEventSub();
    },
    async stop() {
      await eventsub?.stop();
      await chat.stop();
      await poller?.stop();
    },
    stats: () => ({ channels, polling: poller !== undefined, chat: chat.stats(), eventsub: eventsub?.stats() ?? null }),
  };
}
