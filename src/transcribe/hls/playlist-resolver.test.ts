import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTwitchFixture } from '../../../test/support/read-twitch-fixture.ts';
import { loadConfig } from '../../config.ts';
import { createPlaylistResolver, createStreamlinkResolver, createUrlResolver } from './playlist-resolver.ts';
import { createTwitchResolver } from './twitch-resolver.ts';

const fixture = (name: string) => readTwitchFixture(`hls/${name}`);

test('twitch resolver: persisted query with configurable hash/client id/player type, usher v2 URL', async () => {
  const bodies: string[] = [];
  const answers = [
    fixture('gql-playbackaccesstoken-response-live.json'),
    fixture('gql-playbackaccesstoken-response-offline.json'),
    fixture('gql-error-401.json'),
  ];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      bodies.push(`${req.headers['client-id']} ${body}`);
      res.writeHead(bodies.length === 3 ? 401 : 200, { 'content-type': 'application/json' });
      res.end(answers[bodies.length - 1]);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const resolver = createTwitchResolver({
      gqlUrl: `${base}/gql`,
      usherUrl: 'http://usher.test',
      clientId: 'cid',
      persistedQueryHash: 'abc123',
      playerType: 'site',
    });
    const url = new URL(await resolver.resolve('Foo'));
    assert.equal(url.origin + url.pathname, 'http://usher.test/api/v2/channel/hls/foo.m3u8');
    assert.equal(url.searchParams.get('sig'), 'sig');
    assert.equal(url.searchParams.get('token'), '{"channel":"foo"}');
    assert.equal(url.searchParams.get('allow_audio_only'), 'true');
    const [clientId, json] = (bodies[0] as string).split(/ (.*)/s);
    assert.equal(clientId, 'cid');
    const body = JSON.parse(json as string);
    assert.equal(body.extensions.persistedQuery.sha256Hash, 'abc123');
    assert.deepEqual(body.variables, {
      isLive: true,
      login: 'Foo',
      isVod: false,
      vodID: '',
      playerType: 'site',
      platform: 'site',
    });
    await assert.rejects(resolver.resolve('foo'), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
    await assert.rejects(resolver.resolve('foo'), /HTTP 401: The "Authorization" token is invalid/);
  } finally {
    server.close();
  }
});

test('streamlink resolver runs `streamlink --stream-url twitch.tv/<login> audio_only…`; missing → install hint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-streamlink-'));
  const fake = join(dir, 'streamlink');
  writeFileSync(fake, '#!/bin/sh\n[ "$1" = --stream-url ] && echo "https://edge.test/$2/$3.m3u8"\n');
  chmodSync(fake, 0o755);
  assert.equal(
    await createStreamlinkResolver({ command: fake }).resolve('foo'),
    'https://edge.test/twitch.tv/foo/audio_only,worst.m3u8',
  );
  await assert.rejects(createStreamlinkResolver({ command: join(dir, 'nope') }).resolve('foo'), /not installed/);
});

test('url resolver substitutes {login}; config picks the resolver', () => {
  assert.equal(createUrlResolver('http://h/{login}.m3u8').name, 'url');
  const cwd = mkdtempSync(join(tmpdir(), 'sl-res-'));
  const config = loadConfig({ cwd, env: {}, flags: { 'transcription.playlistResolver': 'url' } });
  assert.throws(() => createPlaylistResolver(config), /playlistUrl is not set/);
  assert.equal(createPlaylistResolver(loadConfig({ cwd, env: {} })).name, 'twitch');
});

test('url resolver output', async () => {
  assert.equal(await createUrlResolver('http://h/hls/{login}.m3u8').resolve('a_b'), 'http://h/hls/a_b.m3u8');
});
