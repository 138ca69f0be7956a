// Trends: weekly growth, categories compared, the best-time heatmap and community retention.
import { useMemo } from 'preact/hooks';
import type { BestTimes, CategoryComparison, ChannelRetention, WeeklyTrends } from '../../../src/analytics/index.ts';
import { isNoData, useApi } from '../api.ts';
import { Card, ErrorBox, Loading } from '../components/states.tsx';
import { TimeChart } from '../components/time-chart.tsx';
import { formatNumber } from '../lib/format.ts';
import { toHourGrid, weekdayNames } from '../lib/hour-grid.ts';

const tz = -new Date().getTimezoneOffset();

function Section<T>(props: { title: string; path: string; render: (data: T) => preact.ComponentChildren }) {
  const r = useApi<T>(props.path);
  return (
    <Card title={props.title}>
      {r.state === 'loading' ? (
        <Loading />
      ) : r.state === 'error' ? (
        <ErrorBox error={r.error} retry={r.reload} />
      ) : isNoData(r.data) ? (
        <p class="muted">{r.data.reason}</p>
      ) : (
        props.render(r.data)
      )}
    </Card>
  );
}

export function TrendsPage() {
  return (
    <div class="page">
      <header class="page-head">
        <h1>Trends</h1>
      </header>
      <Section<WeeklyTrends>
        title="Growth by week"
        path={`/api/trends?tz=${tz}`}
        render={(d) => <Growth trends={d} />}
      />
      <div class="grid two">
        <Section<BestTimes>
          title="When your streams do best"
          path={`/api/best-times?tz=${tz}`}
          render={(d) => <Heatmap times={d} />}
        />
        <Section<CategoryComparison>
          title="Categories"
          path="/api/categories"
          render={(d) => <Categories data={d} />}
        />
      </div>
      <Section<ChannelRetention>
        title="New and returning chatters"
        path="/api/retention"
        render={(d) => <Retention data={d} />}
      />
    </div>
  );
}

function Growth(props: { trends: WeeklyTrends }) {
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
        Last week: {last.streams} streams, {formatNumber(last.hours, 1)} hours, {formatNumber(last.avgViewers)} average
        viewers, {last.follows} follows.
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

function Heatmap(props: { times: BestTimes }) {
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
          </strong>
        </p>
      )}
      <div class="heatmap" role="img" aria-label="Average viewers by weekday and hour; hover a cell for its numbers">
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
                title={`${weekdayNames[c.day]} ${c.hour}:00 — ${c.streams} streams, ${formatNumber(c.avgViewers)} avg viewers`}
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
