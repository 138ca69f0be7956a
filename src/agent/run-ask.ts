// One question, whichever answerer (model loop or built-in analyst) handles it: opens or continues the
// conversation, records the question, every tool call with its result and the answer, and emits the events
// in their contract order (conversation → text/tool events → done | error). Everything that leaves here (events,
// stored messages, tool results handed back to the model, the answer) has its secrets masked.

import { randomUUID } from 'node:crypto';
import { StreamlensError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { createStreamMasker, maskSecrets, maskSecretsIn } from '../mask-secrets.ts';
import { appendMessage, createConversation, getConversation } from './conversations.ts';
import { extractCitations } from './extract-citations.ts';
import { runToolCall, type ToolOutcome } from './run-tool-call.ts';
import type { AgentTool, ToolContext } from './tools/index.ts';
import type { AgentEvent, AskOptions, AskResult } from './types.ts';

/** What an answerer gets: the question, earlier turns, and a tool runner that reports and records. */
export interface AskSession {
  conversationId: string;
  question: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  signal: AbortSignal | undefined;
  /** The IANA zone the asker reads times in (UTC when not given). */
  timeZone: string;
  /** The channel in scope (a login) when the asker picked one: questions that name no channel are about it. */
  channel: string | undefined;
  emit(event: AgentEvent): void;
  /** Runs a tool (the input is what the user may see: real names), emitting tool_call/tool_result. */
  callTool(name: string, input: unknown, id?: string): Promise<ToolOutcome>;
}

export type Answerer = (session: AskSession) => Promise<string>;

export interface RunAskDeps {
  ctx: ToolContext;
  tools: readonly AgentTool[];
  log: Logger;
}

/** Runs `answer` for `question` inside a stored conversation and returns the answer with its citations. */
export async function runAsk(
  deps: RunAskDeps,
  question: string,
  options: AskOptions,
  answer: Answerer,
): Promise<AskResult> {
  const { store } = deps.ctx;
  const ctx = options.channel ? { ...deps.ctx, channel: options.channel } : deps.ctx;
  const text = maskSecrets(question.trim());
  if (!text) throw new StreamlensError('USAGE', 'the question is empty');
  if (text.length > 4000) throw new StreamlensError('USAGE', 'the question is longer than 4000 characters');
  let conversationId = options.conversationId;
  const history: AskSession['history'] = [];
  if (conversationId) {
    const existing = await getConversation(store, conversationId);
    if (!existing) throw new StreamlensError('NOT_FOUND', `no conversation ${conversationId}`);
    for (const m of existing.messages) if (m.role !== 'tool') history.push({ role: m.role, content: m.content });
  } else conversationId = await createConversation(store, text);
  const id = conversationId;
  const deliver = (event: AgentEvent) => {
    try {
      options.onEvent(event);
    } catch (error) {
      deps.log.warn('an agent event listener threw', { error: (error as Error)?.message });
    }
  };
  // Streamed text is held back while it could be the start of a secret; the rest is masked whole.
  const textMasker = createStreamMasker();
  const emit = (event: AgentEvent) => {
    if (event.type === 'text') {
      const delta = textMasker.push(event.delta);
      if (delta) deliver({ type: 'text', delta });
      return;
    }
    if (event.type === 'done' || event.type === 'error') {
      const rest = textMasker.flush();
      if (rest) deliver({ type: 'text', delta: rest });
    }
    deliver(maskSecretsIn(event));
  };
  emit({ type: 'conversation', id });
  await appendMessage(store, id, { role: 'user', content: text });

  const usedOutputs: unknown[] = [];
  const session: AskSession = {
    conversationId: id,
    question: text,
    history,
    signal: options.signal,
    timeZone: options.timeZone ?? 'UTC',
    channel: options.channel,
    emit,
    async callTool(name, input, callId = randomUUID()) {
      emit({ type: 'tool_call', id: callId, name, input });
      // Masked before anyone sees it: the browser, the stored conversation and the model.
      const outcome = maskSecretsIn(await runToolCall(deps.tools, name, input, ctx, deps.log));
      if (outcome.error === undefined) usedOutputs.push(outcome.output);
      emit({
        type: 'tool_result',
        id: callId,
        name,
        output: outcome.output,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
      await appendMessage(store, id, {
        role: 'tool',
        toolName: name,
        toolCallId: callId,
        content: maskSecrets(
          JSON.stringify({ input, ...(outcome.error ? { error: outcome.error } : { output: outcome.output }) }),
        ),
      });
      return outcome;
    },
  };

  try {
    const final = maskSecrets(await answer(session));
    const citations = extractCitations(final, usedOutputs);
    await appendMessage(store, id, { role: 'assistant', content: final });
    emit({ type: 'done', answer: final, citations });
    return { conversationId: id, answer: final, citations };
  } catch (error) {
    const message = maskSecrets(error instanceof Error ? error.message : String(error));
    emit({ type: 'error', message });
    await appendMessage(store, id, { role: 'assistant', content: `(error) ${message}` }).catch(() => {});
    throw error;
  }
}
