// A chatter's page: first and last seen, streams attended, recent messages.

import type { ChatterProfile } from '../../../src/analytics/index.ts';
import { useApi } from '../api.ts';
import { Card, ErrorBox, Loading, Stat } from '../components/states.tsx';
import { plural } from '../lib/describe-live-event.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { usePreferences, withChannel } from '../lib/preferences.ts';
import { Link } from '../router.tsx';

export function ChatterPage(props: { login: string }) {
  const p = useApi<ChatterProfile>(
    withChannel(`/api/chatters/${encodeURIComponent(props.login)}`, usePreferences().channel),
  );
  if (p.state === 'loading') return <Loading what="the chatter" />;
  if (p.state === 'error') return <ErrorBox error={p.error} />;
  const c = p.data;
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <p class="eyebrow">
            <Link href={`/search?user=${c.userLogin}&q=`}>Chatter</Link>
          </p>
          <h1>{c.displayName}</h1>
        </div>
      </header>
      <div class="stats">
        <Stat label="First seen" value={formatDateTime(c.firstSeen)} />
        <Stat label="Last seen" value={formatDateTime(c.lastSeen)} />
        <Stat label="Messages" value={formatNumber(c.messages)} />
        <Stat label="Streams attended" value={formatNumber(c.streamsAttended)} />
      </div>
      <div class="grid two">
        <Card title="Streams">
          <ul class="list">
            {c.streams.map((s) => (
              <li key={s.streamId}>
                <Link href={`/streams/${encodeURIComponent(s.streamId)}`}>
                  {s.startedAt ? formatDateTime(s.startedAt) : s.streamId}
                </Link>{' '}
                · {plural(s.messages, 'message')}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Recent messages">
          <ul class="list">
            {c.recentMessages.map((m) => (
              <li key={m.ts}>
                <span class="muted small">{formatDateTime(m.ts)}</span> <span class="chat-text">{m.text}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
