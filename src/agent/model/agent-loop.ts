// The model-driven answerer: a bounded tool-calling loop over any OpenAI-compatible Chat Completions server
// (OpenAI, Ollama, LM Studio, vLLM, llama.cpp), streaming text as it arrives. Bounded by steps, wall time
// and total tokens; provider failures become one clear UPSTREAM error.

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { StreamlensError } from '../../errors.ts';
import type { Dialect } from '../../store/store.ts';
import type { Answerer, AskSession } from '../run-ask.ts';
import { type AgentTool, toToolDefinition } from '../tools/index.ts';
import { buildSystemPrompt } from './build-system-prompt.ts';
import { createStreamRestorer, type Redactor } from './create-redactor.ts';
import { isRateLimited, toProviderError, toRetryDelayMs } from './to-provider-error.ts';
import { truncateForModel } from './truncate-for-model.ts';

export interface AgentLoopOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  maxSteps: number;
  timeoutMs: number;
  /** Total tokens (prompt + completion, all steps) after which the loop stops (default 200k). */
  maxTotalTokens?: number;
  tools: readonly AgentTool[];
  dialect: Dialect;
  /** Per question: pseudonymises names sent to the model; absent = names are sent as they are. */
  createRedactor?: () => Promise<Redactor>;
  fetch?: typeof fetch;
  /** 429 handling: retries, first backoff and the cap on any wait (Retry-After included). */
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

/** An answerer that lets the configured model call the tools. */
export function createModelAnswerer(options: AgentLoopOptions): Answerer {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey ?? 'not-needed',
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return (session) => runAgentLoop(client, session, options);
}

async function runAgentLoop(client: OpenAI, session: AskSession, options: AgentLoopOptions): Promise<string> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const cancel = () => controller.abort();
  session.signal?.addEventListener('abort', cancel, { once: true });
  if (session.signal?.aborted) controller.abort();
  try {
    return await loop(client, session, options, controller.signal);
  } catch (error) {
    if (timedOut)
      throw new StreamlensError(
        'UPSTREAM',
        `no answer within ${options.timeoutMs} ms`,
        'raise ai.timeoutMs or ask a narrower question',
        { cause: error },
      );
    throw toProviderError(error, options);
  } finally {
    clearTimeout(timer);
    session.signal?.removeEventListener('abort', cancel);
  }
}

async function loop(
  client: OpenAI,
  session: AskSession,
  options: AgentLoopOptions,
  signal: AbortSignal,
): Promise<string> {
  const redactor = options.createRedactor ? await options.createRedactor() : null;
  const hide = (text: string) => (redactor ? redactor.redactText(text) : text);
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: buildSystemPrompt(options.dialect) },
    ...session.history.map((m) => ({ role: m.role, content: hide(m.content) })),
    { role: 'user', content: hide(session.question) },
  ];
  const tools = options.tools.map(toToolDefinition);
  const maxTokens = options.maxTotalTokens ?? 200_000;
  let totalTokens = 0;
  for (let step = 1; step <= options.maxSteps; step++) {
    const last = step === options.maxSteps;
    if (last && step > 1)
      messages.push({
        role: 'system',
        content: 'Step limit reached: answer now from the tool results above, without calling tools.',
      });
    const stream = await createWithRetry(client, options, signal, {
      model: options.model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(last ? {} : { tools, tool_choice: 'auto' as const }),
    });
    const restorer = redactor ? createStreamRestorer(redactor) : null;
    let text = '';
    const calls: PendingCall[] = [];
    for await (const chunk of stream) {
      totalTokens += chunk.usage?.total_tokens ?? 0;
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) {
        text += delta.content;
        const shown = restorer ? restorer.push(delta.content) : delta.content;
        if (shown) session.emit({ type: 'text', delta: shown });
      }
      for (const part of delta?.tool_calls ?? []) {
        calls[part.index] ??= { id: '', name: '', args: '' };
        const slot = calls[part.index]!;
        if (part.id) slot.id = part.id;
        if (part.function?.name) slot.name += part.function.name;
        if (part.function?.arguments) slot.args += part.function.arguments;
      }
    }
    // The SDK ends a stream quietly when it is aborted: the text so far is not an answer.
    signal.throwIfAborted();
    const rest = restorer?.flush();
    if (rest) session.emit({ type: 'text', delta: rest });
    if (totalTokens > maxTokens)
      throw new StreamlensError(
        'UPSTREAM',
        `stopped: this question used ${totalTokens} tokens, over the limit of ${maxTokens}`,
        'ask a narrower question',
      );
    const pending = calls.filter((c): c is PendingCall => c !== undefined && c.name !== '');
    if (pending.length === 0) return redactor ? redactor.restoreText(text) : text;
    if (last) break;
    for (const call of pending) call.id ||= `call_${randomUUID()}`;
    messages.push({
      role: 'assistant',
      content: text || null,
      tool_calls: pending.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.args || '{}' },
      })),
    });
    for (const call of pending) {
      signal.throwIfAborted();
      const input = parseArguments(call.args);
      const outcome = await session.callTool(call.name, redactor ? redactor.restoreValue(input) : input, call.id);
      if (redactor && outcome.error === undefined) redactor.learnFrom(outcome.output);
      const payload = outcome.error === undefined ? outcome.output : { error: outcome.error };
      messages.push({
        role: 'tool',
        tool_call_id: call.id,
        content: truncateForModel(redactor ? redactor.redactValue(payload) : payload),
      });
    }
  }
  throw new StreamlensError(
    'UPSTREAM',
    `stopped after ${options.maxSteps} steps without a final answer`,
    'raise ai.maxSteps or ask a narrower question',
  );
}

type StreamParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

async function createWithRetry(
  client: OpenAI,
  options: AgentLoopOptions,
  signal: AbortSignal,
  params: StreamParams,
): Promise<AsyncIterable<ChatCompletionChunk>> {
  const retry = options.retry ?? { attempts: 3, baseDelayMs: 1000, maxDelayMs: 20_000 };
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.chat.completions.create(params, { signal });
    } catch (error) {
      if (!isRateLimited(error) || attempt >= retry.attempts) throw error;
      await sleep(toRetryDelayMs(error, attempt, retry.baseDelayMs, retry.maxDelayMs), undefined, { signal });
    }
  }
}

/** The model's argument JSON; anything unparsable is passed on as text so the tool reports it. */
function parseArguments(args: string): unknown {
  try {
    return JSON.parse(args || '{}');
  } catch {
    return args;
  }
}
