// Settings / first run: channels, Twitch app and login, AI provider, transcription. Secrets are write-only:
// the page only learns whether each is set.
import { useEffect, useState } from 'preact/hooks';
import type { SettingsView } from '../../../src/web/settings/settings-file.ts';
import { type ApiError, api, toApiError, useApi } from '../api.ts';
import { BrowserPreferences } from '../components/browser-preferences.tsx';
import { NotificationTargets } from '../components/notification-targets.tsx';
import { Card, ErrorBox, Loading } from '../components/states.tsx';

type DeviceStatus = {
  state: string;
  userCode: string | null;
  verificationUri: string | null;
  loggedInAs: string | null;
  message: string | null;
};

function Secret(props: { label: string; set: boolean; value: string; onInput: (v: string) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="password"
        autoComplete="off"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        placeholder={props.set ? '•••••• (set — type to replace)' : 'not set'}
      />
    </label>
  );
}

export function SettingsPage() {
  const loaded = useApi<SettingsView>('/api/settings');
  const [form, setForm] = useState<Record<string, string | boolean>>({});
  const [saved, setSaved] = useState<SettingsView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.state !== 'ready') return;
    const v = loaded.data;
    setForm({
      channels: v.channels.join(', '),
      clientId: v.twitch.clientId ?? '',
      clientSecret: '',
      aiBaseUrl: v.ai.baseUrl ?? '',
      aiModel: v.ai.model ?? '',
      aiKey: '',
      tEnabled: v.transcription.enabled,
      tEngine: v.transcription.engine,
      openaiKey: '',
      googleKey: '',
    });
  }, [loaded.state]);
  if (loaded.state === 'loading') return <Loading what="settings" />;
  if (loaded.state === 'error') return <ErrorBox error={loaded.error} />;
  const view = saved ?? loaded.data;
  const s = (k: string) => String(form[k] ?? '');
  const on = (k: string) => (v: string | boolean) => setForm({ ...form, [k]: v });
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await api<SettingsView>('/api/settings', {
        method: 'PUT',
        body: {
          channels: s('channels')
            .split(/[\s,]+/)
            .filter(Boolean),
          twitch: { clientId: s('clientId') || null, clientSecret: s('clientSecret') },
          ai: { baseUrl: s('aiBaseUrl') || null, model: s('aiModel') || null, apiKey: s('aiKey') },
          transcription: {
            enabled: form.tEnabled === true,
            engine: s('tEngine') as SettingsView['transcription']['engine'] as never,
            openaiKey: s('openaiKey'),
            googleKey: s('googleKey'),
          },
        },
      });
      setSaved(next);
      setForm({ ...form, clientSecret: '', aiKey: '', openaiKey: '', googleKey: '' });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page">
      <header class="page-head">
        <div>
          <h1>Settings</h1>
          {view.demo ? (
            <p class="muted">
              The demo's settings, saved to its own file <code>{view.configFile}</code> (never the config{' '}
              <code>streamlens start</code> reads). Changes apply when the demo restarts.
            </p>
          ) : (
            <p class="muted">
              Saved to <code>{view.configFile}</code>. Changes apply when streamlens restarts.
            </p>
          )}
        </div>
      </header>
      <BrowserPreferences />
      <form onSubmit={save} class="settings">
        <Card title="Channels to record">
          <label>
            Twitch logins, separated by commas
            <input
              value={s('channels')}
              onInput={(e) => on('channels')(e.currentTarget.value)}
              placeholder="yourname"
            />
          </label>
        </Card>
        <Card title="Twitch application">
          <p class="muted">
            Register an app at dev.twitch.tv/console/apps (client type “Public”) and paste its client id. The secret is
            only needed for confidential apps.
          </p>
          <div class="grid two">
            <label>
              Client id
              <input value={s('clientId')} onInput={(e) => on('clientId')(e.currentTarget.value)} autoComplete="off" />
            </label>
            <Secret
              label="Client secret"
              set={view.twitch.clientSecretSet}
              value={s('clientSecret')}
              onInput={on('clientSecret')}
            />
          </div>
          <TwitchLogin demo={view.demo} />
        </Card>
        <Card title="AI provider (for Ask)">
          <p class="muted">Any OpenAI-compatible API. Leave empty to use the built-in analyst.</p>
          <div class="grid three">
            <label>
              Base URL
              <input
                value={s('aiBaseUrl')}
                onInput={(e) => on('aiBaseUrl')(e.currentTarget.value)}
                placeholder="https://api.openai.com/v1"
              />
            </label>
            <label>
              Model
              <input
                value={s('aiModel')}
                onInput={(e) => on('aiModel')(e.currentTarget.value)}
                placeholder="gpt-4o-mini"
              />
            </label>
            <Secret label="API key" set={view.ai.apiKeySet} value={s('aiKey')} onInput={on('aiKey')} />
          </div>
        </Card>
        <Card title="Transcription">
          <label class="check">
            <input
              type="checkbox"
              checked={form.tEnabled === true}
              onChange={(e) => on('tEnabled')(e.currentTarget.checked)}
            />{' '}
            Transcribe what is said on stream
          </label>
          <div class="grid three">
            <label>
              Engine
              <select value={s('tEngine')} onChange={(e) => on('tEngine')(e.currentTarget.value)}>
                <option value="pocketsphinx">PocketSphinx (local)</option>
                <option value="whisper">Whisper (local)</option>
                <option value="openai">OpenAI</option>
                <option value="google">Google</option>
              </select>
            </label>
            <Secret
              label="OpenAI key"
              set={view.transcription.openaiKeySet}
              value={s('openaiKey')}
              onInput={on('openaiKey')}
            />
            <Secret
              label="Google key"
              set={view.transcription.googleKeySet}
              value={s('googleKey')}
              onInput={on('googleKey')}
            />
          </div>
        </Card>
        <div class="save-bar">
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
          {saved && !error && (
            <span class="pill ok" role="status">
              Saved. Restart streamlens to apply.
            </span>
          )}
        </div>
        {error && <ErrorBox error={error} />}
      </form>
      <NotificationTargets settings={view} />
    </div>
  );
}

