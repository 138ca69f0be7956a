// Builds the configured engine: pocketsphinx alone, or a remote engine wrapped in the circuit breaker that
// falls back to pocketsphinx, or local whisper (optional binding).

import type { Config } from '../../config.ts';
import { StreamlensError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { createFallbackEngine } from './fallback-engine.ts';
import { createGoogleEngine } from './google-engine.ts';
import { createOpenAiEngine } from './openai-engine.ts';
import { createPocketsphinxEngine } from './pocketsphinx-engine.ts';
import type { SttEngine } from './stt-engine.ts';
import { createWhisperEngine } from './whisper-engine.ts';

/** The engine `config.transcription.engine` names. */
export async function createSttEngineFromConfig(config: Config, log: Logger): Promise<SttEngine> {
  const t = config.transcription;
  const local = createPocketsphinxEngine();
  if (t.engine === 'openai')
    return createFallbackEngine(
      createOpenAiEngine({ baseUrl: t.openaiUrl, apiKey: t.openaiKey, model: t.openaiModel }),
      local,
      { log },
    );
  if (t.engine === 'google') {
    if (!t.googleKey) throw new StreamlensError('CONFIG_INVALID', 'the google engine needs transcription.googleKey');
    return createFallbackEngine(createGoogleEngine({ baseUrl: t.googleUrl, apiKey: t.googleKey }), local, { log });
  }
  if (t.engine === 'whisper') {
    if (!t.whisperModel)
      throw new StreamlensError('CONFIG_INVALID', 'the whisper engine needs transcription.whisperModel');
    return createWhisperEngine({ modelPath: t.whisperModel });
  }
  return local;
}
