// Trends: weekly growth, categories compared, the best-time heatmap and community retention, for the channel
// in scope and in the chosen time zone. Before there is anything to show, each section says what will appear
// and after what.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { BestTimes, CategoryComparison, ChannelRetention, WeeklyTrends } from '../../../src/analytics/index.ts';
import { isNoData, useApi } from '../api.ts';
import { Card, Empty, ErrorBox, Loading } from '../components/states.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { plural } from '../lib/describe-live-event.ts';
import { formatNumber, formatZone, zoneOffsetMinutes } from '../lib/format.ts';
import { toHourGrid, weekdayNames } from '../lib/hour-grid.ts';
import { latestWeekLabel } from '../lib/latest-week.ts';
import { usePreferences, withChannel } from '../lib/preferences.ts';

function Section<T>(props: {
  title: string;
  path: string;
  /** What this section will show, and after what: said while there is nothing to show yet. */
  empty: ComponentChildren;
  render: (data: T) => ComponentChildren;
}) {
  const r = useApi<T>(props.path);
  // No channel or no stream recorded yet is the first run, not a failure.
  const nothingYet = r.state === 'error' && (r.error.status === 404 || r.error.code === 'NOT_FOUND');
  return (
    <Card title={props.title}>
      {r.state === 'loading' ? (
        <Loading />
      ) : nothingYet || (r.state === 'ready' && isNoData(r.data)) ? (
        <Empty title="Nothing to show yet">{props.empty}</Empty>
      ) : r.state === 'error' ? (
        <ErrorBox error={r.error} retry={r.reload} />
      ) : (
        props.render(r.data as T)
      )}
    </Card>
  );
}

export function TrendsPage() {
  const { channel, timeZone } = usePreferences();
  const now = Date.now();
  const tz = zoneOffsetMinutes(now, timeZone);
  const zone = formatZone(now, timeZone);
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>Trends</h1>
          <p class="muted small">
            {channel ? `Channel ${channel}` : 'Your main channel (pick another at the top)'} · times in {zone}
          </p>
        </div>
      </header>
      <Section<WeeklyTrends>
        title="Growth by week"
        path={withChannel(`/api/trends?tz=${tz}`, channel)}
        empty="After your first full week of streams, a line of average viewers and total follows per week appears here."
        render={(d) => <Growth trends={d} timeZone={timeZone} />}
      />
      <div class="grid two">
        <Section<BestTimes>
          title="When your streams do best"
          path={withChannel(`/api/best-times?tz=${tz}`, channel)}
          empty={`A week-by-hour map (in ${zone}) of your average viewers fills in as you stream at different times; the best slots are named once there are a few streams.`}
          render={(d) => <Heatmap times={d} zone={zone} />}
        />
        <Section<CategoryComparison>
          title="Categories"
          path={withChannel('/api/categories', channel)}
          empty="After your first stream, each category you stream is compared here: average viewers, follows per hour and chat per viewer."
          render={(d) => <Categories data={d} />}
        />
      </div>
      <Section<ChannelRetention>
        title="New and returning chatters"
        path={withChannel('/api/retention', channel)}
        empty="After two streams, this shows how many first-time chatters come back to a later stream."
        render={(d) => <Retention data={d} />}
      />
    </div>
  );
}

function Growth(props: { trends: WeeklyTrends; timeZone: string | undefined }) {
  const w = props.trends.weeks;
  const data = useMemo(
    () =>
      [w.map((x) => x.weekStart / 1000), w.map((x) => x.avgViewers), w.map((x) => x.cumulativeFollows)] as [
        number[],
        (number | null)[],
        number[],
      ],
    [w],
  );
  if (w.length === 0) return <p class="muted">No full week recorded yet.</p>;
  const last = w.at(-1)!;
  return (
    <>
      <p>
        {latestWeekLabel(last, Date.now(), props.timeZone)}: {plural(last.streams, 'stream')},{' '}
        {formatNumber(last.hours, 1)} hours, {formatNumber(last.avgViewers)} average viewers,{' '}
        {plural(last.follows, 'follow')}.
      </p>
      <WeekChart data={data} />
    </>
  );
}

