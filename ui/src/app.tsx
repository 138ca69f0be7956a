// The shell: skip link, navigation (one scrollable row on a phone), the channel switcher every page follows,
// theme toggle, the login gate (password mode) and the page for the path.
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from './api.ts';
import { Loading } from './components/states.tsx';
import { describeCollection, describeHealth, type Health, type StorageBanner } from './lib/describe-health.ts';
import { setPreference, usePreferences } from './lib/preferences.ts';
import { AskPage } from './pages/ask.tsx';
import { ChatterPage } from './pages/chatter.tsx';
import { LivePage } from './pages/live.tsx';
import { LoginPage } from './pages/login.tsx';
import { SearchPage } from './pages/search.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { StreamPage } from './pages/stream.tsx';
import { StreamsPage } from './pages/streams.tsx';
import { TrendsPage } from './pages/trends.tsx';
import { Link, matchRoute, navigate, useLocation } from './router.tsx';

interface Session {
  authRequired: boolean;
  authenticated: boolean;
  csrfToken: string;
}

const nav = [
  ['/live', 'Live'],
  ['/streams', 'Streams'],
  ['/trends', 'Trends'],
  ['/search', 'Search'],
  ['/ask', 'Ask'],
  ['/settings', 'Settings'],
] as const;

function Page(props: { path: string; query: URLSearchParams }) {
  const { path, query } = props;
  const stream = matchRoute('/streams/:id', path);
  if (stream) return <StreamPage id={stream.id!} t={query.get('t')} />;
  const chatter = matchRoute('/chatters/:login', path);
  if (chatter) return <ChatterPage login={chatter.login!} />;
  switch (path) {
    case '/live':
      return <LivePage />;
    case '/streams':
      return <StreamsPage query={query} />;
    case '/trends':
      return <TrendsPage />;
    case '/search':
      return <SearchPage query={query} />;
    case '/ask':
      return <AskPage />;
    case '/settings':
      return <SettingsPage />;
    default:
      return (
        <section class="card">
          <h1>Page not found</h1>
          <p>
            There is nothing at <code>{path}</code>. Go to <Link href="/live">Live</Link> or{' '}
            <Link href="/streams">Streams</Link>.
          </p>
        </section>
      );
  }
}

/** How often the shell asks /api/health whether storage is in trouble. */
const healthPollMs = 10_000;

/** Banners over every page while the database refuses writes or cannot be reached, Twitch cannot be reached,
 * or transcription cannot run. */
function StorageStatus() {
  const [banners, setBanners] = useState<StorageBanner[]>([]);
  useEffect(() => {
    let stopped = false;
    const check = () =>
      api<Health>('/api/health').then(
        (health) => {
          if (stopped) return;
          const storage = describeHealth(health);
          setBanners([...(storage ? [storage] : []), ...describeCollection(health)]);
        },
        () => {},
      );
    void check();
    const timer = setInterval(check, healthPollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <>
      {banners.map((banner) => (
        <div key={banner.message} class="notice storage-status" role="status">
          {banner.message}
          {banner.detail && <span class="muted"> ({banner.detail})</span>}
        </div>
      ))}
    </>
  );
}

type ChannelItem = { login: string; displayName: string; streams: number; live: boolean };

/** The channel every page shows, remembered in this browser; hidden while only one channel is recorded. */
function ChannelSwitcher() {
  const { channel } = usePreferences();
  const [channels, setChannels] = useState<ChannelItem[] | null>(null);
  useEffect(() => {
    api<{ channels: ChannelItem[] }>('/api/channels').then(
      (r) => setChannels(r.channels),
      () => setChannels([]),
    );
  }, []);
  if (!channels || (channels.length < 2 && !channel)) return null;
  return (
    <label class="channel-switcher">
      <span class="sr-only">Channel</span>
      <select aria-label="Channel" value={channel} onChange={(e) => setPreference('channel', e.currentTarget.value)}>
        <option value="">All channels</option>
        {channels.map((c) => (
          <option key={c.login} value={c.login}>
            {c.displayName}
            {c.live ? ' ● live' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const { path, query } = useLocation();
  // A new channel or time zone re-renders the page from scratch, so every request and time follows it.
  const { channel, timeZone } = usePreferences();
  const [session, setSession] = useState<Session | null>(null);
  const [theme, setTheme] = useState(document.documentElement.dataset.theme ?? 'dark');
  useEffect(() => {
    api<Session>('/api/session').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      () => setSession({ authRequired: false, authenticated: true, csrfToken: '' }),
    );
  }, []);
  useEffect(() => {
    if (path === '/' || path === '/index.html') navigate('/live', true);
  }, [path]);
  useEffect(() => {
    const name = nav.find(([href]) => path.startsWith(href))?.[1];
    document.title = name ? `${name} · streamlens` : 'streamlens';
  }, [path]);
  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    localStorage.setItem('streamlens-theme', next);
    setTheme(next);
  };

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/live" class="brand">
          <span class="brand-mark" aria-hidden="true">
            ◉
          </span>{' '}
          streamlens
        </Link>
        <nav aria-label="Main">
          {nav.map(([href, label]) => (
            <Link key={href} href={href} aria-current={path.startsWith(href) ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <ChannelSwitcher />
        <button
          type="button"
          class="button ghost theme-toggle"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
          <span class="theme-word">{theme === 'dark' ? 'Light' : 'Dark'}</span>
        </button>
      </header>
      <StorageStatus />
      <main id="main" tabIndex={-1}>
        {session === null ? (
          <Loading />
        ) : session.authRequired && !session.authenticated ? (
          <LoginPage
            onLoggedIn={(s) => {
              setCsrfToken(s.csrfToken);
              setSession(s);
            }}
          />
        ) : (
          <Page key={`${channel}|${timeZone}`} path={path} query={query} />
        )}
      </main>
    </>
  );
}
