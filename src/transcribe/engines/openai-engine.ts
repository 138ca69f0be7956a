// OpenAI-compatible `/v1/audio/transcriptions` (OpenAI whisper-1, whisper.cpp server, speaches, LocalAI):
// multipart upload, verbose_json with segment and word timestamps; missing optional fields are tolerated.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { fetchWithRetry, type RetryOptions } from './fetch-with-retry.ts';
import { type SttEngine, type SttSegment, toSegmentsFromWords } from './stt-engine.ts';

export interface OpenAiEngineOptions {
  /** Base URL ending in `/v1`. */
  baseUrl: string;
  apiKey?: string;
  model?: string;
  language?: string;
  retry?: RetryOptions;
}

const verboseJson = z.object({
  text: z.string().optional(),
  segments: z
    .array(
      z.object({
        start: z.number(),
        end: z.number(),
        text: z.string(),
        avg_logprob: z.number().optional(),
        no_speech_prob: z.number().optional(),
      }),
    )
    .nullish(),
  words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() })).nullish(),
  duration: z.number().optional(),
});

/** Creates the OpenAI-compatible engine. */
export function createOpenAiEngine(options: OpenAiEngineOptions): SttEngine {
  const model = options.model ?? 'whisper-1';
  const url = `${options.baseUrl.replace(/\/$/, '')}/audio/transcriptions`;
  return {
    name: `openai:${model}`,
    async transcribe(chunk, signal) {
      const wav = await readFile(chunk.wavPath);
      const init = (): RequestInit => {
        const form = new FormData();
        form.append('file', new Blob([wav], { type: 'audio/wav' }), basename(chunk.wavPath));
        form.append('model', model);
        form.append('response_format', 'verbose_json');
        form.append('timestamp_granularities[]', 'segment');
        form.append('timestamp_granularities[]', 'word');
        form.append('language', options.language ?? 'en');
        if (chunk.prompt) form.append('prompt', chunk.prompt);
        const headers: Record<string, string> = {};
        if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
        return { method: 'POST', body: form, headers, signal: signal ?? null };
      };
      const response = await fetchWithRetry(url, init, options.retry);
      const body = verboseJson.parse(await response.json());
      const words = (body.words ?? []).map((w) => ({
        text: w.word.trim(),
        startMs: Math.round(w.start * 1000),
        endMs: Math.round(w.end * 1000),
        confidence: 1,
      }));
      const segments: SttSegment[] = (body.segments ?? []).map((s) => ({
        text: s.text.trim(),
        startMs: Math.round(s.start * 1000),
        endMs: Math.round(s.end * 1000),
        confidence: toSegmentConfidence(s.avg_logprob, s.no_speech_prob),
      }));
      if (segments.length > 0) {
        // Word-level confidence is not reported; a word inherits its segment's.
        for (const w of words)
          w.confidence = segments.find((s) => w.startMs >= s.startMs - 50 && w.endMs <= s.endMs + 50)?.confidence ?? 1;
      } else if (words.length > 0) segments.push(...toSegmentsFromWords(words));
      else if (body.text?.trim())
        segments.push({ text: body.text.trim(), startMs: 0, endMs: chunk.durationMs, confidence: 1 });
      return { words, segments: segments.filter((s) => s.text !== '') };
    },
  };
}

/** exp(avg_logprob), and zero for whisper's no-speech hallucinations (notes G13). */
export function toSegmentConfidence(avgLogprob: number | undefined, noSpeechProb: number | undefined): number {
  if (noSpeechProb !== undefined && noSpeechProb > 0.6 && (avgLogprob ?? 0) < -1) return 0;
  if (avgLogprob === undefined) return 1;
  return Math.min(1, Math.max(0, Math.exp(avgLogprob)));
}
