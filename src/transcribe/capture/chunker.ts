// Silence-aware chunking of 16 kHz mono s16le PCM (notes §5.2): 20 ms energy frames; cut in the middle of the
// first ≥300 ms run below −45 dBFS once the chunk is ≥10 s, else at the quietest 300 ms window by 25 s; every
// chunk is prefixed with the last 1.5 s of the previous one (warms pocketsphinx, catches cut words).

/** A chunk of PCM ready for speech-to-text; sample indexes count from the first sample pushed. */
export interface PcmChunk {
  /** The overlap prefix followed by the chunk's own audio. */
  pcm: Buffer;
  /** First sample of the chunk's own audio (after the prefix). */
  startSample: number;
  endSample: number;
  overlapSamples: number;
  /** Almost every frame below the silence threshold: nothing to transcribe. */
  silent: boolean;
}

export interface ChunkerOptions {
  onChunk: (chunk: PcmChunk) => void;
  sampleRate?: number;
  minSec?: number;
  maxSec?: number;
  overlapSec?: number;
  silenceDb?: number;
  silenceMs?: number;
}

/** A chunker; `flush` emits what is pending (at gaps and at the end) but keeps the overlap tail for the next. */
export interface Chunker {
  push(pcm: Buffer): void;
  flush(): void;
  /** Samples pushed so far. */
  samples(): number;
}

/** Creates a chunker; push PCM as it arrives, flush at gaps and at the end. */
export function createChunker(options: ChunkerOptions): Chunker {
  const rate = options.sampleRate ?? 16000;
  const frameBytes = Math.round(rate * 0.02) * 2;
  const minFrames = Math.round((options.minSec ?? 10) / 0.02);
  const maxFrames = Math.round((options.maxSec ?? 25) / 0.02);
  const runFrames = Math.max(1, Math.round((options.silenceMs ?? 300) / 20));
  const silenceDb = options.silenceDb ?? -45;
  const overlapBytes = Math.round((options.overlapSec ?? 1.5) * rate) * 2;
  let pending = Buffer.alloc(0);
  let frameDb: number[] = [];
  let startSample = 0;
  let tail = Buffer.alloc(0);

  const emit = (bytes: number) => {
    const own = pending.subarray(0, bytes);
    const frames = frameDb.slice(0, Math.floor(bytes / frameBytes));
    const quiet = frames.filter((db) => db < silenceDb).length;
    options.onChunk({
      pcm: Buffer.concat([tail, own]),
      startSample,
      endSample: startSample + bytes / 2,
      overlapSamples: tail.length / 2,
      silent: frames.length === 0 || quiet / frames.length > 0.98,
    });
    tail = Buffer.from(own.subarray(Math.max(0, own.length - overlapBytes)));
    startSample += bytes / 2;
    pending = Buffer.from(pending.subarray(bytes));
    frameDb = frameDb.slice(frames.length);
  };

  const findCut = (): number | undefined => {
    let run = 0;
    for (let f = minFrames; f < frameDb.length && f < maxFrames; f++) {
      run = (frameDb[f] as number) < silenceDb ? run + 1 : 0;
      if (run >= runFrames) return f + 1 - Math.ceil(run / 2);
    }
    if (frameDb.length < maxFrames) return undefined;
    // No pause by the maximum (music, constant talk): the quietest window beats a hard cut mid-word.
    let best = Number.POSITIVE_INFINITY;
    let cut = maxFrames;
    for (let f = minFrames; f + runFrames <= maxFrames; f++) {
      let sum = 0;
      for (let k = 0; k < runFrames; k++) sum += frameDb[f + k] as number;
      if (sum < best) {
        best = sum;
        cut = f + Math.floor(runFrames / 2);
      }
    }
    return cut;
  };

  return {
    push(pcm) {
      const done = frameDb.length * frameBytes;
      pending = Buffer.concat([pending, pcm]);
      for (let off = done; off + frameBytes <= pending.length; off += frameBytes)
        frameDb.push(toFrameDb(pending, off, frameBytes));
      for (let cut = findCut(); cut !== undefined; cut = findCut()) emit(cut * frameBytes);
    },
    flush() {
      // The tail survives a gap on purpose: audio from before it still warms the decoder (notes G3), and the
      // words heard in it are trimmed by time, which stays right across the gap.
      const bytes = pending.length - (pending.length % 2);
      if (bytes > 0) emit(bytes);
    },
    samples: () => startSample + pending.length / 2,
  };
}

function toFrameDb(pcm: Buffer, offset: number, bytes: number): number {
  let sum = 0;
  for (let i = 0; i < bytes; i += 2) {
    const v = pcm.readInt16LE(offset + i);
    sum += v * v;
  }
  return 10 * Math.log10(sum / (bytes / 2) / 32768 / 32768 + 1e-12);
}
