// Notifications on the settings page: each Discord or JSON webhook target with what it was sent, what waits, what
// failed and why — a target that refused for good (a deleted webhook) says so and is not tried again until its
// URL changes here. Adding or removing a target saves the list (applies on restart); saved URLs never come back
// to the browser, so a kept target is sent back by its id.

import { useState } from 'preact/hooks';
import type { NotificationStatusView } from '../../../src/notify/get-notification-status.ts';
import type { SettingsView } from '../../../src/web/settings/settings-file.ts';
import { type ApiError, api, toApiError, useApi } from '../api.ts';
import { formatDateTime } from '../lib/format.ts';
import { Card, ErrorBox, Loading } from './states.tsx';

const events = [
  ['report', 'Post-stream report'],
  ['raid', 'Raid arrived'],
  ['viewers-falling', 'Viewers falling since a change'],
  ['questions-waiting', 'Questions waiting'],
] as const;

type Target = SettingsView['notifications']['targets'][number];

export function NotificationTargets(props: { settings: SettingsView }) {
  const status = useApi<NotificationStatusView>('/api/notifications');
  const [targets, setTargets] = useState<Target[]>(props.settings.notifications.targets);
  const [draft, setDraft] = useState({ url: '', kind: 'discord', events: ['report'] as string[] });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (next: { id?: string; url?: string; kind: string; events: string[]; name?: string }[]) => {
    setError(null);
    setSaved(false);
    try {
      const view = await api<SettingsView>('/api/settings', {
        method: 'PUT',
        body: { notifications: { targets: next } },
      });
      setTargets(view.notifications.targets);
      setSaved(true);
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    }
  };
  const kept = (t: Target) => ({ id: t.id, kind: t.kind, events: t.events, ...(t.name ? { name: t.name } : {}) });
  const add = async (e: Event) => {
    e.preventDefault();
    if (await save([...targets.map(kept), { url: draft.url.trim(), kind: draft.kind, events: draft.events }]))
      setDraft({ ...draft, url: '' });
  };
  const remove = (id: string) => void save(targets.filter((t) => t.id !== id).map(kept));
  const toggle = (event: string) =>
    setDraft({
      ...draft,
      events: draft.events.includes(event) ? draft.events.filter((x) => x !== event) : [...draft.events, event],
    });

  return (
    <Card title="Notifications (Discord and webhooks)">
      {status.state === 'loading' && <Loading what="notification status" />}
      {status.state === 'error' && <ErrorBox error={status.error} />}
      {targets.length === 0 && (
        <p class="muted">No targets yet: add a Discord webhook URL or any JSON webhook below.</p>
      )}
      <ul class="notification-targets">
        {targets.map((t) => {
          const s = status.state === 'ready' ? status.data.targets.find((x) => x.id === t.id) : undefined;
          return (
            <li key={t.id}>
              <div>
                <strong>{t.name ?? t.url}</strong> <span class="pill">{t.kind}</span>{' '}
                <span class="muted small">{t.events.join(', ')}</span>
              </div>
              {s?.blocked && (
                <p class="notification-blocked" role="alert">
                  Refused for good on {formatDateTime(s.blocked.at)}: {s.blocked.reason}. Nothing is sent to it until
                  its URL changes — remove it and add the new URL.
                </p>
              )}
              {s && (
                <p class="muted small">
                  {s.counts.sent} sent · {s.counts.pending} waiting · {s.counts.failed} failed
                </p>
              )}
              <button type="button" class="button ghost" onClick={() => remove(t.id)}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      {status.state === 'ready' && status.data.recent.some((r) => r.error) && (
        <details>
          <summary>Recent failures</summary>
          <ul>
            {status.data.recent
              .filter((r) => r.error)
              .map((r) => (
                <li key={`${r.createdAt}-${r.target}-${r.event}`} class="small">
                  {formatDateTime(r.createdAt)} · {r.event} → {r.target}: {r.error}
                </li>
              ))}
          </ul>
        </details>
      )}
      <form class="notification-add" onSubmit={add}>
        <label>
          Webhook URL
          <input
            type="url"
            required
            autoComplete="off"
            value={draft.url}
            placeholder="https://discord.com/api/webhooks/…"
            onInput={(e) => setDraft({ ...draft, url: e.currentTarget.value })}
          />
        </label>
        <label>
          Kind
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value })}>
            <option value="discord">Discord webhook</option>
            <option value="json">JSON webhook</option>
          </select>
        </label>
        <fieldset>
          <legend>Send</legend>
          {events.map(([key, label]) => (
            <label key={key} class="check">
              <input type="checkbox" checked={draft.events.includes(key)} onChange={() => toggle(key)} /> {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button" disabled={draft.events.length === 0}>
          Add target
        </button>
      </form>
      {saved && !error && (
        <span class="pill ok" role="status">
          Saved. Restart streamlens to apply.
        </span>
      )}
      {error && <ErrorBox error={error} />}
    </Card>
  );
}
