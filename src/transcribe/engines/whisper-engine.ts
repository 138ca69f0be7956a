// Local whisper.cpp through an OPTIONAL npm binding, loaded with a dynamic import only when the user
// configured a ggml model file: `@fugood/whisper.node` (async API) or `@napi-rs/whisper` (sync API).

import { StreamlensError } from '../../errors.ts';
import type { SttEngine, SttSegment } from './stt-engine.ts';

export interface WhisperEngineOptions {
  /** Path to a ggml model, e.g. ggml-base.en.bin (none ships with any package). */
  modelPath: string;
  language?: string;
  /** Injected in tests; defaults to the real dynamic `import()`. */
  importModule?: (name: string) => Promise<unknown>;
}

interface FugoodContext {
  transcribeFile(
    path: string,
    options: Record<string, unknown>,
  ): { promise: Promise<{ segments?: { text: string; t0: number; t1: number }[] }> };
}
interface FugoodModule {
  initWhisper(options: { filePath: string; useGpu: boolean }, lib?: string): Promise<FugoodContext>;
}

const candidates = ['@fugood/whisper.node', '@napi-rs/whisper'] as const;

/** Loads the binding and the model; throws UNAVAILABLE naming the npm command when no binding is installed. */
export async function createWhisperEngine(options: WhisperEngineOptions): Promise<SttEngine> {
  const load = options.importModule ?? ((name: string) => import(name));
  let fugood: FugoodModule | undefined;
  for (const name of candidates) {
    try {
      const mod = (await load(name)) as Partial<FugoodModule> & { default?: Partial<FugoodModule> };
      const api = typeof mod.initWhisper === 'function' ? mod : mod.default;
      if (name === '@fugood/whisper.node' && typeof api?.initWhisper === 'function') fugood = api as FugoodModule;
      if (fugood) break;
      if (name === '@napi-rs/whisper')
        throw new StreamlensError(
          'UNAVAILABLE',
          '@napi-rs/whisper is installed but its synchronous API is not wired up yet; use @fugood/whisper.node',
          'npm install -E @fugood/whisper.node',
        );
    } catch (error) {
      if (error instanceof StreamlensError) throw error;
    }
  }
  if (!fugood)
    throw new StreamlensError(
      'UNAVAILABLE',
      'the whisper engine needs the optional package @fugood/whisper.node, which is not installed',
      'run `npm install -E @fugood/whisper.node` (or choose transcription.engine "pocketsphinx")',
    );
  let context: FugoodContext;
  try {
    context = await fugood.initWhisper({ filePath: options.modelPath, useGpu: false }, 'default');
  } catch (error) {
    throw new StreamlensError(
      'UNAVAILABLE',
      `cannot load the whisper model ${options.modelPath}: ${(error as Error).message}`,
      'point transcription.whisperModel (STREAMLENS_WHISPER_MODEL) at a ggml model file, e.g. ggml-base.en.bin',
      { cause: error },
    );
  }
  return {
    name: 'whisper',
    async transcribe(chunk) {
      const { promise } = context.transcribeFile(chunk.wavPath, { language: options.language ?? 'en' });
      const result = await promise;
      // whisper.cpp reports t0/t1 in 10 ms ticks.
      const segments: SttSegment[] = (result.segments ?? [])
        .map((s) => ({ text: s.text.trim(), startMs: s.t0 * 10, endMs: s.t1 * 10, confidence: 1 }))
        .filter((s) => s.text !== '');
      return { words: [], segments };
    },
  };
}
