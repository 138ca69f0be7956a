import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { skipWithout } from '../../../test/support/skip-without.ts';
import { waitFor } from '../../../test/support/wait-for.ts';
import { createLogger } from '../../log.ts';
import { startPcmDecoder } from './pcm-decoder.ts';
import { toWav } from './wav.ts';

/** A real ffmpeg behind a wrapper that records its pid (exec keeps it), so a test can signal it. */
function ffmpegWithPidFile() {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-pcm-'));
  const pidFile = join(dir, 'pid');
  const wrapper = join(dir, 'ffmpeg');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec ffmpeg "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { wrapper, pid: () => Number(readFileSync(pidFile, 'utf8')) };
}

describe('startPcmDecoder', { skip: await skipWithout('ffmpeg') }, () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
  };

  it('an ffmpeg stopped by a signal (Ctrl-C reaches the process group) is a stop, not an error', async () => {
    const { lines, log } = capture();
    const ffmpeg = ffmpegWithPidFile();
    let decoded = 0;
    const decoder = startPcmDecoder(
      (pcm) => {
        decoded += pcm.length;
      },
      log,
      ffmpeg.wrapper,
    );
    // Signal ffmpeg itself, once the wrapper has become it (exec), not the shell before.
    await waitFor(
      () => {
        try {
          return readFileSync(`/proc/${ffmpeg.pid()}/comm`, 'utf8').trim() === 'ffmpeg';
        } catch {
          return false;
        }
      },
      { what: 'ffmpeg to start' },
    );
    // Audio first, so ffmpeg is decoding (its signal handlers set) when Ctrl-C comes, as in a running capture.
    await decoder.write(toWav(Buffer.alloc(16000 * 2 * 20)));
    await waitFor(() => decoded > 0, { what: 'decoded audio' });
    process.kill(ffmpeg.pid(), 'SIGINT');
    assert.equal(await decoder.end(), 255);
    assert.deepEqual(
      lines.filter((l) => / (warn|error) /.test(l)),
      [],
    );
    assert.ok(lines.some((l) => l.includes('ffmpeg stopped by a signal')));
  });

  it('an ffmpeg that fails on its input is reported with what it said', async () => {
    const { lines, log } = capture();
    const decoder = startPcmDecoder(() => {}, log);
    await decoder.write(Buffer.from('this is no audio container at all, only text'));
    const code = await decoder.end();
    assert.notEqual(code, 0);
    assert.ok(
      lines.some((l) => / warn .*ffmpeg exited with an error/.test(l)),
      lines.join('\n'),
    );
  });
});
