// Startup check for transcription: the ffmpeg and pocketsphinx binaries, the pocketsphinx model and the
// chosen engine's settings. The collector reports a failure once and keeps collecting everything else.

import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Config } from '../config.ts';
import { defaultPocketsphinxModelDir } from './engines/pocketsphinx-engine.ts';

export type PrerequisiteResult = { ok: true } | { ok: false; message: string; installHint: string };

const aptHint = 'sudo apt-get install ffmpeg pocketsphinx pocketsphinx-en-us';

/** Checks what transcription needs, without spawning anything. */
export function checkTranscriptionPrerequisites(
  config: Config,
  env: { PATH?: string } = { PATH: process.env.PATH },
  modelDir = defaultPocketsphinxModelDir,
): PrerequisiteResult {
  const t = config.transcription;
  const missing: string[] = [];
  if (!findExecutable('ffmpeg', env.PATH)) missing.push('ffmpeg');
  // pocketsphinx is the default and the fallback of the remote engines.
  if (t.engine !== 'whisper') {
    if (!findExecutable('pocketsphinx_continuous', env.PATH)) missing.push('pocketsphinx');
    else if (!existsSync(join(modelDir, 'en-us.lm.bin'))) missing.push(`the pocketsphinx model (${modelDir})`);
  }
  if (missing.length > 0)
    return { ok: false, message: `transcription needs ${missing.join(' and ')}, not found`, installHint: aptHint };
  if (t.engine === 'google' && !t.googleKey)
    return {
      ok: false,
      message: 'transcription.engine is "google" but no API key is set',
      installHint: 'set STREAMLENS_TRANSCRIBE_GOOGLE_KEY (or transcription.googleKey)',
    };
  if (t.engine === 'whisper' && !t.whisperModel)
    return {
      ok: false,
      message: 'transcription.engine is "whisper" but no model file is set',
      installHint: 'set STREAMLENS_WHISPER_MODEL to a ggml model file and run `npm install -E @fugood/whisper.node`',
    };
  if (t.engine === 'whisper' && t.whisperModel && !existsSync(t.whisperModel))
    return {
      ok: false,
      message: `the whisper model ${t.whisperModel} does not exist`,
      installHint: 'download a ggml model (e.g. ggml-base.en.bin) and point STREAMLENS_WHISPER_MODEL at it',
    };
  return { ok: true };
}

/** The first executable `name` on PATH, or undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}
