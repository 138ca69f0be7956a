// One stream: summary against previous streams, the timeline (zoom by drag, click for the chat at that moment,
// `?t=` jumps there), highlights with VOD links, viewer changes and the report.
import { useMemo, useState } from 'preact/hooks';
import type {
  StreamHighlights,
  StreamSummary,
  StreamTimeline,
  StreamViewerChanges,
  TimelineWindow,
} from '../../../src/analytics/index.ts';
import {
  describeChange,
  describeStanding,
  describeViewerChange,
  figureLabel,
  formatFigureValue,
} from '../../../src/analytics/report/describe-figure.ts';
import { isNoData, useApi } from '../api.ts';
import { ClipButton } from '../components/clip-button.tsx';
import { CsvExport } from '../components/csv-export.tsx';
import { LurkersPanel } from '../components/lurkers-panel.tsx';
import { RaidEffects } from '../components/raid-effects.tsx';
import { Card, Empty, ErrorBox, Loading, Stat } from '../components/states.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { formatDateTime, formatDuration, formatNumber, formatOffset } from '../lib/format.ts';
import { focusRange, toTimelineSeries, windowAround } from '../lib/timeline-series.ts';
import { Link, navigate } from '../router.tsx';
import { StreamReportView } from './stream-report.tsx';

const cards: [keyof StreamSummary['figures'], string, number][] = [
  ['avgViewers', 'Average viewers', 0],
  ['peakViewers', 'Peak viewers', 0],
  ['hoursWatched', 'Hours watched', 0],
  ['chatMessages', 'Chat messages', 0],
  ['uniqueChatters', 'Chatters', 0],
  ['follows', 'Follows', 0],
  ['subsNew', 'New subs', 0],
  ['messagesPerMinute', 'Messages / min', 1],
];

export function StreamPage(props: { id: string; t: string | null }) {
  const base = `/api/streams/${encodeURIComponent(props.id)}`;
  const summary = useApi<StreamSummary>(base);
  const focusMs = props.t !== null && /^\d+$/.test(props.t) ? Number(props.t) : null;
  if (summary.state === 'loading') return <Loading what="the stream" />;
  if (summary.state === 'error') return <ErrorBox error={summary.error} retry={summary.reload} />;
  const s = summary.data;
  const byKey = new Map(s.comparison.figures.map((f) => [f.key, f]));
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <p class="eyebrow">
            <Link href="/streams">Streams</Link> · {formatDateTime(s.stream.startedAt)} ·{' '}
            {formatDuration(s.stream.durationMs)}
            {s.stream.live && <span class="pill live">live</span>}
            {s.stream.live && <ClipButton streamId={props.id} live label="Clip now" />}
          </p>
          <h1>{s.stream.title || '(untitled)'}</h1>
          <p class="muted">{s.stream.gameName ?? 'No category'}</p>
        </div>
        <CsvExport
          links={[
            { href: `/api/export/streams/${encodeURIComponent(props.id)}/timeline.csv`, label: 'Timeline' },
            { href: `/api/export/streams/${encodeURIComponent(props.id)}/chatters.csv`, label: 'Chatters' },
          ]}
        />
      </header>
      <div class="stats">
        {cards.map(([key, label, digits]) => {
          const f = byKey.get(key);
          const tone = f ? toneOf(f) : '';
          return (
            <Stat
              key={key}
              label={label}
              value={formatNumber(s.figures[key]?.value, digits)}
              delta={f && f.delta !== null && f.previousMedian !== null ? `${describeChange(f)} vs usual` : undefined}
              tone={tone}
            />
          );
        })}
      </div>
      <Timeline base={base} streamId={props.id} focusMs={focusMs} />
      <div class="grid two">
        <Highlights base={base} streamId={props.id} live={s.stream.live} />
        <ViewerChanges base={base} streamId={props.id} />
        <RaidEffects base={base} streamId={props.id} />
      </div>
      <Comparison summary={s} />
      <LurkersPanel streamId={props.id} />
      <StreamReportView base={base} />
    </div>
  );
}

