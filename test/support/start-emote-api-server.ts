// A loopback server speaking the three third-party emote APIs with the committed responses of
// test/fixtures/emotes/ (7TV v3 under /7tv/v3, BetterTTV v3 under /bttv/3, FrankerFaceZ v1 under /ffz/v1). One
// channel has sets everywhere; any other gets each provider's 404 body. A provider can be made to fail (HTTP 500).

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/emotes/${name}`, import.meta.url), 'utf8');

export type EmoteApiProvider = '7tv' | 'bttv' | 'ffz';

export interface EmoteApiServer {
  urls: { sevenTvUrl: string; bttvUrl: string; ffzUrl: string };
  /** Paths requested, in order. */
  requests: string[];
  /** Providers answering 500 to everything until removed. */
  failing: Set<EmoteApiProvider>;
  stop(): Promise<void>;
}

/** Starts the server; `channelId` is the Twitch user id whose sets the fixtures hold. */
export async function startEmoteApiServer(channelId = '1001'): Promise<EmoteApiServer> {
  const routes = new Map<string, [EmoteApiProvider, string]>([
    ['/7tv/v3/emote-sets/global', ['7tv', '7tv-emote-set-global.json']],
    [`/7tv/v3/users/twitch/${channelId}`, ['7tv', '7tv-user-twitch.json']],
    ['/bttv/3/cached/emotes/global', ['bttv', 'bttv-emotes-global.json']],
    [`/bttv/3/cached/users/twitch/${channelId}`, ['bttv', 'bttv-users-twitch.json']],
    ['/ffz/v1/set/global', ['ffz', 'ffz-set-global.json']],
    [`/ffz/v1/room/id/${channelId}`, ['ffz', 'ffz-room-id.json']],
  ]);
  const notFound: [RegExp, EmoteApiProvider, string][] = [
    [/^\/7tv\/v3\/users\/twitch\//, '7tv', '7tv-user-not-found.json'],
    [/^\/bttv\/3\/cached\/users\/twitch\//, 'bttv', 'bttv-user-not-found.json'],
    [/^\/ffz\/v1\/room\/id\//, 'ffz', 'ffz-room-not-found.json'],
  ];
  const requests: string[] = [];
  const failing = new Set<EmoteApiProvider>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const found = routes.get(path);
    const missing = notFound.find(([pattern]) => pattern.test(path));
    const provider = found?.[0] ?? missing?.[1];
    if (provider && failing.has(provider)) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}');
      return;
    }
    if (found) response.writeHead(200, { 'content-type': 'application/json' }).end(fixture(found[1]));
    else if (missing) response.writeHead(404, { 'content-type': 'application/json' }).end(fixture(missing[2]));
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urls: { sevenTvUrl: `${origin}/7tv/v3`, bttvUrl: `${origin}/bttv/3`, ffzUrl: `${origin}/ffz/v1` },
    requests,
    failing,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
