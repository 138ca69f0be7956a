// Our own Twitch chat client: logs in (anonymously as justinfan… unless a user token is given), joins channels
// within the rate limit, answers PINGs, detects dead sockets, reconnects with backoff and rejoins (after a
// RECONNECT without a gap), pauses reading when the ingest asks, and pushes every translated chat line into the
// ingest. Kept lean per line: 50,000 messages/s must pass through one listener.

import type { EpochMs } from '../../domain.ts';
import type { Ingest } from '../../ingest/ingest.ts';
import type { Logger } from '../../log.ts';
import { type ChannelDirectory, translateIrcLine } from '../irc/translate-irc-line.ts';
import { type IrcSocket, openIrcSocket } from './irc-socket.ts';
import { createJoinScheduler } from './join-scheduler.ts';

export interface ChatCredentials {
  login: string;
  accessToken: string;
}

export interface ChatListenerOptions {
  /** `wss://irc-ws.chat.twitch.tv:443`, `ws://…`, `irc://host:6667` or `ircs://host:6697`. */
  url: string;
  /** Channel logins to join. */
  channels: readonly string[];
  ingest: Ingest;
  log: Logger;
  /** A user token for chat (`chat:read`); anonymous when absent or when it resolves to undefined. */
  token?: () => Promise<ChatCredentials | undefined>;
  /** login → channel id; pre-fill it with ids known from Helix. */
  directory?: ChannelDirectory;
  /** Sees every raw line (debugging, recording). */
  onLine?: (line: string) => void;
  /** Reconnect delays: doubled per failed attempt, with jitter (default 1 s … 60 s). */
  backoff?: { initialMs: number; maxMs: number };
  /** Silence after which we PING; twice this without any line means the socket is dead (default 60 s). */
  keepaliveMs?: number;
  /** Join rate limit (default 20 per 10.5 s). */
  joinLimit?: { limit: number; windowMs: number };
  now?: () => number;
}

export interface ChatListenerStats {
  connected: boolean;
  channels: number;
  lines: number;
  messages: number;
  events: number;
  dropped: Record<string, number>;
  reconnects: number;
  /** The last time chat was not connected: from the drop to the next successful login (null while still down). */
  lastDisconnect: { from: EpochMs; to: EpochMs | null } | null;
}

export interface ChatListener {
  stop(): Promise<void>;
  join(login: string): void;
  part(login: string): void;
  stats(): ChatListenerStats;
}

/** One IRC connection and what we know of it. */
interface Connection {
  socket: IrcSocket;
  nick: string;
  registered: boolean;
  /** Channels whose JOIN this connection's server confirmed. */
  joined: Set<string>;
  /** Whether anything arrived since the last keepalive check, and whether we PINGed since. */
  sawData: boolean;
  pingSent: boolean;
}

/**
 * Connects right away and keeps the connection up until `stop()`. On RECONNECT (Twitch restarting a chat
 * server) a new connection is opened and joined while the old one still delivers; the old one is closed only
 * once the new one has every channel, so nothing sent meanwhile is missed (the ingest drops what both saw).
 */
