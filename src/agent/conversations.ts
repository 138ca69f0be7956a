// The agent's conversations and their messages (user questions, tool calls with results, answers), kept by
// the Store's conversation records: ids, titles and times are decided here, storage there.

import { randomUUID } from 'node:crypto';
import type { ConversationMessageRecord, Store } from '../store/store.ts';
import type { Conversation, ConversationMessage, ConversationSummary } from './types.ts';

export interface NewMessage {
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolName?: string;
  toolCallId?: string;
}

/** Creates a conversation titled after its first question; returns its id. */
export async function createConversation(store: Store, title: string, now = Date.now()): Promise<string> {
  const id = randomUUID();
  const short = title.replace(/\s+/g, ' ').trim().slice(0, 80) || 'Question';
  await store.conversations.create({ id, title: short, createdAt: now });
  return id;
}

/** Appends a message after the conversation's last one and touches its updated_at. */
export async function appendMessage(store: Store, conversationId: string, message: NewMessage): Promise<void> {
  await store.conversations.appendMessage(conversationId, {
    id: randomUUID(),
    role: message.role,
    content: message.content,
    toolName: message.toolName ?? null,
    toolCallId: message.toolCallId ?? null,
    createdAt: Date.now(),
  });
}

/** Conversations, most recently updated first. */
export async function listConversations(store: Store, limit = 100): Promise<ConversationSummary[]> {
  return store.conversations.list(limit);
}

/** A conversation with its messages in order; null when there is none. */
export async function getConversation(store: Store, id: string): Promise<Conversation | null> {
  const messages = await store.conversations.findMessages(id);
  return messages ? { id, messages: messages.map(toMessage) } : null;
}

function toMessage(record: ConversationMessageRecord): ConversationMessage {
  return {
    role: record.role,
    content: record.content,
    ...(record.toolName ? { toolName: record.toolName } : {}),
    createdAt: record.createdAt,
  };
}
