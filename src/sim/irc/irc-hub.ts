// The chat server's switchboard: every IRC session (WebSocket or TCP), who is joined where, delivery of a
// channel's lines to exactly the sessions joined to it (once each), server PINGs, and the IRC faults.

import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { SimChannel } from '../scenario/build-world.ts';
import { IrcSession, type LineTransport } from './irc-session.ts';

export interface IrcHubOptions {
  findChannel(login: string): SimChannel | undefined;
  loginForToken(token: string): { login: string; userId: string } | undefined;
  /** Real milliseconds between server PINGs; a client that has not answered the previous one is dropped. */
  pingIntervalMs?: number;
  /** Real milliseconds a connection still delivers after RECONNECT before the server closes it (default 5 s). */
  reconnectGraceMs?: number;
}

export interface IrcHub {
  /** Serves one WebSocket connection (one or more lines per text frame in, one line per frame out). */
  attachWebSocket(ws: WebSocket): void;
  /** Serves one TCP connection (CRLF- or LF-terminated lines). */
  attachSocket(socket: Socket): void;
  /** Sends a channel line to every session joined there; returns how many received it. */
  deliver(login: string, command: string, line: string): number;
  /** Fault: cuts every connection without a word. */
  dropAll(): void;
  /**
   * Fault: sends RECONNECT to every connection; each keeps delivering for the grace time, then the server closes
   * it (as Twitch does when it restarts a chat server).
   */
  reconnectAll(): void;
  /**
   * Whether no connection can receive the channel's lines because of the server: nobody has joined it yet, or
   * the server itself (a fault, a RECONNECT's end, a missed PONG) cut the last connection that had. A channel
   * the last client left on its own is not cut: what it misses then is the client's loss.
   */
  isCut(login: string): boolean;
  /** Whether any connection has ever joined the channel (before that, a client just had not come yet). */
  wasJoined(login: string): boolean;
  sessionCount(): number;
  stop(): void;
}

/** Starts the hub (its ping timer runs until `stop`). */
export function startIrcHub(options: IrcHubOptions): IrcHub {
  const sessions = new Set<IrcSession>();
  const members = new Map<string, Set<IrcSession>>();
  /** Channels whose last connection the client closed itself (so it was not the server's doing). */
  const leftByClient = new Set<string>();
  const everJoined = new Set<string>();
  /** Sessions the server is closing or has cut. */
  const cutByServer = new WeakSet<IrcSession>();
  const timers = new Set<NodeJS.Timeout>();
  const leave = (session: IrcSession) => {
    if (!sessions.delete(session)) return;
    for (const login of session.joined) {
      const set = members.get(login);
      set?.delete(session);
      if (set?.size === 0 && !cutByServer.has(session)) leftByClient.add(login);
    }
  };
  const cut = (session: IrcSession, how: 'close' | 'destroy') => {
    cutByServer.add(session);
    if (how === 'close') session.close();
    else session.destroy();
    leave(session);
  };
  const open = (transport: LineTransport): IrcSession => {
    const session = new IrcSession({
      transport,
      findChannel: options.findChannel,
      loginForToken: options.loginForToken,
      onJoin: (s, login) => {
        const set = members.get(login) ?? new Set<IrcSession>();
        members.set(login, set);
        set.add(s);
        leftByClient.delete(login);
        everJoined.add(login);
      },
      onPart: (s, login) => {
        const set = members.get(login);
        set?.delete(s);
        if (set?.size === 0) leftByClient.add(login);
      },
    });
    sessions.add(session);
    return session;
  };

  const pinger = setInterval(() => {
    for (const session of sessions) {
      if (session.awaitingPong) {
        cut(session, 'destroy');
        continue;
      }
      session.awaitingPong = true;
      session.send('PING :tmi.twitch.tv');
    }
  }, options.pingIntervalMs ?? 60_000);
  pinger.unref();

  return {
    attachWebSocket(ws) {
      const session = open({
        send: (line) => ws.readyState === ws.OPEN && ws.send(`${line}\r\n`),
        close: () => ws.close(1000),
        destroy: () => ws.terminate(),
      });
      ws.on('message', (data) => {
        for (const line of data.toString().split(/\r?\n/)) if (line) session.receive(line);
      });
      ws.on('close', () => leave(session));
      ws.on('error', () => leave(session));
    },
    attachSocket(socket) {
      socket.setEncoding('utf8');
      socket.setNoDelay(true);
      const session = open({
        send: (line) => {
          if (!socket.destroyed) socket.write(`${line}\r\n`);
        },
        close: () => socket.end(),
        destroy: () => socket.destroy(),
      });
      let buffer = '';
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.replace(/\r$/, '')) session.receive(line.replace(/\r$/, ''));
      });
      socket.on('close', () => leave(session));
      socket.on('error', () => leave(session));
    },
    deliver(login, command, line) {
      let count = 0;
      for (const session of members.get(login) ?? []) {
        if (!session.wants(command)) continue;
        session.send(line);
        count++;
      }
      return count;
    },
    dropAll() {
      for (const session of [...sessions]) cut(session, 'destroy');
    },
    reconnectAll() {
      for (const session of [...sessions]) {
        if (!session.wants('RECONNECT')) continue; // only clients with twitch.tv/commands are told
        session.send(':tmi.twitch.tv RECONNECT');
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (sessions.has(session)) cut(session, 'close');
        }, options.reconnectGraceMs ?? 5000);
        timers.add(timer);
      }
    },
    isCut: (login) => (members.get(login)?.size ?? 0) === 0 && !leftByClient.has(login),
    wasJoined: (login) => everJoined.has(login),
    sessionCount: () => sessions.size,
    stop() {
      clearInterval(pinger);
      for (const timer of timers) clearTimeout(timer);
      for (const session of [...sessions]) {
        session.destroy();
        leave(session);
      }
    },
  };
}
