// A Twitch-shaped HLS server on loopback for one simulated channel: GQL PlaybackAccessToken, usher v1/v2
// masters (404 transcode_does_not_exist while offline), absolute variant URLs on another path, fMP4
// audio_only + MPEG-TS video renditions whose 6-segment window slides with the caller's clock.

import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import type { EpochMs } from '../../domain.ts';
import { type RenderedSegment, renderStreamSegments } from './render-stream-segments.ts';
import { type LiveSegment, toMasterPlaylist, toMediaPlaylist } from './twitch-playlists.ts';

const optionsSchema = z.object({
  lines: z.array(z.object({ offsetMs: z.number().min(0), text: z.string().min(1) })).min(1),
  startAt: z.number(),
  ads: z.array(z.object({ offsetMs: z.number().min(0), durationMs: z.number().positive() })).default([]),
  login: z.string().min(1),
  channelId: z.string().min(1),
  host: z.string().default('127.0.0.1'),
});

export interface HlsSimulatorOptions {
  lines: { offsetMs: number; text: string }[];
  startAt: EpochMs;
  clock: { now(): EpochMs };
  ads?: { offsetMs: number; durationMs: number }[];
  login: string;
  channelId: string;
  host?: string;
}

export interface HlsSimulator {
  /** The usher master URL (with a valid sig/token) in shape v1 or v2. */
  masterUrl(version: 1 | 2): string;
  /** POST endpoint answering PlaybackAccessToken. */
  gqlUrl: string;
  /** Usher base URL: masters live at `/api/channel/hls/<login>.m3u8` (v1) and `/api/v2/channel/hls/…` (v2). */
  usherUrl: string;
  stop(): Promise<void>;
}

const gqlBody = z.object({
  operationName: z.literal('PlaybackAccessToken'),
  variables: z.object({ login: z.string(), isLive: z.boolean() }),
});
const windowSize = 6;

/** Renders the lines (cached) and starts the server; the stream is live from `startAt` until its audio ends. */
export async function startHlsSimulator(input: HlsSimulatorOptions): Promise<HlsSimulator> {
  const o = optionsSchema.parse(input);
  const clock = input.clock;
  const rendered = await renderStreamSegments(o.lines);
  const login = o.login.toLowerCase();
  const token = JSON.stringify({ channel: login, channel_id: Number(o.channelId) || 0, expires: 4102444800 });
  const signature = createHmac('sha1', 'streamlens-sim').update(token).digest('hex');
  const timeline = (segments: RenderedSegment[]) => {
    let at = o.startAt;
    return segments.map((s, sequence) => {
      const startMs = at - o.startAt;
      at += s.durationSec * 1000;
      // A segment belongs to an ad when its middle does (segments are ~2 s and ads rarely align with them).
      const mid = startMs + s.durationSec * 500;
      const isAd = o.ads.some((a) => mid >= a.offsetMs && mid < a.offsetMs + a.durationMs);
      return { ...s, sequence, programDateTime: Math.round(o.startAt + startMs), isAd };
    });
  };
  const renditions = { audio_only: timeline(rendered.audio), '160p30': timeline(rendered.video) };
  const streamEnd = o.startAt + rendered.audio.reduce((a, s) => a + s.durationSec * 1000, 0);
  const isLive = () => clock.now() >= o.startAt && clock.now() < streamEnd + 30_000;
  let base = '';

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status: number, type: string, data: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
      res.end(data);
    };
    if (req.method === 'POST' && url.pathname === '/gql') {
      const parsed = gqlBody.safeParse(JSON.parse(body || 'null'));
      if (!req.headers['client-id'] || !parsed.success)
        return send(400, 'application/json', JSON.stringify({ errors: [{ message: 'PersistedQueryNotFound' }] }));
      const known = parsed.data.variables.login.toLowerCase() === login;
      const value = known ? { value: token, signature } : null;
      return send(200, 'application/json', JSON.stringify({ data: { streamPlaybackAccessToken: value } }));
    }
    const master = /^\/api(\/v2)?\/channel\/hls\/([^/]+)\.m3u8$/.exec(url.pathname);
    if (master) {
      const usherError = (status: number, error: string, code: string) =>
        send(status, 'application/json', JSON.stringify([{ url: url.href, error, error_code: code, type: 'error' }]));
      if (url.searchParams.get('sig') !== signature || url.searchParams.get('token') !== token)
        return usherError(403, 'Unauthorized', 'invalid_token');
      if (master[2]?.toLowerCase() !== login || !isLive())
        return usherError(404, 'twirp error not_found: transcode does not exist', 'transcode_does_not_exist');
      const variants = [
        { name: '160p30', bandwidth: 230000, codecs: 'avc1.4D400C,mp4a.40.2', resolution: '160x90' },
        { name: 'audio_only', bandwidth: 160000, codecs: 'mp4a.40.2' },
      ].map((v) => ({
        ...v,
        url: `${base}/v1/playlist/${Buffer.from(`${login}:${v.name}`).toString('base64url')}.m3u8`,
      }));
      return send(200, 'application/vnd.apple.mpegurl', toMasterPlaylist(master[1] ? 2 : 1, variants, clock.now()));
    }
    const media = /^\/v1\/playlist\/([A-Za-z0-9_-]+)\.m3u8$/.exec(url.pathname);
    if (media) {
      const [who, name] = Buffer.from(media[1] as string, 'base64url')
        .toString()
        .split(':');
      const segments = name === 'audio_only' || name === '160p30' ? renditions[name] : undefined;
      if (who !== login || !segments) return send(404, 'text/plain', 'no such playlist');
      const now = clock.now();
      const done = segments.filter((s) => s.programDateTime + s.durationSec * 1000 <= now);
      if (done.length === 0 || !isLive()) return send(404, 'text/plain', 'stream not live');
      const dir = name === 'audio_only' ? 'audio' : 'video';
      const toUrl = (s: { file: string; isAd: boolean }) =>
        `${base}/v1/segment/${s.isAd ? 'ad' : 'live'}/${dir}/${s.file}`;
      const window: LiveSegment[] = done.slice(-windowSize).map((s) => ({ ...s, url: toUrl(s) }));
      const next = segments.slice(done.length, done.length + 2).map(toUrl);
      const mapUrl = dir === 'audio' ? `${base}/v1/segment/live/audio/init.mp4` : undefined;
      const text = toMediaPlaylist({
        segments: window,
        mapUrl,
        prefetchUrls: next,
        pdtForm: dir === 'audio' ? 'Z' : '+0000',
      });
      return send(200, 'application/vnd.apple.mpegurl', text);
    }
    const segment = /^\/v1\/segment\/(ad|live)\/(audio|video)\/([a-z0-9.]+)$/.exec(url.pathname);
    if (segment) {
      const data = await readFile(join(rendered.dir, segment[2] as string, segment[3] as string)).catch(
        () => undefined,
      );
      return data
        ? send(200, segment[2] === 'audio' ? 'video/mp4' : 'video/mp2t', data)
        : send(404, 'text/plain', 'gone');
    }
    send(404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => {
      handle(req, res, body).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error.message));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, o.host, resolve));
  base = `http://${o.host}:${(server.address() as AddressInfo).port}`;
  const query = `allow_source=true&allow_audio_only=true&sig=${signature}&token=${encodeURIComponent(token)}`;
  return {
    masterUrl: (v) => `${base}/api${v === 2 ? '/v2' : ''}/channel/hls/${login}.m3u8?${query}`,
    gqlUrl: `${base}/gql`,
    usherUrl: base,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
