import assert from 'node:assert/strict';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { createRecordingIngest, type RecordingIngest } from '../../../test/support/create-recording-ingest.ts';
import { readTwitchFixtureLines } from '../../../test/support/read-twitch-fixture.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import type { ChatMessage } from '../../domain.ts';
import { silentLogger } from '../../log.ts';
import { startChatListener } from './chat-listener.ts';

const ircFixture = (name: string) => readTwitchFixtureLines(`irc/${name}`);
const roomIds: Record<string, string> = { pajlada: '11148817', randers: '40286300' };
const roomstate = ircFixture('roomstate-full-on-join.txt')[0]!;

// A loopback Twitch IRC fake speaking the real handshake: 001 after NICK, JOIN echo + ROOMSTATE per joined
// channel, PONG for PING (unless muted). Tests drive it through the connection objects it records.
interface FakeConnection {
  received: string[];
  mute: boolean;
  /** Resolves when the client has closed this connection. */
  closed: Promise<void>;
  send(text: string): void;
  drop(): void;
  waitForLine(predicate: (line: string) => boolean): Promise<string>;
}

/** `silentJoins`: connections (by index) that never confirm a JOIN, as a server failing mid-handshake. */
function createFakeIrc(transport: 'ws' | 'tcp', options: { silentJoins?: number[] } = {}) {
  const connections: FakeConnection[] = [];
  const accept = (write: (text: string) => void, drop: () => void, closed: Promise<void>) => {
    const connection: FakeConnection = {
      received: [],
      mute: false,
      closed,
      send: write,
      drop,
      waitForLine: (predicate) =>
        waitFor(() => connection.received.find(predicate), {
          what: `the client to send a line where ${predicate}`,
          detail: () => connection.received,
        }),
    };
    const silentJoins = options.silentJoins?.includes(connections.length) ?? false;
    connections.push(connection);
    const onLine = (line: string) => {
      connection.received.push(line);
      const [command, arg = ''] = line.split(' ');
      if (command === 'NICK') write(`:tmi.twitch.tv 001 ${arg} :Welcome, GLHF!\r\n`);
      if (command === 'PING' && !connection.mute) write(`:tmi.twitch.tv PONG tmi.twitch.tv ${line.slice(5)}\r\n`);
      if (command === 'JOIN' && !silentJoins)
        for (const channel of arg.split(',')) {
          const login = channel.slice(1);
          write(`:justinfan1!justinfan1@justinfan1.tmi.twitch.tv JOIN ${channel}\r\n`);
          write(`${roomstate.replace('40286300', roomIds[login] ?? '1').replace('#randers', channel)}\r\n`);
        }
    };
    return onLine;
  };

  let url = '';
  let close: () => void;
  const ready = new Promise<void>((resolve) => {
    if (transport === 'ws') {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
        url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
        resolve();
      });
      wss.on('connection', (ws) => {
        const onLine = accept(
          (text) => ws.send(text),
          () => ws.terminate(),
          new Promise((resolve) => ws.once('close', () => resolve())),
        );
        ws.on('message', (data) => {
          for (const line of data.toString().split('\r\n')) if (line) onLine(line);
        });
      });
      close = () => {
        for (const client of wss.clients) client.terminate();
        wss.close();
      };
    } else {
      const sockets = new Set<Socket>();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.setEncoding('utf8');
        const onLine = accept(
          (text) => socket.write(text),
          () => socket.destroy(),
          new Promise((resolve) => socket.once('close', () => resolve())),
        );
        let rest = '';
        socket.on('data', (chunk: string) => {
          const parts = (rest + chunk).split('\r\n');
          rest = parts.pop() ?? '';
          for (const line of parts) if (line) onLine(line);
        });
        socket.on('error', () => {});
      });
      server.listen(0, '127.0.0.1', () => {
        url = `irc://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      });
      close = () => {
        for (const s of sockets) s.destroy();
        server.close();
      };
    }
  });
  return {
    ready,
    get url() {
      return url;
    },
    connections,
    connection: (index: number): Promise<FakeConnection> =>
      waitFor(() => connections[index], { what: `chat connection #${index + 1} to the fake` }),
    close: () => close(),
  };
}

const messages = (ingest: RecordingIngest) =>
  ingest.records.flatMap((r) => (r.kind === 'message' ? [r.message as ChatMessage] : []));
const privmsgLines = [
  ...ircFixture('privmsg-plain.txt'),
  ...ircFixture('privmsg-emotes-multiple.txt'),
  ...ircFixture('privmsg-reply-parent.txt'),
];

