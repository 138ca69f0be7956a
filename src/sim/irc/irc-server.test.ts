import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { makeTestScenario } from '../../../test/support/make-test-scenario.ts';
import { translateIrcLine } from '../../twitch/irc/translate-irc-line.ts';
import { type RunningSimulator, startSimulator } from '../start-simulator.ts';

let sim: RunningSimulator;
before(async () => {
  // 120× speed: the streams start after half a real second and chat every few real milliseconds.
  sim = await startSimulator({ scenario: makeTestScenario(), speed: 120 });
});
after(() => sim.stop());

/** Collects lines from a client until `until` holds for them (or fails after a real-time cap). */
function collect(
  subscribe: (push: (line: string) => void) => void,
  until: (lines: string[]) => boolean,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const cap = setTimeout(
      () => reject(new Error(`timed out with ${lines.length} lines:\n${lines.slice(0, 20).join('\n')}`)),
      8000,
    );
    subscribe((line) => {
      lines.push(line);
      if (until(lines)) {
        clearTimeout(cap);
        resolve(lines);
      }
    });
  });
}

const privmsgsIn = (lines: string[], channel: string) => lines.filter((l) => l.includes(` PRIVMSG #${channel} :`));
const enough = (lines: string[]) => privmsgsIn(lines, 'alpha').length >= 20 && privmsgsIn(lines, 'bravo').length >= 20;

function checkChat(lines: string[]): void {
  const caps = lines.indexOf(':tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands');
  const welcome = lines.findIndex((l) => / 001 justinfan\d+ :Welcome, GLHF!$/.test(l));
  const motdEnd = lines.findIndex((l) => / 376 justinfan\d+ :>$/.test(l));
  assert.ok(caps >= 0 && welcome > caps && motdEnd > welcome, lines.slice(0, 10).join('\n'));
  for (const channel of ['alpha', 'bravo']) {
    const join = lines.findIndex((l) => l.endsWith(`JOIN #${channel}`));
    const names = lines.findIndex((l) => l.includes(` 366 `) && l.includes(`#${channel} `));
    const room = lines.findIndex((l) => l.endsWith(`ROOMSTATE #${channel}`));
    assert.ok(join > motdEnd && names > join && room > names, `join sequence for #${channel}`);
  }
  const directory = new Map<string, string>();
  const ids = new Set<string>();
  for (const line of [...privmsgsIn(lines, 'alpha'), ...privmsgsIn(lines, 'bravo')]) {
    const result = translateIrcLine(line, directory);
    assert.equal(result.kind, 'message', line);
    if (result.kind !== 'message') continue;
    assert.ok(!ids.has(result.message.id), 'a line arrived twice');
    ids.add(result.message.id);
    assert.ok(result.message.channelId === '1001' || result.message.channelId === '1002');
  }
}

test('a WebSocket client (subprotocol irc) logs in anonymously, joins two channels and receives their chat', async () => {
  const ws = new WebSocket(sim.urls.chatUrl, 'irc');
  const lines = await collect((push) => {
    ws.on('message', (data) => {
      for (const l of data.toString().split('\r\n')) if (l) push(l);
    });
    ws.on('open', () => {
      assert.equal(ws.protocol, 'irc');
      ws.send('CAP REQ :twitch.tv/tags twitch.tv/commands\r\nPASS SCHMOOPIE\r\nNICK justinfan12345');
      ws.send('JOIN #alpha,#bravo');
      ws.send('PING :probe');
    });
  }, enough);
  ws.close();
  assert.ok(lines.includes(':tmi.twitch.tv PONG tmi.twitch.tv :probe'));
  checkChat(lines);
});

test('a TCP client with a token from the simulator logs in and receives chat of both channels', async () => {
  const { accessToken } = sim.issueUserToken('alpha', ['chat:read']);
  const socket: Socket = connect(Number(new URL(sim.urls.chatTcpUrl).port), '127.0.0.1');
  let buffer = '';
  const lines = await collect((push) => {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const parts = (buffer + chunk).split('\r\n');
      buffer = parts.pop() ?? '';
      for (const l of parts) push(l);
    });
    socket.write(`CAP REQ :twitch.tv/tags twitch.tv/commands\r\nPASS oauth:${accessToken}\r\nNICK alpha\r\n`);
    socket.write('JOIN #alpha\r\nJOIN #bravo\n');
  }, enough);
  socket.destroy();
  checkChat(
    lines.map((l) =>
      l
        .replaceAll('alpha!alpha', 'justinfan1!justinfan1')
        .replace(/ (001|376) alpha /, ' $1 justinfan1 ')
        .replaceAll(':alpha.tmi', ':justinfan1.tmi')
        .replaceAll(' 366 alpha ', ' 366 justinfan1 '),
    ),
  );
  assert.ok(lines.some((l) => l.endsWith('GLOBALUSERSTATE')));
});

test('a token the simulator never issued gets "Login authentication failed" and is disconnected', async () => {
  const ws = new WebSocket(sim.urls.chatUrl, 'irc');
  const received: string[] = [];
  const code = await new Promise<number>((resolve) => {
    ws.on('message', (d) => received.push(d.toString().trim()));
    ws.on('open', () => ws.send('PASS oauth:nottoken\r\nNICK someone'));
    ws.on('close', (c) => resolve(c));
  });
  assert.deepEqual(received, [':tmi.twitch.tv NOTICE * :Login authentication failed']);
  assert.equal(code, 1000);
});

test('a client joined to one channel gets nothing from the other, and PART stops delivery', async () => {
  const ws = new WebSocket(sim.urls.chatUrl, 'irc');
  const all: string[] = [];
  await collect(
    (push) => {
      ws.on('message', (d) => {
        for (const l of d.toString().split('\r\n'))
          if (l) {
            all.push(l);
            push(l);
          }
      });
      ws.on('open', () => ws.send('CAP REQ :twitch.tv/tags twitch.tv/commands\r\nNICK justinfan7\r\nJOIN #bravo'));
    },
    (ls) => privmsgsIn(ls, 'bravo').length >= 10,
  );
  assert.equal(privmsgsIn(all, 'alpha').length, 0);
  ws.send('PART #bravo');
  // 300 real ms are 36 simulated seconds at 120×: bravo chats several times in that span.
  await new Promise((r) => setTimeout(r, 300));
  ws.close();
  const parted = all.findIndex((l) => l.endsWith('PART #bravo'));
  assert.ok(parted > 0);
  assert.equal(privmsgsIn(all.slice(parted + 1), 'bravo').length, 0);
});