/** The Twitch login and its status; in the demo, the simulator's sign-in (there is no real Twitch login). */
function TwitchLogin(props: { demo: boolean }) {
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const next = await api<DeviceStatus>('/api/login/status');
        if (!stop) setStatus(next);
      } catch {
        // the status is a nicety; the button still works
      }
    };
    void poll();
    const t = setInterval(() => void poll(), 3000);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, []);
  const start = async () => {
    setError(null);
    try {
      const d = await api<{ userCode: string; verificationUri: string }>('/api/login/device', {
        method: 'POST',
        body: {},
      });
      setStatus((s) => ({
        state: 'pending',
        userCode: d.userCode,
        verificationUri: d.verificationUri,
        loggedInAs: s?.loggedInAs ?? null,
        message: null,
      }));
    } catch (err) {
      setError(toApiError(err));
    }
  };
  if (props.demo)
    return (
      <div class="twitch-login">
        <p class="notice" role="note">
          Demo: connected to the built-in Twitch simulator
          {status?.loggedInAs ? (
            <>
              {' '}
              as <strong>{status.loggedInAs}</strong>
            </>
          ) : null}{' '}
          — nothing is sent to Twitch. Run <code>streamlens login</code> and <code>streamlens start</code> to record
          your real channel.
        </p>
      </div>
    );
  return (
    <div class="twitch-login">
      <p>
        {status?.loggedInAs ? (
          <>
            Logged in to Twitch as <strong>{status.loggedInAs}</strong>.
          </>
        ) : (
          'Not logged in to Twitch yet.'
        )}
      </p>
      {status?.state === 'pending' && status.userCode && status.verificationUri ? (
        <p class="notice">
          Open{' '}
          <a href={status.verificationUri} target="_blank" rel="noopener noreferrer">
            {status.verificationUri.split('?')[0]}
          </a>{' '}
          and enter the code <strong class="code">{status.userCode}</strong>. This page updates when you approve.
        </p>
      ) : (
        status?.message && <p class={status.state === 'failed' ? 'down' : 'up'}>{status.message}</p>
      )}
      <button type="button" class="button" onClick={start}>
        Log in with Twitch
      </button>
      {error && <ErrorBox error={error} />}
    </div>
  );
}
