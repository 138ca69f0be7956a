// Search: full text over chat and transcripts of the channel in scope, filtered by chatter and stream (picked
// by date and title); matches are marked, results jump to the timeline, and a capped list says so.
import { useState } from 'preact/hooks';
import type { StreamListItem } from '../../../src/analytics/index.ts';
import { useApi } from '../api.ts';
import { Card, Empty, ErrorBox, Loading } from '../components/states.tsx';
import { formatDateTime, formatOffset } from '../lib/format.ts';
import { highlightMatches } from '../lib/highlight-matches.ts';
import { usePreferences, withChannel } from '../lib/preferences.ts';
import { Link, navigate } from '../router.tsx';

/** A line with the searched words marked: each piece is a text node, inside <mark> when it matches. */
function Marked(props: { text: string; query: string }) {
  return (
    <>{highlightMatches(props.text, props.query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}</>
  );
}

type Results = {
  chat: {
    id: string;
    streamId: string | null;
    ts: number;
    userLogin: string;
    displayName: string;
    text: string;
    offsetMs: number | null;
  }[];
  chatTotal: number;
  chatTotalIsLowerBound: boolean;
  transcript: { id: string; streamId: string | null; startTs: number; text: string; offsetMs: number | null }[];
};

const at = (streamId: string | null, offsetMs: number | null) =>
  streamId ? `/streams/${encodeURIComponent(streamId)}${offsetMs === null ? '' : `?t=${offsetMs}`}` : null;

export function SearchPage(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const user = props.query.get('user') ?? '';
  const stream = props.query.get('stream') ?? '';
  const { channel } = usePreferences();
  const [form, setForm] = useState({ q, user, stream });
  const params = new URLSearchParams(Object.entries({ q, user, stream }).filter(([, v]) => v));
  const results = useApi<Results>(q ? withChannel(`/api/search?${params}`, channel) : null);
  const streams = useApi<{ streams: StreamListItem[] }>(withChannel('/api/streams?limit=200', channel));
  const streamList = streams.state === 'ready' ? streams.data.streams : [];
  const streamLabel = (s: StreamListItem) =>
    `${formatDateTime(s.startedAt)} · ${s.title || '(untitled)'}${channel ? '' : ` (${s.channelLogin ?? s.channelId})`}`;
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>Search</h1>
          <p class="muted small">{channel ? `Channel ${channel}` : 'Every recorded channel'}</p>
        </div>
      </header>
      <Card>
        <form
          class="filters"
          aria-label="Search chat and transcripts"
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim()));
            navigate(`/search?${next}`);
          }}
        >
          <label class="grow">
            Words
            <input
              type="search"
              name="q"
              value={form.q}
              onInput={(e) => setForm({ ...form, q: e.currentTarget.value })}
              placeholder="e.g. giveaway"
              required
            />
          </label>
          <label>
            Chatter
            <input
              name="user"
              value={form.user}
              onInput={(e) => setForm({ ...form, user: e.currentTarget.value })}
              placeholder="login"
            />
          </label>
          <label>
            Stream
            <select
              name="stream"
              value={form.stream}
              onChange={(e) => setForm({ ...form, stream: e.currentTarget.value })}
            >
              <option value="">Any stream</option>
              {stream && !streamList.some((s) => s.id === stream) && <option value={stream}>This stream</option>}
              {streamList.map((s) => (
                <option key={s.id} value={s.id}>
                  {streamLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="button primary">
            Search
          </button>
        </form>
      </Card>
      {!q ? (
        <Empty title="Search everything said in chat and on stream">
          Type words above; add a chatter's login to see only their messages.
        </Empty>
      ) : results.state === 'loading' ? (
        <Loading what="results" />
      ) : results.state === 'error' ? (
        <ErrorBox error={results.error} />
      ) : (
        <div class="grid two">
          <Card
            title={
              results.data.chat.length < results.data.chatTotal || results.data.chatTotalIsLowerBound
                ? `Chat: showing the newest ${results.data.chat.length} of ${results.data.chatTotalIsLowerBound ? 'more than ' : ''}${results.data.chatTotal}`
                : `Chat (${results.data.chat.length})`
            }
          >
            {results.data.chat.length === 0 ? (
              <p class="muted">No chat message matches.</p>
            ) : (
              <ul class="list results">
                {results.data.chat.map((m) => {
                  const href = at(m.streamId, m.offsetMs);
                  return (
                    <li key={m.id}>
                      <div class="muted small">
                        {formatDateTime(m.ts)}
                        {href && m.offsetMs !== null && (
                          <>
                            {' '}
                            · <Link href={href}>at {formatOffset(m.offsetMs)}</Link>
                          </>
                        )}
                      </div>
                      <Link href={`/chatters/${m.userLogin}`} class="chatter">
                        {m.displayName}
                      </Link>{' '}
                      <span class="chat-text">
                        <Marked text={m.text} query={q} />
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
          <Card title={`Transcript (${results.data.transcript.length})`}>
            {results.data.transcript.length === 0 ? (
              <p class="muted">
                {user ? 'Transcripts are not filtered by chatter.' : 'Nothing said on stream matches.'}
              </p>
            ) : (
              <ul class="list results">
                {results.data.transcript.map((t) => {
                  const href = at(t.streamId, t.offsetMs);
                  return (
                    <li key={t.id}>
                      <div class="muted small">
                        {formatDateTime(t.startTs)} {href && <Link href={href}>open</Link>}
                      </div>
                      <Marked text={t.text} query={q} />
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
