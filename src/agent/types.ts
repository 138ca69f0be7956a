// The agent's public shapes: the events an answer streams as, its citations and the Agent interface the CLI,
// the web API and the UI code against. No imports, so the UI can type-check against it too.

/** One step of an answer as it happens, in order: conversation, then text/tool events, then done or error. */
export type AgentEvent =
  | { type: 'conversation'; id: string }
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; name: string; output: unknown; error?: string }
  | { type: 'done'; answer: string; citations: Citation[] }
  | { type: 'error'; message: string };

/** A stream (and moment in it) an answer rests on; `href` is the web UI's timeline route. */
export interface Citation {
  streamId: string;
  offsetMs: number | null;
  label: string;
  href: string;
}

export interface AskOptions {
  conversationId?: string;
  /** The channel in scope (a login); questions that name none are about it (default: the main channel). */
  channel?: string;
  /** The IANA zone the asker reads times in (default UTC); the analyst's dates and slots use it, named. */
  timeZone?: string;
  signal?: AbortSignal;
  onEvent: (e: AgentEvent) => void;
}

export interface AskResult {
  conversationId: string;
  answer: string;
  citations: Citation[];
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
}

export interface ConversationMessage {
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolName?: string;
  createdAt: number;
}

export interface Conversation {
  id: string;
  messages: ConversationMessage[];
}

/** Answers questions about the recorded streams, with a model ('model') or without one ('builtin'). */
export interface Agent {
  mode: 'builtin' | 'model';
  ask(question: string, options: AskOptions): Promise<AskResult>;
  listConversations(): Promise<ConversationSummary[]>;
  getConversation(id: string): Promise<Conversation | null>;
}
