// The one interface every speech-to-text engine implements, and the trimming of the overlap prefix that
// applies to all of them.

/** A WAV chunk to transcribe; its first `overlapMs` repeat the end of the previous chunk. */
export interface SttChunk {
  wavPath: string;
  durationMs: number;
  overlapMs: number;
  /** Context for engines that take one (the previous chunk's last words). */
  prompt?: string;
}

/** A recognised word; times in ms from the start of the chunk's audio (overlap included). */
export interface SttWord {
  text: string;
  startMs: number;
  endMs: number;
  /** 0..1 */
  confidence: number;
}

/** A run of words (an utterance / engine segment); same time base as words. */
export interface SttSegment {
  text: string;
  startMs: number;
  endMs: number;
  /** 0..1 */
  confidence: number;
}

export interface SttResult {
  words: SttWord[];
  segments: SttSegment[];
  /** Set by wrappers (the fallback engine) when another engine than the named one produced the result. */
  engine?: string;
}

/** A speech-to-text engine. */
export interface SttEngine {
  /** Stored with every segment (`pocketsphinx`, `openai:whisper-1`, …). */
  readonly name: string;
  transcribe(chunk: SttChunk, signal?: AbortSignal): Promise<SttResult>;
}

const edgeMs = 50;

/**
 * Drops what the previous chunk already covered: words ending inside the overlap prefix, and segments that
 * end there; a segment straddling the boundary keeps only its words after it (when the engine gave words).
 */
export function trimOverlap(result: SttResult, overlapMs: number): SttResult {
  const limit = overlapMs + edgeMs;
  const words = result.words.filter((w) => w.endMs > limit);
  const segments: SttSegment[] = [];
  for (const s of result.segments) {
    if (s.endMs <= limit) continue;
    if (s.startMs >= overlapMs) {
      segments.push(s);
      continue;
    }
    const inside = words.filter((w) => w.startMs >= s.startMs - edgeMs && w.endMs <= s.endMs + edgeMs);
    if (inside.length === 0) {
      if (result.words.length === 0) segments.push(s);
      continue;
    }
    segments.push({
      text: inside.map((w) => w.text).join(' '),
      startMs: (inside[0] as SttWord).startMs,
      endMs: s.endMs,
      confidence: inside.reduce((a, w) => a + w.confidence, 0) / inside.length,
    });
  }
  return { words, segments };
}

/** Groups words into segments at pauses (for engines that return words only). */
export function toSegmentsFromWords(words: readonly SttWord[], pauseMs = 600): SttSegment[] {
  const groups: SttWord[][] = [];
  for (const w of words) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    if (last && prev && w.startMs - prev.endMs < pauseMs) last.push(w);
    else groups.push([w]);
  }
  return groups.map((g) => ({
    text: g.map((w) => w.text).join(' '),
    startMs: (g[0] as SttWord).startMs,
    endMs: (g.at(-1) as SttWord).endMs,
    confidence: g.reduce((a, w) => a + w.confidence, 0) / g.length,
  }));
}
