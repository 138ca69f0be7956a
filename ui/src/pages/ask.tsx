// Ask: a conversation with the agent; answers stream in, the tools it used are shown on demand, and
// citations jump to the timeline.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { AgentEvent, Citation } from '../../../src/agent/types.ts';
import { type ApiError, toApiError, useApi } from '../api.ts';
import { Card, Empty, ErrorBox, Loading } from '../components/states.tsx';
import { type Inline, parseAnswer } from '../lib/answer-markdown.ts';
import { createSseParser } from '../lib/parse-sse.ts';
import { usePreferences } from '../lib/preferences.ts';
import { Link } from '../router.tsx';

interface Turn {
  question: string;
  answer: string;
  tools: { id: string; name: string; input: unknown; output?: unknown; error?: string }[];
  citations: Citation[];
  error?: string;
  done: boolean;
}

function readCsrf(): string {
  return document.cookie.match(/(?:^|; )sl_csrf=([^;]+)/)?.[1] ?? '';
}

function Inlines(props: { parts: Inline[] }) {
  return (
    <>
      {props.parts.map((part, i) =>
        part.kind === 'link' ? (
          <Link key={i} href={part.href}>
            {part.text}
          </Link>
        ) : part.kind === 'strong' ? (
          <strong key={i}>{part.text}</strong>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** An answer's Markdown as elements (see answer-markdown.ts): its text is never read as HTML. */
function Answer(props: { text: string }) {
  return (
    <>
      {parseAnswer(props.text).map((block, i) => {
        if (block.kind === 'paragraph')
          return (
            <p key={i}>
              {block.lines.map((line, j) => (
                <Fragment key={j}>
                  {j > 0 && <br />}
                  <Inlines parts={line} />
                </Fragment>
              ))}
            </p>
          );
        const List = block.ordered ? 'ol' : 'ul';
        return (
          <List key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inlines parts={item} />
              </li>
            ))}
          </List>
        );
      })}
    </>
  );
}

export function AskPage() {
  const conversations = useApi<{ mode: string; conversations: { id: string; title: string }[] }>(
    '/api/agent/conversations',
  );
  const [turns, setTurns] = useState<Turn[]>([]);
  const [question, setQuestion] = useState('');
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { channel, timeZone } = usePreferences();

  if (conversations.state === 'loading') return <Loading what="the agent" />;
  if (conversations.state === 'error') {
    return (
      <Card>
        <h1>Ask</h1>
        <Empty
          title={conversations.error.status === 503 ? 'The AI agent is not installed' : 'The agent is not available'}
        >
          {conversations.error.status !== 503 && <p>{conversations.error.message}</p>}
          {conversations.error.hint && <p>{conversations.error.hint}</p>}
        </Empty>
      </Card>
    );
  }

  const update = (fn: (t: Turn) => Turn) => setTurns((all) => [...all.slice(0, -1), fn(all.at(-1)!)]);
  const ask = async (e: Event) => {
    e.preventDefault();
    const text = question.trim();
    if (!text || busy) return;
    setBusy(true);
    setError(null);
    setQuestion('');
    setTurns((all) => [...all, { question: text, answer: '', tools: [], citations: [], done: false }]);
    try {
      const res = await fetch('/api/agent/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': readCsrf() },
        body: JSON.stringify({ question: text, conversationId, timeZone, ...(channel ? { channel } : {}) }),
      });
      if (!res.ok || !res.body)
        throw new Error(
          ((await res.json().catch(() => null)) as { error?: { message: string } } | null)?.error?.message ??
            `status ${res.status}`,
        );
      const parse = createSseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const m of parse(value)) apply(JSON.parse(m.data) as AgentEvent);
      }
    } catch (err) {
      setError(toApiError(err));
    } finally {
      update((t) => ({ ...t, done: true }));
      setBusy(false);
    }
  };
  const apply = (ev: AgentEvent) => {
    if (ev.type === 'conversation') setConversationId(ev.id);
    else if (ev.type === 'text') update((t) => ({ ...t, answer: t.answer + ev.delta }));
    else if (ev.type === 'tool_call')
      update((t) => ({ ...t, tools: [...t.tools, { id: ev.id, name: ev.name, input: ev.input }] }));
    else if (ev.type === 'tool_result')
      update((t) => ({
        ...t,
        tools: t.tools.map((x) => (x.id === ev.id ? { ...x, output: ev.output, error: ev.error } : x)),
      }));
    else if (ev.type === 'done') update((t) => ({ ...t, answer: ev.answer || t.answer, citations: ev.citations }));
    else if (ev.type === 'error') update((t) => ({ ...t, error: ev.message }));
  };

  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>Ask</h1>
          <p class="muted">
            {conversations.data.mode === 'model'
              ? 'Answers come from your AI model, using your stream data.'
              : 'Answers come from the built-in analyst (no AI model configured).'}{' '}
            {channel
              ? `Questions are about ${channel} unless they name another channel.`
              : 'Questions are about your main channel unless they name another (pick one at the top).'}
          </p>
        </div>
      </header>
      <Card>
        {turns.length === 0 && (
          <p class="muted">Try “Why did viewers drop last stream?” or “Which category grows my channel fastest?”</p>
        )}
        <div class="conversation" aria-live="polite">
          {turns.map((t, i) => (
            <div key={i} class="turn">
              <p class="question">{t.question}</p>
              {t.tools.length > 0 && (
                <details class="tools">
                  <summary>{t.tools.length} data lookups</summary>
                  {t.tools.map((x) => (
                    <div key={x.id} class="tool">
                      <strong>{x.name}</strong>
                      <pre>{JSON.stringify(x.input, null, 2)}</pre>
                      {x.error ? (
                        <p class="down">{x.error}</p>
                      ) : (
                        x.output !== undefined && <pre>{JSON.stringify(x.output, null, 2).slice(0, 4000)}</pre>
                      )}
                    </div>
                  ))}
                </details>
              )}
              <div class="answer">
                {t.answer ? <Answer text={t.answer} /> : !t.done && <Loading what="the answer" />}
              </div>
              {t.error && <p class="down">{t.error}</p>}
              {t.citations.length > 0 && (
                <ul class="citations">
                  {t.citations.map((c) => (
                    <li key={c.href}>
                      <Link href={c.href}>{c.label}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
        <form class="ask-form" onSubmit={ask}>
          <label class="grow">
            <span class="sr-only">Your question</span>
            <input
              value={question}
              onInput={(e) => setQuestion(e.currentTarget.value)}
              placeholder="Ask about your streams…"
              disabled={busy}
            />
          </label>
          <button type="submit" class="button primary" disabled={busy}>
            Ask
          </button>
        </form>
        {error && <ErrorBox error={error} />}
      </Card>
      {conversations.data.conversations.length > 0 && (
        <Card title="Earlier conversations">
          <ul class="list">
            {conversations.data.conversations.map((c) => (
              <li key={c.id}>
                <button type="button" class="link" onClick={() => setConversationId(c.id)}>
                  {c.title}
                </button>
                {conversationId === c.id && <span class="muted"> (continuing)</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
