// Composition root of the Twitch simulator: builds the world from the scenario, opens one HTTP port (Helix,
// OAuth, IRC over WebSocket at /irc, EventSub at /eventsub, the 7TV/BetterTTV/FrankerFaceZ emote APIs) and one TCP port (plain IRC) on loopback, and starts
// the driver on the simulated clock.

import { createServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import type { EpochMs } from '../domain.ts';
import { mountEmoteApis } from './emotes/emote-api-routes.ts';
import { buildSimEmoteSets } from './emotes/sim-emote-sets.ts';
import { createEventsubRegistry } from './eventsub/eventsub-registry.ts';
import { createHelixRoutes } from './helix/helix-routes.ts';
import { createLiveState } from './helix/live-state.ts';
import { createRateLimiter } from './helix/rate-limiter.ts';
import { startIrcHub } from './irc/irc-hub.ts';
import { createAuthState } from './oauth/auth-state.ts';
import { createOauthRoutes } from './oauth/oauth-routes.ts';
import { hashSeed } from './random.ts';
import { findHelixFault, startScenarioDriver } from './run-scenario.ts';
import { buildWorld } from './scenario/build-world.ts';
import type { Scenario } from './scenario/scenario-schema.ts';
import { createSimClock } from './sim-clock.ts';
import { createSimLedger, type SimLedger } from './sim-ledger.ts';

export interface SimulatorOptions {
  scenario: Scenario;
  /** Simulated ms per real ms (default 1). */
  speed?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Overrides the scenario's start time. */
  startAt?: EpochMs;
  /** Simulated time the clock runs before the scenario starts, so clients can connect first (default 0). */
  leadInMs?: number;
  /**
   * Hold the clock (and so the scenario) until `startClock()`: the demo starts its collectors first, which on a
   * loaded machine can take longer than any lead-in.
   */
  held?: boolean;
  /** HTTP/WebSocket port (default 0: any free port). */
  port?: number;
  /** Plain-TCP IRC port (default 0: any free port). */
  chatTcpPort?: number;
  /** Helix points per simulated minute per client (Twitch: 800). */
  helixRateLimit?: number;
  /** Real ms an EventSub session may stay unused before 4003 (Twitch: 10 s). */
  eventsubUnusedTimeoutMs?: number;
  /** Real ms between the chat server's PINGs. */
  ircPingIntervalMs?: number;
}

export interface RunningSimulator {
  urls: {
    helixUrl: string;
    authUrl: string;
    chatUrl: string;
    chatTcpUrl: string;
    eventsubUrl: string;
    /** The third-party emote APIs (7TV v3, BetterTTV v3, FrankerFaceZ v1) in their real shapes. */
    sevenTvUrl: string;
    bttvUrl: string;
    ffzUrl: string;
  };
  credentials: { clientId: string; clientSecret: string };
  clock: { now(): EpochMs; speed: number };
  ledger: SimLedger;
  /** Resolves when the scenario's last stream has ended (plus a short grace). */
  done: Promise<void>;
  /** Starts a clock started `held` (the lead-in counts from here). */
  startClock(): void;
  /** Issues a user token with scopes (what the device flow would give), for tests. */
  issueUserToken(login: string, scopes: string[]): { accessToken: string; refreshToken: string };
  stop(): Promise<void>;
}

/** Starts the simulator's servers and its scenario clock. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { scenario } = options;
  const host = options.host ?? '127.0.0.1';
  const startAt = options.startAt ?? (scenario.start === 'now' ? Date.now() : Date.parse(scenario.start));
  const world = buildWorld(scenario, startAt);
  const clock = createSimClock(startAt - (options.leadInMs ?? 0), options.speed ?? 1, undefined, {
    held: options.held,
  });
  const now = () => clock.now();
  const ledger = createSimLedger();
  const live = createLiveState(world);
  const auth = createAuthState(scenario.seed, now);
  const userIdOf = (login: string) =>
    world.byLogin.get(login)?.id ?? String(600_000_000 + (hashSeed('user', login) % 100_000_000));
  const eventsub = createEventsubRegistry({
    now,
    ledger,
    loginOf: (id) => world.byId.get(id)?.login,
    unusedTimeoutMs: options.eventsubUnusedTimeoutMs,
  });
  const irc = startIrcHub({
    findChannel: (login) => world.byLogin.get(login),
    loginForToken(token) {
      const t = auth.findToken(token);
      return t?.kind === 'user' && t.login && t.scopes.includes('chat:read')
        ? { login: t.login, userId: t.userId! }
        : undefined;
    },
    pingIntervalMs: options.ircPingIntervalMs,
  });

  const app = new Hono();
  app.route(
    '/helix',
    createHelixRoutes({
      auth,
      onViewersServed: (login, ts, count) => ledger.recordViewersServed(login, ts, count),
      live,
      eventsub,
      now,
      limiter: createRateLimiter(options.helixRateLimit ?? 800, now),
      categories: () => world.categories,
      activeFault: () => findHelixFault(world, scenario.faults, now()),
    }),
  );
  const first = world.channels[0]!;
  app.route(
    '/oauth2',
    createOauthRoutes({
      auth,
      now,
      deviceUser: () => ({ login: first.login, userId: first.id }),
      onRevoke: (token) => token.userId && eventsub.revokeUser(token.userId),
    }),
  );

  const emoteApis = mountEmoteApis(app, buildSimEmoteSets(world, scenario.seed));

  const http = createServer(getRequestListener(app.fetch));
  const ircWss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('irc') ? 'irc' : false),
  });
  const eventsubWss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://sim');
    if (url.pathname === '/irc') ircWss.handleUpgrade(request, socket, head, (ws) => irc.attachWebSocket(ws));
    else if (url.pathname === '/eventsub')
      eventsubWss.handleUpgrade(request, socket, head, (ws) => eventsub.attach(ws, url.searchParams, urls.eventsubUrl));
    else socket.destroy();
  });
  const tcp = createTcpServer((socket) => irc.attachSocket(socket));
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen(options.port ?? 0, host, resolve));
  await new Promise<void>((resolve, reject) =>
    tcp.once('error', reject).listen(options.chatTcpPort ?? 0, host, resolve),
  );
  const httpPort = (http.address() as AddressInfo).port;
  const tcpPort = (tcp.address() as AddressInfo).port;
  const origin = `${host.includes(':') ? `[${host}]` : host}:${httpPort}`;
  const urls = {
    helixUrl: `http://${origin}/helix`,
    authUrl: `http://${origin}/oauth2`,
    chatUrl: `ws://${origin}/irc`,
    chatTcpUrl: `irc://${host.includes(':') ? `[${host}]` : host}:${tcpPort}`,
    eventsubUrl: `ws://${origin}/eventsub`,
    sevenTvUrl: `http://${origin}${emoteApis.sevenTv}`,
    bttvUrl: `http://${origin}${emoteApis.bttv}`,
    ffzUrl: `http://${origin}${emoteApis.ffz}`,
  };
  const driver = startScenarioDriver({
    world,
    clock,
    live,
    ledger,
    irc,
    eventsub,
    faults: scenario.faults,
    eventsubUrl: urls.eventsubUrl,
  });

  return {
    urls,
    credentials: { clientId: auth.clientId, clientSecret: auth.clientSecret },
    clock: { now, speed: clock.speed },
    ledger,
    done: driver.done,
    startClock: () => clock.start(),
    issueUserToken(login, scopes) {
      const t = auth.issueUserToken(login, userIdOf(login), scopes);
      return { accessToken: t.accessToken, refreshToken: t.refreshToken! };
    },
    async stop() {
      driver.stop();
      irc.stop();
      eventsub.stop();
      for (const ws of [...ircWss.clients, ...eventsubWss.clients]) ws.terminate();
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
