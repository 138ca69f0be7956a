// The AI agent: answers questions about the recorded streams with tools over analytics and read-only SQL,
// through a configured OpenAI-compatible model, or through the built-in analyst when none is configured.

import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { createBuiltinAnswerer } from './builtin/builtin-analyst.ts';
import { getConversation, listConversations } from './conversations.ts';
import { createModelAnswerer } from './model/agent-loop.ts';
import { loadRedactor } from './model/load-redactor.ts';
import { runAsk } from './run-ask.ts';
import { createTools } from './tools/index.ts';
import type { Agent } from './types.ts';

export type {
  Agent,
  AgentEvent,
  AskOptions,
  AskResult,
  Citation,
  Conversation,
  ConversationMessage,
  ConversationSummary,
} from './types.ts';

export interface CreateAgentOptions {
  store: Store;
  config: Config;
  log: Logger;
  fetch?: typeof fetch;
}

/** An agent over the store: 'model' mode when ai.baseUrl and ai.model are set, else the built-in analyst. */
export function createAgent(options: CreateAgentOptions): Agent {
  const { store, config, log } = options;
  const tools = createTools(store.dialect);
  const ctx = { store, config };
  const { baseUrl, model } = config.ai;
  const mode = baseUrl && model ? 'model' : 'builtin';
  const answer =
    baseUrl && model
      ? createModelAnswerer({
          baseUrl,
          model,
          apiKey: config.ai.apiKey,
          maxSteps: config.ai.maxSteps,
          timeoutMs: config.ai.timeoutMs,
          tools,
          dialect: store.dialect,
          ...(config.ai.redactUsernames ? { createRedactor: () => loadRedactor(store) } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : createBuiltinAnswerer({ store, config });
  const agentLog = log.child('agent');
  return {
    mode,
    ask: (question, askOptions) => runAsk({ ctx, tools, log: agentLog }, question, askOptions, answer),
    listConversations: () => listConversations(store),
    getConversation: (id) => getConversation(store, id),
  };
}
