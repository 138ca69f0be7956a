// The Ask page's routes: a question answered as a stream of agent events (SSE), and past conversations.

import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Agent } from '../../agent/types.ts';
import { isTimeZone } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { maskSecrets } from '../../mask-secrets.ts';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/define-route.ts';
import { notFound } from '../http/http-error.ts';

function agentOf(deps: AppDeps): Agent {
  if (!deps.agent) {
    throw new StreamlensError(
      'UNAVAILABLE',
      'the AI agent is not installed in this streamlens',
      'update streamlens; the analytics pages work without it',
    );
  }
  return deps.agent;
}

export const askRoute = defineRoute('post', '/api/agent/ask', {
  summary:
    'Asks the agent; the answer streams as SSE events: conversation, text, tool_call, tool_result, done (answer + citations), error.',
  body: z.object({
    question: z.string().trim().min(1).max(4000),
    conversationId: z.string().max(200).optional(),
    /** The channel in scope (a login): a question that names none is about it. */
    channel: z.string().trim().max(50).optional(),
    /** The IANA zone the asker reads times in (default UTC). */
    timeZone: z.string().max(64).refine(isTimeZone, 'timeZone must be an IANA time zone').optional(),
  }),
  response: z.string(),
  produces: 'text/event-stream',
  async handle({ body, c, deps }) {
    const agent = agentOf(deps);
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      // Events are written in order; a slow browser only delays this one answer.
      let chain = Promise.resolve();
      const send = (type: string, data: unknown) => {
        chain = chain.then(() =>
          stream.aborted ? undefined : stream.writeSSE({ event: type, data: JSON.stringify(data) }),
        );
      };
      // The agent reports its own failures as an `error` event; one it could not report (before the answer
      // began: an unknown conversation) is sent here, so each failure reaches the browser once.
      let errorSent = false;
      try {
        await agent.ask(body.question, {
          conversationId: body.conversationId,
          channel: body.channel || undefined,
          timeZone: body.timeZone,
          signal: abort.signal,
          onEvent: (e) => {
            if (e.type === 'error') errorSent = true;
            send(e.type, e);
          },
        });
      } catch (error) {
        deps.log.warn('agent answer failed', { error: (error as Error).message });
        if (!errorSent)
          send('error', { type: 'error', message: maskSecrets((error as Error).message || 'the agent failed') });
      }
      await chain;
    });
  },
});

export const conversationsRoute = defineRoute('get', '/api/agent/conversations', {
  summary: 'Past conversations with the agent, newest first.',
  response: z.object({
    mode: z.enum(['builtin', 'model']),
    conversations: z.array(z.object({ id: z.string(), title: z.string(), updatedAt: z.number() })),
  }),
  async handle({ deps }) {
    const agent = agentOf(deps);
    return { mode: agent.mode, conversations: await agent.listConversations() };
  },
});

export const conversationRoute = defineRoute('get', '/api/agent/conversations/:id', {
  summary: 'One conversation with its messages.',
  params: z.object({ id: z.string().min(1).max(200) }),
  response: z.object({
    id: z.string(),
    messages: z.array(
      z.object({
        role: z.enum(['user', 'assistant', 'tool']),
        content: z.string(),
        toolName: z.string().optional(),
        createdAt: z.number(),
      }),
    ),
  }),
  async handle({ params, deps }) {
    const conversation = await agentOf(deps).getConversation(params.id);
    if (!conversation) throw notFound(`conversation ${params.id}`, 'GET /api/agent/conversations lists them');
    return conversation;
  },
});
