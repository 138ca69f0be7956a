// Live: counters, chat, events, transcript and highlights of the stream on air, kept current over SSE, and a
// coach panel with unanswered questions and first-time chatters nobody greeted.

import { useEffect, useReducer, useState } from 'preact/hooks';
import { api, isNoData, useApi } from '../api.ts';
import { ClipButton } from '../components/clip-button.tsx';
import { LurkersPanel } from '../components/lurkers-panel.tsx';
import { Card, Empty, ErrorBox, Loading, Stat } from '../components/states.tsx';
import { VirtualList } from '../components/virtual-list.tsx';
import { formatClock, formatDuration, formatNumber } from '../lib/format.ts';
import { applyLiveEvent, chatRate, eventLabel, type LiveMessage, type LiveStreamState } from '../lib/live-feed.ts';
import { Link } from '../router.tsx';

type LiveResponse = {
  ingest: boolean;
  streams: (Omit<LiveStreamState, 'chatterIds' | 'missed'> & { chatterLogins: string[] })[];
};
type Action = { type: 'load'; streams: LiveStreamState[] } | { type: 'event'; message: LiveMessage };

function reduce(state: LiveStreamState[] | null, action: Action): LiveStreamState[] | null {
  if (action.type === 'load') return action.streams;
  return state?.map((s) => applyLiveEvent(s, action.message)) ?? state;
}

const eventNames = ['chat', 'chat-event', 'channel-event', 'snapshot', 'transcript', 'highlight', 'dropped'];

export function LivePage() {
  const [streams, dispatch] = useReducer(reduce, null);
  const [ingest, setIngest] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [connected, setConnected] = useState(false);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let stale = false;
    let knownIds = new Set<string>();
    let loading: Promise<void> | null = null;
    const load = () =>
      (loading ??= api<LiveResponse>('/api/live').then(
        (r) => {
          loading = null;
          if (stale) return;
          knownIds = new Set(r.streams.map((s) => s.streamId));
          setIngest(r.ingest);
          dispatch({
            type: 'load',
            streams: r.streams.map(({ chatterLogins, ...s }) => ({ ...s, chatterIds: chatterLogins, missed: 0 })),
          });
        },
        (e: Error) => {
          loading = null;
          setError(e);
        },
      ));
    void load();
    const source = new EventSource('/api/live/events');
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('error', () => setConnected(false));
    for (const name of eventNames) {
      source.addEventListener(name, (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>;
        // A record of a stream this page does not know yet: a stream just went live.
        if (typeof data.streamId === 'string' && !knownIds.has(data.streamId) && name !== 'dropped') void load();
        dispatch({ type: 'event', message: { event: name, data } });
      });
    }
    const unsubscribe = () => {
      stale = true;
      source.close();
    };
    const track = setInterval(() => setNow(Date.now()), 5000);
    return () => {
      unsubscribe();
      clearInterval(track);
    };
  }, []);

  const [selected, setSelected] = useState<string | null>(null);
  if (error) return <ErrorBox error={error as never} />;
  if (streams === null) return <Loading what="the live view" />;
  const stream = streams.find((s) => s.streamId === selected) ?? streams[0];
  if (!stream) {
    return (
      <Card>
        <h1>Live</h1>
        <Empty title="No stream is live right now">
          {ingest ? (
            <p>When a tracked channel goes live, its viewers, chat and events appear here as they happen.</p>
          ) : (
            <p>
              This server is not recording. Run <code>streamlens start --channel yourname</code> to record a channel
              live (or <code>streamlens demo</code> to watch a simulated one).
            </p>
          )}
          <p>
            Past streams are under <Link href="/streams">Streams</Link>.
          </p>
        </Empty>
      </Card>
    );
  }
  return (
    <>
      {streams.length > 1 && (
        <nav class="live-tabs" aria-label="Live channels">
          {streams.map((s) => (
            <button
              type="button"
              key={s.streamId}
              class={s.streamId === stream.streamId ? 'tab active' : 'tab'}
              aria-pressed={s.streamId === stream.streamId}
              onClick={() => setSelected(s.streamId)}
            >
              <span class="live-dot" aria-hidden="true" /> {s.displayName ?? s.channelLogin}
            </button>
          ))}
        </nav>
      )}
      <LiveStream stream={stream} connected={connected} now={now} />
    </>
  );
}

