// The password page shown when streamlens is served beyond this machine.
import { useState } from 'preact/hooks';
import { type ApiError, api, toApiError } from '../api.ts';
import { ErrorBox } from '../components/states.tsx';

export function LoginPage(props: {
  onLoggedIn: (s: { authRequired: boolean; authenticated: boolean; csrfToken: string }) => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section class="card narrow">
      <h1>Log in to streamlens</h1>
      <p class="muted">
        {isLoopback(location.hostname)
          ? 'This streamlens asks for the password set in its config (web.password).'
          : `This streamlens is open to other devices at ${location.host}, so it asks for the password set in its config (web.password).`}
      </p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            props.onLoggedIn(await api('/api/login', { method: 'POST', body: { password } }));
          } catch (err) {
            setError(toApiError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        <button type="submit" class="button primary" disabled={busy}>
          Log in
        </button>
      </form>
      {error && <ErrorBox error={error} />}
    </section>
  );
}

/** Whether the page was opened on this computer only (127.0.0.1, ::1, localhost). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);
}
