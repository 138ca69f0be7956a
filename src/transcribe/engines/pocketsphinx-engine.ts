// The offline default engine: one `pocketsphinx_continuous` process per chunk file (crash-isolated, ~0.7 CPU-s
// model load), word times and posteriors from `-time yes`, one segment per utterance.

import { spawn } from 'node:child_process';
import type { SttEngine, SttResult, SttSegment, SttWord } from './stt-engine.ts';

/** Where Debian's pocketsphinx-en-us puts the model. */
export const defaultPocketsphinxModelDir = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxEngineOptions {
  modelDir?: string;
  command?: string;
}

/** Creates the pocketsphinx CLI engine. */
export function createPocketsphinxEngine(options: PocketsphinxEngineOptions = {}): SttEngine {
  const model = options.modelDir ?? defaultPocketsphinxModelDir;
  const command = options.command ?? 'pocketsphinx_continuous';
  return {
    name: 'pocketsphinx',
    async transcribe(chunk, signal) {
      const args = ['-infile', chunk.wavPath, '-time', 'yes', '-hmm', `${model}/en-us`];
      args.push('-lm', `${model}/en-us.lm.bin`, '-dict', `${model}/cmudict-en-us.dict`, '-logfn', '/dev/null');
      const out = await runForStdout(command, args, signal);
      return parsePocketsphinxOutput(out);
    },
  };
}

const filler = /^(<s>|<\/s>|<sil>|\[[A-Z_]+\]|\+\+.*\+\+)$/;

/** Parses `-time yes` output: per utterance a hypothesis line, then `word start end posterior` lines. */
export function parsePocketsphinxOutput(out: string): SttResult {
  const words: SttWord[] = [];
  const utterances: SttWord[][] = [];
  for (const line of out.split('\n')) {
    const m = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(line.trim());
    if (!m) continue;
    const token = m[1] as string;
    if (token === '<s>') utterances.push([]);
    if (filler.test(token)) continue;
    const word: SttWord = {
      text: token.replace(/\(\d+\)$/, ''),
      startMs: Math.round(Number(m[2]) * 1000),
      endMs: Math.round(Number(m[3]) * 1000),
      confidence: Math.min(1, Math.max(0, Number(m[4]))),
    };
    words.push(word);
    if (utterances.length === 0) utterances.push([]);
    (utterances.at(-1) as SttWord[]).push(word);
  }
  const segments: SttSegment[] = utterances
    .filter((u) => u.length > 0)
    .map((u) => ({
      text: u.map((w) => w.text).join(' '),
      startMs: (u[0] as SttWord).startMs,
      endMs: (u.at(-1) as SttWord).endMs,
      confidence: u.reduce((a, w) => a + w.confidence, 0) / u.length,
    }));
  return { words, segments };
}

function runForStdout(command: string, args: string[], signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited ${code}: ${err.trim().slice(-300)}`));
    });
  });
}