function WeekChart(props: { data: [number[], (number | null)[], number[]] }) {
  return (
    <TimeChart
      label="Average viewers and total follows per week"
      data={props.data}
      xFormat={(v) => new Date(v * 1000).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}
      series={[
        { label: 'Avg viewers', color: '#a970ff', scale: 'viewers' },
        { label: 'Follows (total)', color: '#22c55e', scale: 'follows' },
      ]}
      height={220}
    />
  );
}

function Heatmap(props: { times: BestTimes; zone: string }) {
  const grid = toHourGrid(props.times.cells);
  return (
    <>
      {props.times.best.length > 0 && (
        <p>
          Best slots:{' '}
          <strong>
            {props.times.best
              .slice(0, 3)
              .map((c) => c.label)
              .join(', ')}
          </strong>{' '}
          <span class="muted">({props.zone})</span>
        </p>
      )}
      <div
        class="heatmap"
        role="img"
        aria-label={`Average viewers by weekday and hour (${props.zone}); hover a cell for its numbers`}
      >
        <div class="heat-row">
          <span class="heat-label" />
          {Array.from({ length: 24 }, (_, h) => (
            <span key={h} class="heat-hour">
              {h % 3 === 0 ? h : ''}
            </span>
          ))}
        </div>
        {grid.map((row) => (
          <div class="heat-row" key={row[0]!.day}>
            <span class="heat-label">{weekdayNames[row[0]!.day]}</span>
            {row.map((c) => (
              <span
                key={c.hour}
                class="heat-cell"
                style={{
                  opacity: c.intensity === 0 ? 1 : 0.25 + c.intensity * 0.75,
                  background: c.intensity === 0 ? undefined : 'var(--accent)',
                }}
                title={`${weekdayNames[c.day]} ${c.hour}:00 ${props.zone} — ${c.streams} streams, ${formatNumber(c.avgViewers)} avg viewers`}
              />
            ))}
          </div>
        ))}
      </div>
    </>
  );
}

function Categories(props: { data: CategoryComparison }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" class="num">
              Streams
            </th>
            <th scope="col" class="num">
              Avg viewers
            </th>
            <th scope="col" class="num">
              Follows / h
            </th>
            <th scope="col" class="num">
              Chat / viewer-h
            </th>
          </tr>
        </thead>
        <tbody>
          {props.data.categories.map((c) => (
            <tr key={c.gameName}>
              <td>{c.gameName}</td>
              <td class="num">{c.streams}</td>
              <td class="num">{formatNumber(c.avgViewers)}</td>
              <td class="num">{formatNumber(c.followsPerHour, 1)}</td>
              <td class="num">{formatNumber(c.chatPerViewerHour, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Retention(props: { data: ChannelRetention }) {
  const s = props.data.streams;
  const data = useMemo(
    () =>
      [s.map((_, i) => i + 1), s.map((x) => x.newChatters), s.map((x) => x.returningChatters)] as [
        number[],
        number[],
        number[],
      ],
    [s],
  );
  const returned = s.reduce((a, x) => a + x.newChattersReturned, 0);
  const fresh = s.reduce((a, x) => a + x.newChatters, 0);
  return (
    <>
      <p>
        {fresh} new chatters over {s.length} streams; {returned} of them came back later (
        {fresh ? Math.round((returned / fresh) * 100) : 0}%).
      </p>
      <TimeChart
        label="New and returning chatters per stream, oldest first"
        data={data}
        xFormat={(v) => (Number.isInteger(v) ? `#${v}` : '')}
        series={[
          { label: 'New', color: '#f472b6', scale: 'n' },
          { label: 'Returning', color: '#a970ff', scale: 'n' },
        ]}
        height={200}
      />
    </>
  );
}
