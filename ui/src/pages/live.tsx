// Live: counters, a viewer graph with event markers, wrapping chat, events, transcript and highlights of the
// stream on air, kept current over SSE, and a coach panel with unanswered questions and first-time chatters
// nobody greeted. The channel switcher picks whose stream; the page never jumps to another stream on its own,
// and when the stream ends it links to the report just written.
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { StreamTimeline } from '../../../src/analytics/index.ts';
import { api, isNoData, useApi } from '../api.ts';
import { ClipButton } from '../components/clip-button.tsx';
import { LurkersPanel } from '../components/lurkers-panel.tsx';
import { Card, Empty, ErrorBox, Loading, Stat } from '../components/states.tsx';
import { type ChartMarker, offsetSteps, TimeChart } from '../components/time-chart.tsx';
import { describeLiveEvent } from '../lib/describe-live-event.ts';
import { formatClock, formatDuration, formatNumber, formatZone } from '../lib/format.ts';
import {
  applyLiveEvent,
  chatRate,
  createRecordClock,
  type LiveMessage,
  type LiveStreamState,
} from '../lib/live-feed.ts';
import { setPreference, usePreferences } from '../lib/preferences.ts';
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

/** How often the page re-reads /api/live, to notice a stream that ended. */
const refreshMs = 30_000;

const eventNames = ['chat', 'chat-event', 'channel-event', 'snapshot', 'transcript', 'highlight', 'dropped'];

export function LivePage() {
  const [streams, dispatch] = useReducer(reduce, null);
  const [ingest, setIngest] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [connected, setConnected] = useState(false);
  // The recorder's clock, read from the records (the demo's simulated clock is not the browser's).
  const [clock] = useState(() => createRecordClock());
  const [now, setNow] = useState(Date.now());
  const { channel } = usePreferences();

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
          for (const s of r.streams) for (const line of s.chat.slice(-1)) clock.see(line.ts);
          setNow(clock.now());
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
        if (typeof data.ts === 'number') clock.see(data.ts);
        // A record of a stream this page does not know yet: a stream just went live.
        if (typeof data.streamId === 'string' && !knownIds.has(data.streamId) && name !== 'dropped') void load();
        dispatch({ type: 'event', message: { event: name, data } });
      });
    }
    const track = setInterval(() => setNow(clock.now()), 5000);
    const refresh = setInterval(() => void load(), refreshMs);
    return () => {
      stale = true;
      source.close();
      clearInterval(track);
      clearInterval(refresh);
    };
  }, []);

  // The stream this page shows stays chosen until the reader picks another (a new stream never takes over).
  const [selected, setSelected] = useState<{ streamId: string; channelLogin: string | null } | null>(null);
  if (error) return <ErrorBox error={error as never} />;
  if (streams === null) return <Loading what="the live view" />;
  const inScope = channel ? streams.filter((s) => s.channelLogin === channel) : streams;
  const current = selected && streams.find((s) => s.streamId === selected.streamId);
  const ended = selected && !current && (!channel || selected.channelLogin === channel) ? selected : null;
  const stream = current && inScope.includes(current) ? current : ended ? undefined : inScope[0];
  if (stream && selected?.streamId !== stream.streamId)
    queueMicrotask(() => setSelected({ streamId: stream.streamId, channelLogin: stream.channelLogin }));
  const tabs = inScope.length > 1 && (
    <nav class="live-tabs" aria-label="Live channels">
      {inScope.map((s) => (
        <button
          type="button"
          key={s.streamId}
          class={s.streamId === stream?.streamId ? 'tab active' : 'tab'}
          aria-pressed={s.streamId === stream?.streamId}
          onClick={() => setSelected({ streamId: s.streamId, channelLogin: s.channelLogin })}
        >
          <span class="live-dot" aria-hidden="true" /> {s.displayName ?? s.channelLogin}
        </button>
      ))}
    </nav>
  );
  if (!stream) {
    return (
      <div class="page">
        {tabs}
        <Card>
          <h1>Live</h1>
          {ended ? (
            <Empty title={`${ended.channelLogin ?? 'The'} stream has ended`}>
              <p>
                Its report is ready:{' '}
                <Link href={`/streams/${encodeURIComponent(ended.streamId)}`}>read the report</Link> (timeline,
                highlights, what to try next time).
              </p>
            </Empty>
          ) : (
            <Empty title={channel ? `${channel} is not live right now` : 'No stream is live right now'}>
              {ingest ? (
                <p>
                  When {channel || 'a tracked channel'} goes live, its viewers, chat and events appear here as they
                  happen.
                </p>
              ) : (
                <p>
                  This server is not recording. Run <code>streamlens start --channel yourname</code> to record a channel
                  live (or <code>streamlens demo</code> to watch a simulated one).
                </p>
              )}
              {channel && streams.length > 0 && (
                <p>
                  Live now:{' '}
                  {streams.map((s, i) => (
                    <span key={s.streamId}>
                      {i > 0 && ', '}
                      <button type="button" class="link" onClick={() => setPreference('channel', s.channelLogin ?? '')}>
                        {s.displayName ?? s.channelLogin}
                      </button>
                    </span>
                  ))}
                </p>
              )}
              <p>
                Past streams are under <Link href="/streams">Streams</Link>.
              </p>
            </Empty>
          )}
        </Card>
      </div>
    );
  }
  return (
    <>
      {tabs}
      <LiveStream stream={stream} connected={connected} now={now} />
    </>
  );
}

