// One IRC client session, whatever carries it (WebSocket or TCP): CAP negotiation, anonymous or token login,
// the welcome numerics, JOIN/PART, PING/PONG. Lines for a channel reach it only while it is joined there.

import type { SimChannel } from '../scenario/build-world.ts';
import { formatRoomstate } from './format-irc-line.ts';

/** Carries IRC lines for one connection (no CRLF in or out). */
export interface LineTransport {
  send(line: string): void;
  /** Closes politely (after what was sent). */
  close(): void;
  /** Cuts the connection at once, as a network drop would. */
  destroy(): void;
}

export interface IrcSessionOptions {
  transport: LineTransport;
  findChannel(login: string): SimChannel | undefined;
  /** The login a chat token belongs to, or undefined when the token is not valid for chat. */
  loginForToken(token: string): { login: string; userId: string } | undefined;
  onJoin(session: IrcSession, login: string): void;
  onPart(session: IrcSession, login: string): void;
}

const knownCaps = ['twitch.tv/tags', 'twitch.tv/commands', 'twitch.tv/membership'];

/** The state of one connection; `receive` takes each line the client sent. */
export class IrcSession {
  readonly caps = new Set<string>();
  readonly joined = new Set<string>();
  nick: string | null = null;
  awaitingPong = false;
  private pass: string | null = null;
  private closed = false;

  constructor(private readonly options: IrcSessionOptions) {}

  /** Handles one line from the client. */
  receive(raw: string): void {
    if (this.closed) return;
    const line = raw.replace(/^@\S+ /, '');
    const [command = '', ...rest] = line.split(' ');
    const args = rest.join(' ');
    switch (command.toUpperCase()) {
      case 'CAP':
        this.handleCap(args);
        return;
      case 'PASS':
        this.pass = args.replace(/^:/, '');
        return;
      case 'NICK':
        this.handleNick(args.replace(/^:/, '').toLowerCase());
        return;
      case 'USER':
        return;
      case 'PING':
        this.send(`:tmi.twitch.tv PONG tmi.twitch.tv ${args.startsWith(':') ? args : `:${args}`}`);
        return;
      case 'PONG':
        this.awaitingPong = false;
        return;
      case 'JOIN':
        this.handleJoin(args);
        return;
      case 'PART':
        this.handlePart(args);
        return;
      case 'PRIVMSG':
        return; // Twitch does not echo a client's own messages; the simulator has no one to deliver them to.
      case 'QUIT':
        this.close();
        return;
      default:
        if (this.nick) this.send(`:tmi.twitch.tv 421 ${this.nick} ${command} :Unknown command`);
    }
  }

  /** Sends a line, without tags when the client did not ask for them. */
  send(line: string): void {
    if (this.closed) return;
    this.options.transport.send(
      !this.caps.has('twitch.tv/tags') && line.startsWith('@') ? line.slice(line.indexOf(' ') + 1) : line,
    );
  }

  /** Whether a channel line of this command should reach this client (commands need the capability). */
  wants(command: string): boolean {
    return command === 'PRIVMSG' || this.caps.has('twitch.tv/commands');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.transport.close();
  }

  destroy(): void {
    this.closed = true;
    this.options.transport.destroy();
  }

  private handleCap(args: string): void {
    const [sub = '', ...rest] = args.split(' ');
    const requested = rest.join(' ').replace(/^:/, '').split(' ').filter(Boolean);
    if (sub.toUpperCase() === 'LS') this.send(`:tmi.twitch.tv CAP * LS :${knownCaps.join(' ')}`);
    if (sub.toUpperCase() === 'REQ') {
      if (requested.every((c) => knownCaps.includes(c))) {
        for (const c of requested) this.caps.add(c);
        this.send(`:tmi.twitch.tv CAP * ACK :${requested.join(' ')}`);
      } else this.send(`:tmi.twitch.tv CAP * NAK :${requested.join(' ')}`);
    }
  }

  private handleNick(nick: string): void {
    const anonymous = /^justinfan\d+$/.test(nick);
    const token = this.pass?.startsWith('oauth:') ? this.pass.slice('oauth:'.length) : null;
    const owner = token === null ? undefined : this.options.loginForToken(token);
    if (!anonymous && owner?.login !== nick) {
      this.send(':tmi.twitch.tv NOTICE * :Login authentication failed');
      this.close();
      return;
    }
    this.nick = nick;
    for (const [code, text] of [
      ['001', 'Welcome, GLHF!'],
      ['002', 'Your host is tmi.twitch.tv'],
      ['003', 'This server is rather new'],
      ['004', '-'],
      ['375', '-'],
      ['372', 'You are in a maze of twisty passages, all alike.'],
      ['376', '>'],
    ])
      this.send(`:tmi.twitch.tv ${code} ${nick} :${text}`);
    if (owner && this.caps.has('twitch.tv/commands'))
      this.send(
        `@badge-info=;badges=;color=;display-name=${nick};emote-sets=0;user-id=${owner.userId};user-type= :tmi.twitch.tv GLOBALUSERSTATE`,
      );
  }

  private handleJoin(args: string): void {
    if (!this.nick) return;
    const nick = this.nick;
    for (const name of args.replace(/^:/, '').split(',')) {
      const login = name.trim().replace(/^#/, '').toLowerCase();
      const channel = this.options.findChannel(login);
      if (!channel || this.joined.has(login)) continue; // Twitch quietly drops JOINs of unknown channels.
      this.joined.add(login);
      this.options.onJoin(this, login);
      this.send(`:${nick}!${nick}@${nick}.tmi.twitch.tv JOIN #${login}`);
      this.send(`:${nick}.tmi.twitch.tv 353 ${nick} = #${login} :${nick}`);
      this.send(`:${nick}.tmi.twitch.tv 366 ${nick} #${login} :End of /NAMES list`);
      if (this.wants('ROOMSTATE')) this.send(formatRoomstate(channel));
    }
  }

  private handlePart(args: string): void {
    if (!this.nick) return;
    for (const name of args.replace(/^:/, '').split(',')) {
      const login = name.trim().replace(/^#/, '').toLowerCase();
      if (!this.joined.delete(login)) continue;
      this.options.onPart(this, login);
      this.send(`:${this.nick}!${this.nick}@${this.nick}.tmi.twitch.tv PART #${login}`);
    }
  }
}
