// Pre-renders a scenario's spoken lines once into HLS segments (espeak-ng en-us+klatt 160 wpm → one WAV with
// each line at its offset → ffmpeg: fMP4 audio_only + small MPEG-TS video rendition, 2 s segments), cached in
// a temp dir keyed by a hash of the lines so a simulator can serve them faster than real time.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMediaPlaylist } from '../../transcribe/hls/parse-media-playlist.ts';

/** A line the simulated streamer says, `offsetMs` after the stream start. */
export interface SpokenLine {
  offsetMs: number;
  text: string;
}

/** One rendered segment file and its EXTINF duration. */
export interface RenderedSegment {
  file: string;
  durationSec: number;
}

export interface RenderedStream {
  dir: string;
  /** fMP4 audio: `audio/init.mp4` + `audio/segNNNNN.m4s`. */
  audio: RenderedSegment[];
  /** MPEG-TS video with audio: `video/segNNNNN.ts`. */
  video: RenderedSegment[];
}

const renderVersion = 1;
const sampleRate = 22050;

/** Renders (or reuses) the segments for these lines; `tailMs` of silence follows the last line. */
export async function renderStreamSegments(lines: readonly SpokenLine[], tailMs = 3000): Promise<RenderedStream> {
  const key = createHash('sha256').update(JSON.stringify({ renderVersion, lines, tailMs })).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `streamlens-hls-${key}`);
  if (!existsSync(join(dir, 'done.json'))) {
    // Render into a private dir and rename: concurrent test files may render the same lines at once.
    const work = `${dir}.${process.pid}.${Date.now()}`;
    mkdirSync(join(work, 'audio'), { recursive: true });
    mkdirSync(join(work, 'video'), { recursive: true });
    await renderInto(work, lines, tailMs);
    writeFileSync(join(work, 'done.json'), '{}');
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return { dir, audio: readSegments(dir, 'audio'), video: readSegments(dir, 'video') };
}

async function renderInto(work: string, lines: readonly SpokenLine[], tailMs: number): Promise<void> {
  const pieces: { at: number; pcm: Buffer }[] = [];
  for (const [i, line] of lines.entries()) {
    const wav = join(work, `line-${i}.wav`);
    await run('espeak-ng', ['-v', 'en-us+klatt', '-s', '160', '-w', wav, line.text]);
    const data = readFileSync(wav);
    pieces.push({ at: Math.round((line.offsetMs / 1000) * sampleRate), pcm: data.subarray(data.indexOf('data') + 8) });
    rmSync(wav);
  }
  const end = Math.max(0, ...pieces.map((p) => p.at + p.pcm.length / 2)) + Math.round((tailMs / 1000) * sampleRate);
  const mix = new Int16Array(end);
  for (const p of pieces)
    for (let i = 0; i < p.pcm.length / 2; i++) {
      const at = p.at + i;
      mix[at] = Math.max(-32768, Math.min(32767, (mix[at] as number) + p.pcm.readInt16LE(i * 2)));
    }
  const raw = join(work, 'speech.s16le');
  writeFileSync(raw, Buffer.from(mix.buffer));
  const input = ['-f', 's16le', '-ar', String(sampleRate), '-ac', '1', '-i', raw];
  const hls = ['-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod'];
  await run('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    ...input,
    '-af',
    'aresample=48000',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ac',
    '2',
    ...hls,
    '-hls_segment_type',
    'fmp4',
    '-hls_fmp4_init_filename',
    'init.mp4',
    '-hls_segment_filename',
    join(work, 'audio', 'seg%05d.m4s'),
    join(work, 'audio', 'index.m3u8'),
  ]);
  await run('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    ...input,
    '-f',
    'lavfi',
    '-i',
    'color=c=0x303060:s=160x90:r=30',
    '-map',
    '1:v',
    '-map',
    '0:a',
    '-shortest',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '60',
    '-keyint_min',
    '60',
    '-sc_threshold',
    '0',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-ar',
    '48000',
    ...hls,
    '-hls_segment_filename',
    join(work, 'video', 'seg%05d.ts'),
    join(work, 'video', 'index.m3u8'),
  ]);
  rmSync(raw);
}

function readSegments(dir: string, rendition: string): RenderedSegment[] {
  const text = readFileSync(join(dir, rendition, 'index.m3u8'), 'utf8');
  return parseMediaPlaylist(text, 'file:///x/').segments.map((s) => ({
    file: s.url.slice('file:///x/'.length),
    durationSec: s.durationSec,
  }));
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${err.trim().slice(-300)}`)),
    );
  });
}
