// The built-in analyst, used when no model is configured: reads what a question names (moment, stream, period,
// channel), matches it to one family of questions, and writes that family's answer from the same tools a model
// would call (so the same events, records and citations follow) or from analytics questions. Every answer names
// its channel; a question it cannot answer gets a plain "I can't" with the nearest questions it can.

import { listChannels, resolveChannelId } from '../../analytics/index.ts';
import type { Config } from '../../config.ts';
import type { Store } from '../../store/store.ts';
import type { Answerer } from '../run-ask.ts';
import { ToolFailure, toAnalystTools } from './analyst-tools.ts';
import { CannotAnswer, createAnswerContext } from './answer-context.ts';
import { toCannotAnswer, toHelpText } from './cannot-answer.ts';
import { families } from './families/index.ts';
import { extractEntities, normalizeQuestion } from './intent/extract-entities.ts';
import { matchIntent } from './intent/match-intent.ts';

export interface BuiltinAnswererOptions {
  store: Store;
  config: Pick<Config, 'channels'>;
  now?: () => number;
}

/** The answerer of the built-in analyst. */
export function createBuiltinAnswerer(options: BuiltinAnswererOptions): Answerer {
  const { store, config } = options;
  const now = options.now ?? Date.now;
  return async (session) => {
    const answer = await answerQuestion(session);
    for (const paragraph of answer.split(/(?<=\n\n)/)) session.emit({ type: 'text', delta: paragraph });
    return answer;
  };

  async function answerQuestion(session: Parameters<Answerer>[0]): Promise<string> {
    const channels = await listChannels(store);
    const at = now();
    const entities = extractEntities(session.question, at, channels);
    const q = normalizeQuestion(session.question);
    const match = matchIntent(q, entities, families);
    if (entities.unknownChannel)
      return toCannotAnswer(
        `no channel "${entities.unknownChannel}" is recorded${channels.length ? ` (recorded: ${channels.map((c) => c.login).join(', ')})` : ''}`,
        match.ranked,
        families,
      );
    if (channels.length === 0) return toCannotAnswer('no channel has been recorded yet', match.ranked, families);
    const channelId = await resolveChannelId(store, entities.channelLogin ?? session.channel, config.channels);
    const channel = channels.find((c) => c.id === channelId)!;
    const named = `For **${channel.login}**`;
    if (!match.family) return `${named}: ${toHelpText('I do not recognise that question', families)}`;
    const ctx = createAnswerContext({
      q,
      entities,
      channel: { id: channel.id, login: channel.login, displayName: channel.displayName },
      store,
      tools: toAnalystTools(session),
      now: at,
    });
    try {
      return `${named}, ${await match.family.compose(ctx)}`;
    } catch (error) {
      if (error instanceof CannotAnswer)
        return `${named}: ${toCannotAnswer(error.message, [...error.suggest, ...match.ranked.filter((f) => f !== match.family)], families)}`;
      if (error instanceof ToolFailure)
        return `${named}: ${toCannotAnswer(
          `the recorded data does not have it (${error.message})`,
          match.ranked.filter((f) => f !== match.family),
          families,
        )}`;
      throw error;
    }
  }
}
