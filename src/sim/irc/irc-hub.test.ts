import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SimChannel } from '../scenario/build-world.ts';
import { startIrcHub } from './irc-hub.ts';

/** A hub over fake transports: each client records what it was sent and how it ended. */
function setUp(reconnectGraceMs = 30) {
  const channel = { login: 'alpha', id: '1001' } as SimChannel;
  const hub = startIrcHub({
    findChannel: (login) => (login === 'alpha' ? channel : undefined),
    loginForToken: () => undefined,
    reconnectGraceMs,
  });
  // The hub serves sessions through its attach functions; a fake socket stands in for a TCP client.
  const connect = () => {
    const sent: string[] = [];
    const handlers = new Map<string, (arg?: unknown) => void>();
    let ended: 'open' | 'closed by server' | 'cut by server' = 'open';
    const socket = {
      setEncoding() {},
      setNoDelay() {},
      destroyed: false,
      write(text: string) {
        sent.push(...text.split('\r\n').filter(Boolean));
      },
      end() {
        ended = 'closed by server';
        handlers.get('close')?.();
      },
      destroy() {
        if (ended === 'open') ended = 'cut by server';
        handlers.get('close')?.();
      },
      on(event: string, handler: (arg?: unknown) => void) {
        handlers.set(event, handler);
      },
    };
    hub.attachSocket(socket as never);
    const say = (line: string) => handlers.get('data')?.(`${line}\r\n`);
    say('CAP REQ :twitch.tv/tags twitch.tv/commands');
    say('PASS SCHMOOPIIE');
    say(`NICK justinfan${1000 + Math.floor(Math.random() * 1000)}`);
    return {
      sent,
      say,
      ended: () => ended,
      /** The client closes its own socket. */
      quit: () => handlers.get('close')?.(),
    };
  };
  return { hub, connect };
}

const privmsg = (n: number) => `@id=m${n} :u!u@u.tmi.twitch.tv PRIVMSG #alpha :hello ${n}`;

test('a channel is cut until a client joins, and again when the server cuts its connections', () => {
  const { hub, connect } = setUp();
  assert.equal(hub.isCut('alpha'), true, 'nobody has joined yet');
  const a = connect();
  a.say('JOIN #alpha');
  assert.equal(hub.isCut('alpha'), false);
  assert.equal(hub.deliver('alpha', 'PRIVMSG', privmsg(1)), 1);
  hub.dropAll();
  assert.equal(a.ended(), 'cut by server');
  assert.equal(hub.isCut('alpha'), true);
  assert.equal(hub.deliver('alpha', 'PRIVMSG', privmsg(2)), 0);
  const b = connect();
  b.say('JOIN #alpha');
  assert.equal(hub.isCut('alpha'), false);
  // Leaving on its own is the client's doing: what it misses then is not the server's cut.
  b.say('PART #alpha');
  assert.equal(hub.isCut('alpha'), false);
  b.say('JOIN #alpha');
  b.quit();
  assert.equal(hub.isCut('alpha'), false);
  hub.stop();
});

test('RECONNECT: the old connection keeps delivering for the grace time, then the server closes it', async () => {
  const { hub, connect } = setUp(40);
  const old = connect();
  old.say('JOIN #alpha');
  hub.reconnectAll();
  assert.ok(old.sent.includes(':tmi.twitch.tv RECONNECT'));
  assert.equal(hub.deliver('alpha', 'PRIVMSG', privmsg(1)), 1, 'still delivered after RECONNECT');
  const fresh = connect();
  fresh.say('JOIN #alpha');
  assert.equal(hub.deliver('alpha', 'PRIVMSG', privmsg(2)), 2, 'both connections during the overlap');
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(old.ended(), 'closed by server');
  assert.equal(hub.deliver('alpha', 'PRIVMSG', privmsg(3)), 1);
  assert.equal(hub.isCut('alpha'), false);
  // A client that never moved is cut when the grace ends.
  hub.reconnectAll();
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(fresh.ended(), 'closed by server');
  assert.equal(hub.isCut('alpha'), true);
  hub.stop();
});