function LiveStream(props: { stream: LiveStreamState; connected: boolean; now: number }) {
  const { stream: s } = props;
  // Twitch's clock and this browser's can disagree (and the demo's simulator runs fast): never show time
  // before the newest message as "now".
  const now = Math.max(props.now, s.chat.at(-1)?.ts ?? 0, s.startedAt);
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <p class="eyebrow">
            <span class="live-dot" aria-hidden="true" /> Live · {s.displayName ?? s.channelLogin} ·{' '}
            {formatDuration(now - s.startedAt)}
          </p>
          <h1>{s.title}</h1>
          <p class="muted">{s.gameName ?? 'No category'}</p>
        </div>
        <p class={`pill ${props.connected ? 'ok' : 'warn'}`} role="status">
          {props.connected ? 'Connected' : 'Reconnecting…'}
        </p>
      </header>
      {s.missed > 0 && (
        <p class="notice">
          This page fell behind and skipped {s.missed} events; the counters stay exact after a reload.
        </p>
      )}
      <div class="stats" aria-live="off">
        <Stat label="Viewers" value={formatNumber(s.viewers)} />
        <Stat label="Chat / min" value={formatNumber(chatRate(s.chat, now))} />
        <Stat label="Chatters" value={formatNumber(s.counters.chatters)} />
        <Stat label="Messages" value={formatNumber(s.counters.messages)} />
        <Stat label="Follows" value={formatNumber(s.counters.follows)} />
        <Stat label="Subs" value={formatNumber(s.counters.subs)} />
        <Stat label="Bits" value={formatNumber(s.counters.bits)} />
      </div>
      <div class="grid live-grid">
        <Card title="Chat" class="chat-card">
          {s.chat.length === 0 ? (
            <Empty title="No chat yet">Messages show up here the moment they arrive.</Empty>
          ) : (
            <VirtualList
              items={s.chat}
              rowHeight={30}
              height={480}
              stickToBottom
              label="Live chat"
              render={(m) => (
                <div class={`chat-line ${m.firstMsg ? 'first' : ''}`} title={m.text}>
                  <time class="muted">{formatClock(m.ts)}</time>{' '}
                  <Link href={`/chatters/${m.userLogin}`} class="chatter">
                    {m.displayName}
                  </Link>
                  {m.firstMsg && <span class="badge">first</span>} <span class="chat-text">{m.text}</span>
                </div>
              )}
            />
          )}
        </Card>
        <div class="stack">
          <Coach streamId={s.streamId} />
          <LurkersPanel streamId={s.streamId} />
          <Card title="Clip">
            <ClipButton streamId={s.streamId} live label="Clip now" />
          </Card>
          <Card title="Highlights">
            {s.highlights.length === 0 ? (
              <p class="muted">Chat spikes are detected every 15 seconds and marked here.</p>
            ) : (
              <ul class="list">
                {s.highlights.map((h) => (
                  <li key={String(h.startTs)}>
                    <Link href={`/streams/${s.streamId}?t=${String(h.offsetMs)}`}>{String(h.offsetLabel)}</Link> —{' '}
                    {(h.kinds as string[]).join(', ')} · {String(h.messages)} messages
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Events">
            {s.events.length === 0 ? (
              <p class="muted">Follows, subs, raids and cheers appear here.</p>
            ) : (
              <ul class="list feed">
                {[...s.events]
                  .reverse()
                  .slice(0, 30)
                  .map((e) => (
                    <li key={e.id}>
                      <time class="muted">{formatClock(e.ts)}</time> <strong>{e.userLogin ?? 'someone'}</strong>{' '}
                      {eventLabel(e.type)}
                    </li>
                  ))}
              </ul>
            )}
          </Card>
          <Card title="Transcript">
            {s.transcript.length === 0 ? (
              <p class="muted">What you say appears here when transcription is on (Settings → Transcription).</p>
            ) : (
              <ul class="list feed">
                {[...s.transcript]
                  .reverse()
                  .slice(0, 20)
                  .map((t) => (
                    <li key={t.id}>
                      <time class="muted">{formatClock(t.startTs)}</time> {t.text}
                    </li>
                  ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

type Questions = { questions: { ts: number; userLogin: string; text: string; answered: boolean }[] };
type Community = { unrepliedFirstTimers: string[] };

function Coach(props: { streamId: string }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 20_000);
    return () => clearInterval(t);
  }, []);
  const q = useApi<Questions>(`/api/streams/${encodeURIComponent(props.streamId)}/questions?r=${tick}`);
  const c = useApi<Community>(`/api/streams/${encodeURIComponent(props.streamId)}/community?r=${tick}`);
  const open = q.state === 'ready' && !isNoData(q.data) ? q.data.questions.filter((x) => !x.answered).slice(-8) : [];
  const unreplied = c.state === 'ready' && !isNoData(c.data) ? c.data.unrepliedFirstTimers.slice(0, 12) : [];
  return (
    <Card title="Coach" class="coach">
      <h3>Unanswered questions</h3>
      {q.state === 'loading' ? (
        <Loading />
      ) : q.state === 'error' ? (
        <p class="muted">Questions are not available: {q.error.message}</p>
      ) : open.length === 0 ? (
        <p class="muted">No open questions. Nice.</p>
      ) : (
        <ul class="list">
          {open.map((x) => (
            <li key={`${x.ts}${x.userLogin}`}>
              <strong>{x.userLogin}</strong>: {x.text}
            </li>
          ))}
        </ul>
      )}
      <h3>First-time chatters without a reply</h3>
      {c.state === 'error' ? (
        <p class="muted">Not available: {c.error.message}</p>
      ) : unreplied.length === 0 ? (
        <p class="muted">Everyone new got a hello.</p>
      ) : (
        <p>
          Say hi to{' '}
          {unreplied.map((login, i) => (
            <span key={login}>
              {i > 0 && ', '}
              <strong>{login}</strong>
            </span>
          ))}
        </p>
      )}
    </Card>
  );
}
