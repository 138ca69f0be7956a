// Conversations and their messages (user questions, tool calls with results, answers) in the
// agent_conversations / agent_messages tables, with portable SQL. Writes end in RETURNING because the Store
// only has all/get (better-sqlite3's all() refuses statements that return no rows).

import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { Conversation, ConversationMessage, ConversationSummary } from './types.ts';

interface MessageRow {
  role: string;
  content: string;
  tool_name: string | null;
  created_at: number;
}

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
  await store.all(
    'INSERT INTO agent_conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id',
    [id, short, now, now],
  );
  return id;
}

/** Whether a conversation exists. */
export async function hasConversation(store: Store, id: string): Promise<boolean> {
  return (await store.get('SELECT id FROM agent_conversations WHERE id = ?', [id])) !== undefined;
}

/** Appends a message after the conversation's last one and touches its updated_at. */
export async function appendMessage(store: Store, conversationId: string, message: NewMessage): Promise<void> {
  const now = Date.now();
  const last = await store.get<{ seq: number | null }>(
    'SELECT MAX(seq) AS seq FROM agent_messages WHERE conversation_id = ?',
    [conversationId],
  );
  await store.all(
    'INSERT INTO agent_messages (id, conversation_id, seq, role, content, tool_name, tool_call_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
    [
      randomUUID(),
      conversationId,
      (last?.seq ?? 0) + 1,
      message.role,
      message.content,
      message.toolName ?? null,
      message.toolCallId ?? null,
      now,
    ],
  );
  await store.all('UPDATE agent_conversations SET updated_at = ? WHERE id = ? RETURNING id', [now, conversationId]);
}

/** Conversations, most recently updated first. */
export async function listConversations(store: Store, limit = 100): Promise<ConversationSummary[]> {
  const rows = await store.all<{ id: string; title: string; updated_at: number }>(
    'SELECT id, title, updated_at FROM agent_conversations ORDER BY updated_at DESC LIMIT ?',
    [limit],
  );
  return rows.map((r) => ({ id: r.id, title: r.title, updatedAt: r.updated_at }));
}

/** A conversation with its messages in order; null when there is none. */
export async function getConversation(store: Store, id: string): Promise<Conversation | null> {
  if (!(await hasConversation(store, id))) return null;
  const rows = await store.all<MessageRow>(
    'SELECT role, content, tool_name, created_at FROM agent_messages WHERE conversation_id = ? ORDER BY seq',
    [id],
  );
  return { id, messages: rows.map(toMessage) };
}

function toMessage(row: MessageRow): ConversationMessage {
  const role = row.role === 'user' || row.role === 'tool' ? row.role : 'assistant';
  return {
    role,
    content: row.content,
    ...(row.tool_name ? { toolName: row.tool_name } : {}),
    createdAt: row.created_at,
  };
}