function Timeline(props: { base: string; streamId: string; focusMs: number | null }) {
  const timeline = useApi<StreamTimeline>(`${props.base}/timeline`);
  const [picked, setPicked] = useState<number | null>(props.focusMs);
  const data = useMemo(
    () => (timeline.state === 'ready' ? toTimelineSeries(timeline.data.minutes) : null),
    [timeline.state],
  );
  const markers = useMemo(
    () =>
      timeline.state === 'ready'
        ? timeline.data.events.map((e) => ({ offsetMs: e.offsetMs, label: e.label, kind: e.kind }))
        : [],
    [timeline.state],
  );
  const focus = props.focusMs ?? picked;
  const win = focus === null ? null : windowAround(focus);
  if (timeline.state === 'loading') return <Loading what="the timeline" />;
  if (timeline.state === 'error') return <ErrorBox error={timeline.error} />;
  const t = timeline.data;
  const pick = (offsetMs: number) => {
    setPicked(offsetMs);
    navigate(`/streams/${encodeURIComponent(props.streamId)}?t=${offsetMs}`, true);
  };
  return (
    <Card
      title="Timeline"
      actions={<span class="muted small">Drag to zoom · double-click to reset · click a moment to read chat</span>}
    >
      {t.minutes.length === 0 || !data ? (
        <Empty title="Nothing recorded for this stream yet" />
      ) : (
        <TimeChart
          label={`Viewers and chat messages per minute over ${formatDuration(t.stream.durationMs)}`}
          data={data}
          series={[
            { label: 'Viewers', color: '#a970ff', scale: 'viewers' },
            { label: 'Chat / min', color: '#38bdf8', scale: 'chat' },
          ]}
          markers={markers}
          focusMs={focus}
          range={props.focusMs !== null ? focusRange(props.focusMs, t.stream.durationMs) : null}
          onPick={pick}
        />
      )}
      {t.events.length > 0 && (
        <details class="events-list">
          <summary>{t.events.length} events (follows, subs, raids, ad breaks, title and category changes)</summary>
          <ul class="list cols">
            {t.events.map((e) => (
              <li key={`${e.ts}${e.kind}${e.userLogin}`}>
                <button type="button" class="link" onClick={() => pick(e.offsetMs)}>
                  {formatOffset(e.offsetMs)}
                </button>{' '}
                {e.label}
              </li>
            ))}
          </ul>
        </details>
      )}
      {win && <WindowPanel base={props.base} from={win.from} to={win.to} focus={focus ?? 0} />}
    </Card>
  );
}

