// Google Cloud Speech-to-Text v1 REST `speech:recognize` with an API key: chunks are ≤ 60 s so the sync call
// fits; proto3 JSON omits defaults (no results, no confidence) and writes durations as "1.300s".

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { toPcmFromWav } from '../capture/wav.ts';
import { fetchWithRetry, type RetryOptions } from './fetch-with-retry.ts';
import type { SttEngine, SttSegment, SttWord } from './stt-engine.ts';

export interface GoogleEngineOptions {
  /** `https://speech.googleapis.com` (or a loopback fake). */
  baseUrl: string;
  apiKey: string;
  languageCode?: string;
  model?: string;
  phrases?: string[];
  retry?: RetryOptions;
}

const duration = z.string().optional();
const recognizeResponse = z.object({
  results: z
    .array(
      z.object({
        alternatives: z
          .array(
            z.object({
              transcript: z.string().optional(),
              confidence: z.number().optional(),
              words: z.array(z.object({ word: z.string(), startTime: duration, endTime: duration })).optional(),
            }),
          )
          .optional(),
        resultEndTime: duration,
      }),
    )
    .optional(),
});

/** Creates the Google REST engine. */
export function createGoogleEngine(options: GoogleEngineOptions): SttEngine {
  const url = `${options.baseUrl.replace(/\/$/, '')}/v1/speech:recognize?key=${encodeURIComponent(options.apiKey)}`;
  return {
    name: 'google',
    async transcribe(chunk, signal) {
      const content = toPcmFromWav(await readFile(chunk.wavPath)).toString('base64');
      const config = {
        encoding: 'LINEAR16',
        sampleRateHertz: 16000,
        languageCode: options.languageCode ?? 'en-US',
        enableWordTimeOffsets: true,
        enableAutomaticPunctuation: true,
        model: options.model ?? 'video',
        ...(options.phrases?.length ? { speechContexts: [{ phrases: options.phrases }] } : {}),
      };
      const body = JSON.stringify({ config, audio: { content } });
      const init = (): RequestInit => ({
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        signal: signal ?? null,
      });
      const parsed = recognizeResponse.parse(await (await fetchWithRetry(url, init, options.retry)).json());
      const words: SttWord[] = [];
      const segments: SttSegment[] = [];
      let previousEnd = 0;
      for (const result of parsed.results ?? []) {
        const best = result.alternatives?.[0];
        const end = toMs(result.resultEndTime) ?? chunk.durationMs;
        const text = best?.transcript?.trim() ?? '';
        // Proto3 omits a 0 confidence, and Google leaves it unset on non-final pieces: treat missing as unknown (0).
        const confidence = best?.confidence ?? 0;
        const own = (best?.words ?? []).map((w) => ({
          text: w.word,
          startMs: toMs(w.startTime) ?? 0,
          endMs: toMs(w.endTime) ?? 0,
          confidence,
        }));
        words.push(...own);
        if (text !== '')
          segments.push({ text, startMs: own[0]?.startMs ?? previousEnd, endMs: own.at(-1)?.endMs ?? end, confidence });
        previousEnd = end;
      }
      return { words, segments };
    },
  };
}

/** A proto3 JSON Duration ("1.300s", "15s") as ms; undefined when omitted. */
export function toMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim());
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}
