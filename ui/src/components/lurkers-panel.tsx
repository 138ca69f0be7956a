// Who is in chat without chatting, for the Live page: the latest Get Chatters sample (in chat, lurking, viewers),
// the lurker share and the regulars lurking now, refreshed every 30 s. Says which scope is missing and how to log
// in again when the login cannot read chatters. Self-contained: give it the live stream's id.

import { useEffect, useState } from 'preact/hooks';
import type { StreamPresence } from '../../../src/analytics/index.ts';
import { isNoData, useApi } from '../api.ts';
import { formatOffset } from '../lib/format.ts';
import { Card, Loading } from './states.tsx';

interface TwitchScopes {
  loggedIn: boolean;
  login: string | null;
  missing: { scope: string; feature: string }[];
  fix: string | null;
}

/** The Live page's lurkers card for one stream. */
export function LurkersPanel(props: { streamId: string }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  const p = useApi<StreamPresence | { status: 'no-data'; reason: string }>(
    `/api/streams/${encodeURIComponent(props.streamId)}/presence?r=${tick}`,
  );
  const scopes = useApi<TwitchScopes>('/api/twitch/scopes');
  const chatters =
    scopes.state === 'ready' ? scopes.data.missing.find((m) => m.scope === 'moderator:read:chatters') : undefined;
  return (
    <Card title="Lurkers" class="lurkers">
      {chatters && scopes.state === 'ready' && (
        <p class="muted" role="note">
          {scopes.data.loggedIn ? 'The Twitch login lacks' : 'No Twitch login, so no'} <code>{chatters.scope}</code> (
          {chatters.feature}): {scopes.data.fix}
        </p>
      )}
      {p.state === 'loading' ? (
        <Loading />
      ) : p.state === 'error' ? (
        <p class="muted">{p.error.message}</p>
      ) : isNoData(p.data) ? (
        <p class="muted">{p.data.reason}</p>
      ) : (
        <>
          <p>
            <strong>{p.data.latest?.lurkers ?? 0}</strong> lurking of <strong>{p.data.latest?.present ?? 0}</strong> in
            chat
            {p.data.latest?.viewers != null && <> · {p.data.latest.viewers} viewers</>} ·{' '}
            {Math.round(p.data.lurkerShare * 100)}% lurk on average
          </p>
          <details>
            <summary>Chatters vs viewers over time ({p.data.samples.length} samples)</summary>
            <table>
              <thead>
                <tr>
                  <th>at</th>
                  <th>viewers</th>
                  <th>in chat</th>
                  <th>chatted</th>
                  <th>lurking</th>
                </tr>
              </thead>
              <tbody>
                {p.data.samples.slice(-12).map((x) => (
                  <tr key={x.ts}>
                    <td>{formatOffset(x.offsetMs)}</td>
                    <td>{x.viewers ?? '—'}</td>
                    <td>{x.present}</td>
                    <td>{x.present - x.lurkers}</td>
                    <td>{x.lurkers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          {p.data.regularLurkers.length > 0 && (
            <p class="muted">
              Regulars lurking:{' '}
              {p.data.regularLurkers
                .slice(0, 10)
                .map((r) => `${r.userLogin} (~${Math.round(r.watchMs / 60_000)} min)`)
                .join(', ')}
            </p>
          )}
        </>
      )}
    </Card>
  );
}
