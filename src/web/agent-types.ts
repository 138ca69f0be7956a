// The agent contract the web layer serves (implemented in src/agent/); declared here structurally so the server
// type-checks and runs whether or not an agent is installed.

/** A place in a stream an answer rests on; `href` opens the timeline there. */
export interface Citation {
  streamId: string;
  offsetMs: number | null;
  label: string;
  href: string;
}

/** One step of an answer as it streams. */
export type AgentEvent =
  | { type: 'conversation'; id: string }
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; name: string; output: unknown; error?: string }
  | { type: 'done'; answer: string; citations: Citation[] }
  | { type: 'error'; message: string };

export interface AgentAskOptions {
  conversationId?: string;
  signal?: AbortSignal;
  onEvent: (e: AgentEvent) => void;
}

export interface AgentMessage {
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolName?: string;
  createdAt: number;
}

/** What the Ask page talks to. */
export interface Agent {
  mode: 'builtin' | 'model';
  ask(
    question: string,
    options: AgentAskOptions,
  ): Promise<{ conversationId: string; answer: string; citations: Citation[] }>;
  listConversations(): Promise<{ id: string; title: string; updatedAt: number }[]>;
  getConversation(id: string): Promise<{ id: string; messages: AgentMessage[] } | null>;
}