function LiveStream(props: { stream: LiveStreamState; connected: boolean; now: number }) {
  const { stream: s } = props;
  // `props.now` is on the recorder's clock (see createRecordClock); never earlier than the newest message.
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
      <ViewerGraph stream={s} />
      <div class="grid live-grid">
        <Card title="Chat" class="chat-card" actions={<span class="muted small">times in {formatZone(now)}</span>}>
          {s.chat.length === 0 ? (
            <Empty title="No chat yet">Messages show up here the moment they arrive.</Empty>
          ) : (
            <ChatLog stream={s} />
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
              <ul class="list feed live-events">
                {[...s.events]
                  .reverse()
                  .slice(0, 30)
                  .map((e) => (
                    <li key={e.id}>
                      <time class="muted">{formatClock(e.ts)}</time> {describeLiveEvent(e, s.channelId)}
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

/** Chat lines shown at most: older ones stay on the stream page. */
const chatShown = 300;

/** Live chat: every line wraps (nothing is cut), newest at the bottom, kept in view while the reader is there. */
function ChatLog(props: { stream: LiveStreamState }) {
  const box = useRef<HTMLElement>(null);
  const atBottom = useRef(true);
  const lines = props.stream.chat.slice(-chatShown);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [props.stream.chat.length, props.stream.streamId]);
  return (
    <section
      ref={box}
      class="chat-log"
      tabIndex={-1}
      aria-label="Live chat"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 40;
      }}
    >
      <ul class="chat-lines">
        {lines.map((m) => (
          <li key={m.id} class={`chat-line ${m.firstMsg ? 'first' : ''}`}>
            <time class="muted">{formatClock(m.ts)}</time>{' '}
            <Link href={`/chatters/${m.userLogin}`} class="chatter">
              {m.displayName}
            </Link>
            {m.firstMsg && <span class="badge">first</span>} <span class="chat-text">{m.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const markerKinds: Record<string, string> = {
  'channel.raid': 'raid',
  raid: 'raid',
  'channel.ad_break.begin': 'ad-break',
  'stream.change': 'category-change',
  'channel.update': 'category-change',
};
/** Event types worth a mark on the live graph (follows and chat notices would cover it). */
const markedTypes = new Set([
  'channel.raid',
  'raid',
  'channel.ad_break.begin',
  'stream.change',
  'channel.hype_train.begin',
  'channel.cheer',
  'channel.subscription.gift',
  'submysterygift',
]);

/** Viewers over the stream so far: the recorded minutes, then every count that arrives, with event marks. */
function ViewerGraph(props: { stream: LiveStreamState }) {
  const s = props.stream;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(t);
  }, []);
  const timeline = useApi<StreamTimeline>(`/api/streams/${encodeURIComponent(s.streamId)}/timeline?r=${tick}`);
  const minutes = timeline.state === 'ready' && !isNoData(timeline.data) ? timeline.data.minutes : [];
  const points = s.viewerPoints ?? [];
  const data = useMemo(() => {
    const byX = new Map<number, number>();
    for (const m of minutes) if (m.viewers !== null) byX.set(Math.round(m.offsetMs / 1000), m.viewers);
    for (const p of points) if (p.ts >= s.startedAt) byX.set(Math.round((p.ts - s.startedAt) / 1000), p.viewers);
    const xs = [...byX.keys()].sort((a, b) => a - b);
    return [xs, xs.map((x) => byX.get(x) ?? null)] as [number[], (number | null)[]];
  }, [minutes, points.length, s.startedAt]);
  const markers = useMemo<ChartMarker[]>(
    () =>
      s.events
        .filter((e) => markedTypes.has(e.type))
        .map((e) => ({
          offsetMs: e.ts - s.startedAt,
          label: describeLiveEvent(e, s.channelId),
          kind: markerKinds[e.type] ?? 'event',
        })),
    [s.events.length, s.streamId],
  );
  const recent = [...markers].reverse().slice(0, 3);
  return (
    <Card title="Viewers" class="viewer-graph">
      {data[0].length < 2 ? (
        <p class="muted">The graph starts after the second viewer count (Twitch reports one every minute).</p>
      ) : (
        <>
          <TimeChart
            label={`Viewers since the stream started, ${markers.length} events marked`}
            data={data}
            series={[{ label: 'Viewers', color: '#a970ff', scale: 'viewers' }]}
            markers={markers}
            height={180}
            xFormat={(x) => formatClock(s.startedAt + x * 1000).slice(0, 5)}
            xSteps={offsetSteps}
          />
          {recent.length > 0 && (
            <p class="muted small">
              Marked: {recent.map((m) => m.label).join(' · ')}
              {markers.length > recent.length ? ` · and ${markers.length - recent.length} earlier` : ''}
            </p>
          )}
        </>
      )}
    </Card>
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
