// One IRC connection as a stream of lines, over WebSocket (`ws://`, `wss://`, subprotocol `irc`) or TCP
// (`irc://host:port`, `ircs://` with TLS). Frames and TCP chunks are cut at `\n` without copying when a frame
// holds exactly one line (the parser accepts the trailing CRLF).

import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import WebSocket from 'ws';

export interface IrcSocketHandlers {
  onOpen(): void;
  onLine(line: string): void;
  /** Called once, whatever ended the connection. */
  onClose(reason: string): void;
}

export interface IrcSocket {
  /** Sends one line (CRLF is added). */
  send(line: string): void;
  close(): void;
  /** Stops reading from the network (the server's lines wait in its buffers and ours) until `resume`. */
  pause(): void;
  resume(): void;
}

/** Opens a connection to `url` and reports its lines; never throws for network errors (they arrive as onClose). */
export function openIrcSocket(url: string, handlers: IrcSocketHandlers): IrcSocket {
  const parsed = new URL(url);
  let closed = false;
  const close = (reason: string) => {
    if (closed) return;
    closed = true;
    handlers.onClose(reason);
  };
  let rest = '';
  const onText = (chunk: string) => {
    const text = rest === '' ? chunk : rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      if (start === 0 && nl === text.length - 1) handlers.onLine(text);
      else if (nl - start > 1 || (nl - start === 1 && text.charCodeAt(start) !== 13))
        handlers.onLine(text.slice(start, nl + 1));
      start = nl + 1;
      if (closed) return;
    }
    rest = start === text.length ? '' : text.slice(start);
    // A line longer than any Twitch sends means a broken stream: stop buffering it.
    if (rest.length > 64 * 1024) rest = '';
  };

  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') {
    const ws = new WebSocket(url, 'irc', { skipUTF8Validation: true });
    ws.on('open', () => handlers.onOpen());
    ws.on('message', (data) => {
      rest = '';
      onText(Array.isArray(data) ? Buffer.concat(data).toString() : data.toString());
      // One frame is whole lines; a missing final CRLF still ends the line.
      if (rest !== '') {
        const last = rest;
        rest = '';
        handlers.onLine(last);
      }
    });
    ws.on('error', (error) => close(error.message));
    ws.on('close', (code) => close(`websocket closed (${code})`));
    return {
      send: (line) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(`${line}\r\n`);
      },
      close: () => {
        ws.terminate();
        close('closed by client');
      },
      pause: () => ws.pause(),
      resume: () => ws.resume(),
    };
  }

  if (parsed.protocol !== 'irc:' && parsed.protocol !== 'ircs:') {
    queueMicrotask(() =>
      close(`unsupported chat URL scheme ${parsed.protocol} (use wss://, ws://, irc:// or ircs://)`),
    );
    return { send: () => {}, close: () => {}, pause: () => {}, resume: () => {} };
  }
  const secure = parsed.protocol === 'ircs:';
  const port = Number(parsed.port) || (secure ? 6697 : 6667);
  const host = parsed.hostname;
  const socket: Socket = secure
    ? connectTls({ host, port, servername: host }, () => handlers.onOpen())
    : connectTcp({ host, port }, () => handlers.onOpen());
  socket.setNoDelay(true);
  // The decoder inside setEncoding keeps multi-byte characters split across chunks intact.
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => onText(chunk));
  socket.on('error', (error) => close(error.message));
  socket.on('close', () => close('socket closed'));
  return {
    send: (line) => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    },
    close: () => {
      socket.destroy();
      close('closed by client');
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
  };
}