describe('startChatListener', () => {
  const fakes: { close(): void }[] = [];
  after(() => {
    for (const fake of fakes) fake.close();
  });

  it('over WebSocket: logs in anonymously, joins in one batch, stores PRIVMSGs and answers PING', async () => {
    const fake = createFakeIrc('ws');
    fakes.push(fake);
    await fake.ready;
    const ingest = createRecordingIngest();
    const chat = startChatListener({ url: fake.url, channels: ['pajlada', '#Randers'], ingest, log: silentLogger });
    const conn = await fake.connection(0);
    await conn.waitForLine((l) => l.startsWith('JOIN'));
    assert.equal(conn.received[0], 'CAP REQ :twitch.tv/tags twitch.tv/commands');
    assert.equal(conn.received[1], 'PASS SCHMOOPIIE');
    assert.match(conn.received[2] ?? '', /^NICK justinfan\d+$/);
    assert.equal(conn.received[3], 'JOIN #pajlada,#randers');
    await ingest.waitFor((i) => i.channels.length === 2, { what: 'both channels to be stored' });
    assert.deepEqual(ingest.channels.map((c) => [c.login, c.id]).sort(), [
      ['pajlada', '11148817'],
      ['randers', '40286300'],
    ]);

    // Several CRLF-separated lines in one frame, then a PING.
    conn.send(`${privmsgLines.join('\r\n')}\r\n`);
    conn.send(`${ircFixture('ping-from-server.txt')[0]}\r\n`);
    await conn.waitForLine((l) => l === 'PONG :tmi.twitch.tv');
    await ingest.waitFor((i) => messages(i).length === privmsgLines.length, { what: 'every PRIVMSG of the frame' });
    assert.equal(messages(ingest)[0]?.id, 'e9d998c3-36f1-430f-89ec-6b887c28af36');
    assert.equal(messages(ingest)[0]?.text, 'dank cam');
    assert.equal(chat.stats().messages, privmsgLines.length);
    assert.equal(chat.stats().connected, true);

    // Lines are handled in order, so once the PONG for `second` is back the bad line was seen.
    conn.send('PRIVMSG #pajlada :no tags at all\r\nPING :second\r\n');
    await conn.waitForLine((l) => l === 'PONG :second');
    assert.equal(
      Object.values(chat.stats().dropped).reduce((a, b) => a + b, 0),
      1,
    );
    await chat.stop();
  });

  it('on RECONNECT joins a new connection before closing the old one: nothing missed, nothing repeated', async () => {
    const fake = createFakeIrc('ws');
    fakes.push(fake);
    await fake.ready;
    const ingest = createRecordingIngest();
    const chat = startChatListener({
      url: fake.url,
      channels: ['pajlada', 'randers'],
      ingest,
      log: silentLogger,
      backoff: { initialMs: 5_000, maxMs: 10_000 }, // no backoff wait may be involved
    });
    const first = await fake.connection(0);
    await first.waitForLine((l) => l.startsWith('JOIN'));
    const [plain, emotes, reply] = privmsgLines as [string, string, string];
    // The old server keeps delivering after RECONNECT until it closes the connection.
    first.send(`${plain}\r\n${ircFixture('reconnect.txt')[0]}\r\n${emotes}\r\n`);
    const second = await fake.connection(1);
    assert.equal(await second.waitForLine((l) => l.startsWith('JOIN')), 'JOIN #pajlada,#randers');
    await first.closed; // closed by the client once the new connection confirmed both channels
    second.send(`${reply}\r\n`);
    await ingest.waitFor((i) => messages(i).length === 3, { what: 'the messages of both connections' });
    assert.deepEqual(
      messages(ingest).map((m) => m.text),
      [plain, emotes, reply].map((l) => l.slice(l.indexOf(' :', l.indexOf('PRIVMSG')) + 2)),
    );
    assert.equal(ingest.channels.length, 2, 'channels are stored once');
    const stats = chat.stats();
    assert.equal(stats.reconnects, 1);
    assert.equal(stats.lastDisconnect, null, 'chat was never without a connection');
    assert.equal(stats.connected, true);
    await chat.stop();
  });

  it('after RECONNECT, a new connection that fails is retried while the old one still delivers', async () => {
    const fake = createFakeIrc('tcp', { silentJoins: [1] });
    fakes.push(fake);
    await fake.ready;
    const ingest = createRecordingIngest();
    const chat = startChatListener({
      url: fake.url,
      channels: ['pajlada'],
      ingest,
      log: silentLogger,
      backoff: { initialMs: 5, maxMs: 20 },
    });
    const first = await fake.connection(0);
    await first.waitForLine((l) => l.startsWith('JOIN'));
    first.send(`${ircFixture('reconnect.txt')[0]}\r\n`);
    const second = await fake.connection(1);
    await second.waitForLine((l) => l.startsWith('JOIN'));
    second.drop(); // before it confirmed the channel: the old connection is still the one delivering
    first.send(`${privmsgLines[0]}\r\n`);
    const third = await fake.connection(2);
    await third.waitForLine((l) => l === 'JOIN #pajlada');
    await first.closed;
    third.send(`${privmsgLines[1]}\r\n`);
    await ingest.waitFor((i) => messages(i).length === 2, { what: 'a message from the old and the third connection' });
    await chat.stop();
  });

  it('stops reading while the ingest asks it to, without taking the silence for a dead socket', async () => {
    const fake = createFakeIrc('tcp');
    fakes.push(fake);
    await fake.ready;
    const ingest = createRecordingIngest();
    let tell: (paused: boolean) => void = () => {};
    ingest.onBackpressure = (listener) => {
      tell = listener;
      return () => {};
    };
    const chat = startChatListener({
      url: fake.url,
      channels: ['pajlada'],
      ingest,
      log: silentLogger,
      keepaliveMs: 20,
    });
    const first = await fake.connection(0);
    await first.waitForLine((l) => l === 'JOIN #pajlada');
    tell(true);
    first.send(`${privmsgLines[0]}\r\n`);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(messages(ingest).length, 0, 'nothing read while paused');
    assert.equal(fake.connections.length, 1, 'no reconnect while paused');
    tell(false);
    await ingest.waitFor((i) => messages(i).length === 1, { what: 'the message once reading resumed' });
    await chat.stop();
  });

  it('over TCP: logs in with a token, reassembles split lines, and reconnects after the socket drops', async () => {
    const fake = createFakeIrc('tcp');
    fakes.push(fake);
    await fake.ready;
    const ingest = createRecordingIngest();
    const chat = startChatListener({
      url: fake.url,
      channels: ['pajlada'],
      ingest,
      log: silentLogger,
      token: async () => ({ login: 'streamlensbot', accessToken: 'abc123token' }),
      backoff: { initialMs: 5, maxMs: 20 },
    });
    const first = await fake.connection(0);
    await first.waitForLine((l) => l.startsWith('JOIN'));
    assert.deepEqual(first.received.slice(1, 3), ['PASS oauth:abc123token', 'NICK streamlensbot']);
    const line = `${ircFixture('privmsg-korean-display-name.txt')[0]}\r\n`;
    first.send(line.slice(0, 40));
    await new Promise((r) => setTimeout(r, 10));
    first.send(line.slice(40));
    await ingest.waitFor((i) => messages(i).length === 1, { what: 'the message split over two TCP packets' });
    first.drop();
    const second = await fake.connection(1);
    await second.waitForLine((l) => l === 'JOIN #pajlada');
    second.send(`${ircFixture('privmsg-plain.txt')[0]}\r\n`);
    await ingest.waitFor((i) => messages(i).length === 2, { what: 'the message sent after the reconnect' });
    assert.equal(chat.stats().reconnects, 1);
    await chat.stop();
  });

  it('treats a silent socket as dead: PING, then reconnect', async () => {
    const fake = createFakeIrc('tcp');
    fakes.push(fake);
    await fake.ready;
    const ingest = createRecordingIngest();
    const chat = startChatListener({
      url: fake.url,
      channels: ['pajlada'],
      ingest,
      log: silentLogger,
      keepaliveMs: 30,
      backoff: { initialMs: 5, maxMs: 20 },
    });
    const first = await fake.connection(0);
    first.mute = true;
    await first.waitForLine((l) => l === 'PING :streamlens');
    const second = await fake.connection(1);
    await second.waitForLine((l) => l === 'JOIN #pajlada');
    assert.ok(chat.stats().reconnects >= 1);
    await chat.stop();
  });

  it('joins and parts at runtime', async () => {
    const fake = createFakeIrc('ws');
    fakes.push(fake);
    await fake.ready;
    const chat = startChatListener({
      url: fake.url,
      channels: ['pajlada'],
      ingest: createRecordingIngest(),
      log: silentLogger,
    });
    const conn = await fake.connection(0);
    await conn.waitForLine((l) => l === 'JOIN #pajlada');
    chat.join('Randers');
    await conn.waitForLine((l) => l === 'JOIN #randers');
    chat.part('pajlada');
    await conn.waitForLine((l) => l === 'PART #pajlada');
    assert.equal(chat.stats().channels, 1);
    await chat.stop();
  });
});
