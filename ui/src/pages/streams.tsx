// Streams: the recorded history of the channel in scope (or of every channel, with a channel column),
// sortable and filterable by category and date; on a phone each row reads as a card.

import type { StreamListItem } from '../../../src/analytics/index.ts';
import { useApi } from '../api.ts';
import { CsvExport } from '../components/csv-export.tsx';
import { Card, Empty, ErrorBox, Loading } from '../components/states.tsx';
import { formatDateTime, formatDuration, formatNumber } from '../lib/format.ts';
import { usePreferences, withChannel } from '../lib/preferences.ts';
import { Link, navigate } from '../router.tsx';

const sorts = [
  ['newest', 'Newest'],
  ['oldest', 'Oldest'],
  ['avg-viewers', 'Average viewers'],
  ['peak-viewers', 'Peak viewers'],
  ['duration', 'Duration'],
] as const;

export function StreamsPage(props: { query: URLSearchParams }) {
  const q = props.query;
  const { channel } = usePreferences();
  const filters = {
    sort: q.get('sort') ?? 'newest',
    category: q.get('category') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
  };
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  const list = useApi<{ streams: StreamListItem[] }>(withChannel(`/api/streams?${params}`, channel));
  const all = useApi<{ streams: StreamListItem[] }>(withChannel('/api/streams?limit=1000', channel));
  const categories =
    all.state === 'ready'
      ? [...new Set(all.data.streams.map((s) => s.gameName).filter((g): g is string => !!g))].sort()
      : [];
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/streams?${next}`, true);
  };
  const sortBy = (key: string) => (
    <button
      type="button"
      class={`th-sort ${filters.sort === key ? 'active' : ''}`}
      onClick={() => set('sort', key)}
      aria-pressed={filters.sort === key}
    >
      {sorts.find(([k]) => k === key)?.[1]}
    </button>
  );

  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>Streams</h1>
          <p class="muted small">{channel ? `Channel ${channel}` : 'Every recorded channel'}</p>
        </div>
        <CsvExport
          links={[
            { href: withChannel(`/api/export/streams.csv?${exportQuery(filters)}`, channel), label: 'Streams' },
            { href: '/api/export/chatters.csv', label: 'All chatters' },
          ]}
        />
      </header>
      <Card>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Category
            <select value={filters.category} onChange={(e) => set('category', e.currentTarget.value)}>
              <option value="">All categories</option>
              {categories.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" value={filters.from} onChange={(e) => set('from', e.currentTarget.value)} />
          </label>
          <label>
            To
            <input type="date" value={filters.to} onChange={(e) => set('to', e.currentTarget.value)} />
          </label>
          <label>
            Sort by
            <select value={filters.sort} onChange={(e) => set('sort', e.currentTarget.value)}>
              {sorts.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </form>
        {list.state === 'loading' ? (
          <Loading what="streams" />
        ) : list.state === 'error' ? (
          <ErrorBox error={list.error} retry={list.reload} />
        ) : list.data.streams.length === 0 ? (
          params.has('category') || params.has('from') || params.has('to') ? (
            <Empty title="No stream matches these filters">Clear a filter to see more.</Empty>
          ) : (
            <Empty title="No streams yet">
              Run <code>streamlens start --channel yourname</code> and your next stream is recorded here (or{' '}
              <code>streamlens demo</code> to try it with simulated data).
            </Empty>
          )
        ) : (
          <div class="table-wrap">
            <table class="table cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">
                    <button
                      type="button"
                      class={`th-sort ${filters.sort === 'newest' || filters.sort === 'oldest' ? 'active' : ''}`}
                      onClick={() => set('sort', filters.sort === 'newest' ? 'oldest' : 'newest')}
                      title={
                        filters.sort === 'newest' ? 'Newest first: click for oldest first' : 'Click for newest first'
                      }
                    >
                      Started {filters.sort === 'oldest' ? '↑' : '↓'}
                    </button>
                  </th>
                  <th scope="col">Title</th>
                  {!channel && <th scope="col">Channel</th>}
                  <th scope="col">Category</th>
                  <th scope="col" class="num">
                    {sortBy('duration')}
                  </th>
                  <th scope="col" class="num">
                    {sortBy('avg-viewers')}
                  </th>
                  <th scope="col" class="num">
                    {sortBy('peak-viewers')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.streams.map((s) => (
                  <tr key={s.id}>
                    <td data-label="Started">
                      {formatDateTime(s.startedAt)} {s.live && <span class="pill live">live</span>}
                    </td>
                    <td data-label="Title" class="title-cell">
                      <Link href={`/streams/${encodeURIComponent(s.id)}`}>{s.title || '(untitled)'}</Link>
                    </td>
                    {!channel && <td data-label="Channel">{s.channelLogin ?? s.channelId}</td>}
                    <td data-label="Category">{s.gameName ?? '—'}</td>
                    <td data-label="Duration" class="num">
                      {formatDuration(s.durationMs)}
                    </td>
                    <td data-label="Avg viewers" class="num">
                      {formatNumber(s.avgViewers)}
                    </td>
                    <td data-label="Peak viewers" class="num">
                      {formatNumber(s.peakViewers)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

/** The list's filters as the export takes them (it sorts by start only). */
function exportQuery(filters: { sort: string; category: string; from: string; to: string }): URLSearchParams {
  const q = new URLSearchParams({ sort: filters.sort === 'oldest' ? 'oldest' : 'newest' });
  for (const key of ['category', 'from', 'to'] as const) if (filters[key]) q.set(key, filters[key]);
  return q;
}
