// An ffmpeg child that only decodes: container bytes in on stdin, 16 kHz mono s16le out on stdout, with
// `aresample=async=1:first_pts=0` so the sample index follows media time from the first packet.

import { spawn } from 'node:child_process';
import type { Logger } from '../../log.ts';

export interface PcmDecoder {
  /** Writes bytes, resolving on drain; never throws (a dead ffmpeg is reported when it ends). */
  write(data: Buffer): Promise<void>;
  /** Closes stdin and resolves once every PCM byte has been delivered and ffmpeg exited. */
  end(): Promise<number | null>;
}

/** Spawns `ffmpeg -i pipe:0 … -f s16le pipe:1`; PCM is always consumed (the capture is never back-pressured). */
export function startPcmDecoder(onPcm: (pcm: Buffer) => void, log: Logger, command = 'ffmpeg'): PcmDecoder {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'warning', '-i', 'pipe:0', '-vn'];
  args.push('-af', 'aresample=16000:async=1:first_pts=0', '-ac', '1', '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1');
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let odd: Buffer | undefined;
  child.stdout.on('data', (d: Buffer) => {
    // Keep whole samples: a pipe read may split one.
    const all = odd ? Buffer.concat([odd, d]) : d;
    const even = all.length - (all.length % 2);
    odd = even < all.length ? Buffer.from(all.subarray(even)) : undefined;
    if (even > 0) onPcm(all.subarray(0, even));
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-2000);
  });
  child.stdin.on('error', () => {});
  let exited = false;
  const closed = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      log.error('ffmpeg could not start', { error: error.message });
      exited = true;
      resolve(null);
    });
    child.on('close', (code) => {
      exited = true;
      // 255 is ffmpeg's exit after a signal (fftools: `received_nb_signals ? 255 : …`; errors exit 1): Ctrl-C reaches
      // the whole process group, so every interrupted capture ends so. A stop, not an error.
      if (code === 255) log.debug('ffmpeg stopped by a signal');
      else if (code !== 0 && code !== null)
        log.warn('ffmpeg exited with an error', { code, stderr: stderr.trim().slice(-300) });
      resolve(code);
    });
  });
  return {
    write: (data) =>
      exited || child.stdin.write(data)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            child.stdin.once('drain', resolve);
            closed.then(() => resolve());
          }),
    end: () => {
      child.stdin.end();
      return closed;
    },
  };
}