export function startChatListener(options: ChatListenerOptions): ChatListener {
  const { ingest, log } = options;
  const now = options.now ?? Date.now;
  const directory: ChannelDirectory = options.directory ?? new Map();
  const channels = new Set(options.channels.map(toLogin));
  const announced = new Set([...channels].filter((login) => directory.has(login)));
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  const keepaliveMs = options.keepaliveMs ?? 60_000;
  const dropped: Record<string, number> = Object.create(null);
  let lines = 0;
  let messages = 0;
  let events = 0;
  let reconnects = 0;
  let attempt = 0;
  let lastDisconnect: ChatListenerStats['lastDisconnect'] = null;
  let knownIds = directory.size;
  let stopped = false;
  let forceAnonymous = false;
  /** The newest connection: joins and parts go to it. */
  let current: Connection | undefined;
  /** The connection a RECONNECT retired: it delivers until `current` has joined every channel. */
  let retiring: Connection | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let paused = false;

  const send = (line: string) => current?.socket.send(line);
  const joins = createJoinScheduler({ send, ...options.joinLimit, now });

  const announceChannels = () => {
    knownIds = directory.size;
    for (const login of channels) {
      if (announced.has(login)) continue;
      const id = directory.get(login);
      if (id === undefined) continue;
      announced.add(login);
      ingest.upsertChannel({ id, login }).catch((error: Error) => {
        log.warn('could not store channel', { login, error: error.message });
      });
    }
  };

  const markDown = () => {
    if (lastDisconnect === null || lastDisconnect.to !== null) lastDisconnect = { from: now(), to: null };
  };
  const markUp = () => {
    if (lastDisconnect && lastDisconnect.to === null) lastDisconnect.to = now();
  };

  /** Closes the retired connection once the new one has every channel. */
  const retireWhenJoined = () => {
    if (!retiring || !current?.registered) return;
    for (const login of channels) if (!current.joined.has(login)) return;
    const old = retiring;
    retiring = undefined;
    log.info('chat moved to the new connection; closing the old one');
    old.socket.close();
  };

  let onParted: ((channel: string) => void) | undefined;
  const onControl = (
    connection: Connection,
    command: string,
    channel: string | null,
    params: string[],
    line: string,
  ) => {
    if (command === 'PING') connection.socket.send(`PONG :${params[params.length - 1] ?? 'tmi.twitch.tv'}`);
    else if (command === 'PART') {
      if (connection === current) onParted?.(toLogin(params[0] ?? ''));
    } else if (command === 'JOIN' || command === '366' || command === 'ROOMSTATE') {
      // Our own JOIN echoed, the end of the NAMES list or the room's state: the server has us in the channel.
      if (channel !== null && (command !== 'JOIN' || line.startsWith(`:${connection.nick}!`))) {
        connection.joined.add(channel.toLowerCase());
        if (connection === current) retireWhenJoined();
      }
    } else if (command === '001') {
      connection.registered = true;
      if (connection !== current) return;
      attempt = 0;
      if (!retiring) markUp();
      log.info('connected to chat', { channels: channels.size });
      joins.enqueue(channels);
    } else if (command === 'RECONNECT') {
      if (connection !== current) return; // the retiring one repeating itself
      log.info('chat server asked us to reconnect; opening a new connection before closing this one');
      retiring?.socket.close();
      retiring = connection;
      current = undefined;
      joins.reset();
      reconnects++;
      void connect();
    } else if (command === 'NOTICE' && !connection.registered) {
      // Before 001 a NOTICE means the login failed (bad or expired token): fall back to anonymous reading.
      log.error('chat login failed; reading chat anonymously until restart', { notice: params[params.length - 1] });
      forceAnonymous = true;
      connection.socket.close();
    }
  };

  const onLine = (connection: Connection, line: string) => {
    lines++;
    connection.sawData = true;
    options.onLine?.(line);
    const t = translateIrcLine(line, directory);
    if (t.kind === 'message') {
      messages++;
      ingest.push(t);
    } else if (t.kind === 'event') {
      events++;
      ingest.push(t);
    } else if (t.kind === 'dropped') dropped[t.reason] = (dropped[t.reason] ?? 0) + 1;
    else onControl(connection, t.command, t.channel, t.params, line);
    if (directory.size !== knownIds) announceChannels();
  };

  const scheduleReconnect = () => {
    const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt++);
    // Jitter spreads many collectors reconnecting after one Twitch restart.
    const delay = base / 2 + Math.random() * (base / 2);
    reconnectTimer = setTimeout(() => {
      reconnects++;
      void connect();
    }, delay);
  };

  const connect = async () => {
    if (stopped) return;
    let credentials: ChatCredentials | undefined;
    if (!forceAnonymous && options.token) {
      try {
        credentials = await options.token();
      } catch (error) {
        log.warn('no usable chat token; reading chat anonymously', { error: (error as Error).message });
      }
    }
    if (stopped) return;
    const nick = credentials?.login ?? `justinfan${10_000 + Math.floor(Math.random() * 89_999)}`;
    const connection: Connection = {
      socket: undefined as unknown as IrcSocket,
      nick,
      registered: false,
      joined: new Set(),
      sawData: true,
      pingSent: false,
    };
    current = connection;
    connection.socket = openIrcSocket(options.url, {
      onOpen: () => {
        connection.socket.send('CAP REQ :twitch.tv/tags twitch.tv/commands');
        connection.socket.send(credentials ? `PASS oauth:${credentials.accessToken}` : 'PASS SCHMOOPIIE');
        connection.socket.send(`NICK ${nick}`);
      },
      onLine: (line) => {
        if (connection === current || connection === retiring) onLine(connection, line);
      },
      onClose: (reason) => {
        if (connection === retiring) {
          retiring = undefined;
          // The server closed the old connection before the new one was in every channel.
          if (!stopped && !(current?.registered && [...channels].every((c) => current!.joined.has(c)))) markDown();
          return;
        }
        if (connection !== current) return;
        current = undefined;
        joins.reset();
        if (stopped) return;
        if (!retiring) markDown();
        log.warn('chat connection lost; reconnecting', { reason });
        scheduleReconnect();
      },
    });
    if (paused) connection.socket.pause();
  };

  const keepalive = setInterval(() => {
    const connection = current;
    // A paused socket is silent by our choice, not the server's.
    if (!connection || paused) return;
    if (connection.sawData) {
      connection.sawData = false;
      connection.pingSent = false;
    } else if (!connection.pingSent) {
      connection.pingSent = true;
      connection.socket.send('PING :streamlens');
    } else {
      log.warn('chat connection silent after PING; reconnecting');
      connection.socket.close();
    }
  }, keepaliveMs);
  keepalive.unref();

  // The ingest asks to stop reading while it holds too much in memory: the server's lines wait in the socket.
  const stopListening = ingest.onBackpressure((pause) => {
    paused = pause;
    for (const connection of [current, retiring]) {
      if (!connection) continue;
      if (pause) connection.socket.pause();
      else {
        connection.sawData = true;
        connection.socket.resume();
      }
    }
  });

  void connect();

  return {
    async stop() {
      stopped = true;
      stopListening();
      clearTimeout(reconnectTimer);
      clearInterval(keepalive);
      joins.stop();
      const connection = current;
      if (paused) for (const c of [connection, retiring]) c?.socket.resume();
      if (connection?.registered && channels.size > 0) {
        // Leave every channel and keep reading until the server confirms (or a second passes): lines it had
        // already sent are still processed instead of being cut off with the socket.
        const pending = new Set(channels);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          onParted = (channel) => {
            pending.delete(channel);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          };
          for (const channel of channels) send(`PART #${channel}`);
        });
        onParted = undefined;
      }
      retiring?.socket.close();
      retiring = undefined;
      connection?.socket.close();
      current = undefined;
    },
    join(login) {
      const name = toLogin(login);
      if (channels.has(name)) return;
      channels.add(name);
      // A channel added while running (e.g. taken over from a dead collector) is joined before the backlog.
      if (current?.registered) joins.enqueue([name], { first: true });
    },
    part(login) {
      const name = toLogin(login);
      if (!channels.delete(name)) return;
      joins.remove(name);
      if (current?.registered) send(`PART #${name}`);
      retiring?.socket.send(`PART #${name}`);
      retireWhenJoined();
    },
    stats: () => ({
      connected: current?.registered ?? false,
      channels: channels.size,
      lines,
      messages,
      events,
      dropped: { ...dropped },
      reconnects,
      lastDisconnect: lastDisconnect && { ...lastDisconnect },
    }),
  };
}

function toLogin(login: string): string {
  return login.replace(/^#/, '').toLowerCase();
}