function WindowPanel(props: { base: string; from: number; to: number; focus: number }) {
  const w = useApi<TimelineWindow>(`${props.base}/window?from=${props.from}&to=${props.to}`);
  return (
    <section class="window" aria-label={`Chat and transcript around ${formatOffset(props.focus)}`}>
      <h3>Around {formatOffset(props.focus)}</h3>
      {w.state === 'loading' ? (
        <Loading />
      ) : w.state === 'error' ? (
        <ErrorBox error={w.error} />
      ) : (
        <div class="grid two">
          <div>
            <h4>Chat</h4>
            {w.data.chat.length === 0 ? (
              <p class="muted">No chat in these minutes.</p>
            ) : (
              <ul class="list chat-window">
                {w.data.chat.map((m, i) => (
                  <li key={i} class={Math.abs(m.offsetMs - props.focus) < 30_000 ? 'near' : ''}>
                    <time class="muted">{formatOffset(m.offsetMs)}</time>{' '}
                    <Link href={`/chatters/${m.userLogin}`}>{m.userLogin}</Link>{' '}
                    <span class={m.deleted ? 'deleted' : ''}>{m.text}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h4>Transcript</h4>
            {w.data.transcript.length === 0 ? (
              <p class="muted">No transcript for these minutes.</p>
            ) : (
              <ul class="list">
                {w.data.transcript.map((t) => (
                  <li key={t.ts}>
                    <time class="muted">{formatOffset(t.offsetMs)}</time> {t.text}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function Highlights(props: { base: string; streamId: string; live: boolean }) {
  const h = useApi<StreamHighlights>(`${props.base}/highlights`);
  return (
    <Card title="Highlights">
      {h.state === 'loading' ? (
        <Loading />
      ) : h.state === 'error' ? (
        <ErrorBox error={h.error} />
      ) : isNoData(h.data) ? (
        <p class="muted">{h.data.reason}</p>
      ) : h.data.highlights.length === 0 ? (
        <p class="muted">No moment stood out from the usual chat pace.</p>
      ) : (
        <>
          {!props.live && (
            <p class="muted">
              Twitch creates clips only while a stream is live (of its last ~90 seconds): for these moments streamlens
              links the VOD at the moment instead, where Twitch's own Clip button makes one.
            </p>
          )}
          <ol class="list">
            {h.data.highlights.map((x) => (
              <li key={x.startTs}>
                <Link href={`/streams/${encodeURIComponent(props.streamId)}?t=${x.offsetMs}`}>{x.offsetLabel}</Link> ·{' '}
                {x.kinds.join(', ')} · {x.messages} messages ({x.ratio.toFixed(1)}× usual)
                {x.topEmotes.length > 0 && <span class="muted"> · {x.topEmotes.map((e) => e.token).join(' ')}</span>}
                {x.vodUrl && (
                  <>
                    {' '}
                    ·{' '}
                    <a href={x.vodUrl} target="_blank" rel="noopener noreferrer">
                      VOD
                    </a>
                  </>
                )}
                {(x.clips ?? [])
                  .filter((c) => /^https:\/\//.test(c.url))
                  .slice(0, 3)
                  .map((c) => (
                    <span key={c.id}>
                      {' '}
                      ·{' '}
                      <a href={c.url} target="_blank" rel="noopener noreferrer">
                        clip{c.title ? ` "${c.title}"` : ''}
                      </a>
                      {c.listed ? ` (${c.viewCount} views)` : ' (being made)'}
                    </span>
                  ))}{' '}
                · <ClipButton streamId={props.streamId} ts={x.startTs} live={props.live} />
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}

function ViewerChanges(props: { base: string; streamId: string }) {
  const v = useApi<StreamViewerChanges>(`${props.base}/viewer-changes`);
  return (
    <Card title="Viewer changes">
      {v.state === 'loading' ? (
        <Loading />
      ) : v.state === 'error' ? (
        <ErrorBox error={v.error} />
      ) : isNoData(v.data) ? (
        <p class="muted">{v.data.reason}</p>
      ) : v.data.changes.length === 0 ? (
        <p class="muted">Viewers held steady.</p>
      ) : (
        <ul class="list">
          {v.data.changes.map((c) => (
            <li key={c.fromTs}>
              <Link href={`/streams/${encodeURIComponent(props.streamId)}?t=${c.offsetMs}`}>{c.offsetLabel}</Link>{' '}
              <span class={c.direction === 'rise' ? 'up' : 'down'}>
                {c.direction === 'rise' ? '▲' : '▼'} {c.before} → {c.after} ({describeViewerChange(c)})
              </span>
              {c.causes[0] && <span class="muted"> · {c.causes[0].description}</span>}
              {c.vodUrl && (
                <>
                  {' '}
                  ·{' '}
                  <a href={c.vodUrl} target="_blank" rel="noopener noreferrer">
                    VOD
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Comparison(props: { summary: StreamSummary }) {
  const c = props.summary.comparison;
  if (c.previousStreamIds.length === 0) return null;
  return (
    <Card
      title={
        c.basis === 'so-far'
          ? `So far, compared with the first ${c.elapsedMinutes} minutes of the previous ${c.previousStreamIds.length} streams`
          : `Compared with the previous ${c.previousStreamIds.length} streams`
      }
    >
      <div class="table-wrap">
        <table class="table cards-on-phone">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" class="num">
                This stream
              </th>
              <th scope="col" class="num">
                Usual (median)
              </th>
              <th scope="col" class="num">
                Change
              </th>
              <th scope="col">Against your earlier streams</th>
            </tr>
          </thead>
          <tbody>
            {c.figures
              .filter((f) => f.value !== null)
              .map((f) => (
                <tr key={f.key}>
                  <td class="title-cell">{figureLabel(f.key)}</td>
                  <td class="num" data-label="This stream">
                    {f.value === null ? '—' : formatFigureValue(f.key, f.value)}
                  </td>
                  <td class="num" data-label="Usual">
                    {f.previousMedian === null ? '—' : formatFigureValue(f.key, f.previousMedian)}
                  </td>
                  <td class={`num ${toneOf(f)}`} data-label="Change">
                    {describeChange(f)}
                  </td>
                  <td class="muted small" data-label="Against earlier streams">
                    {describeStanding(f) ?? '—'}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** Green or red only for a change the words call one ("about the same" stays neutral). */
function toneOf(f: Parameters<typeof describeChange>[0]): 'up' | 'down' | '' {
  if (/same/.test(describeChange(f)) || f.delta === null) return '';
  return f.delta > 0 ? 'up' : f.delta < 0 ? 'down' : '';
}
