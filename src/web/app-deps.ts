// What the web app is built from: the running process's parts, passed in (nothing here reads globals).

import type { Agent } from '../agent/types.ts';
import type { Config } from '../config.ts';
import type { Ingest } from '../ingest/ingest.ts';
import type { Logger } from '../log.ts';
import type { AppMetrics } from '../metrics/app-metrics.ts';
import type { Store } from '../store/store.ts';
import type { DeviceLogin } from './auth/device-login.ts';
import type { WebAuth } from './auth/web-auth.ts';
import type { LiveHub } from './live/live-hub.ts';
import type { AnalyticsPool } from './offload/analytics-pool.ts';
import type { SettingsFile } from './settings/settings-file.ts';

export interface WebServerOptions {
  config: Config;
  store: Store;
  ingest?: Ingest;
  agent?: Agent;
  log: Logger;
  /** The process's metrics, served at /metrics (absent: no /metrics). */
  metrics?: AppMetrics;
  /** The built UI (default: `ui/dist` of this checkout). */
  staticDir?: string;
  /** Worker threads for heavy questions (absent: they run on the serving thread). */
  analytics?: AnalyticsPool;
  /** How collection is going, for /api/health (absent when this process does not collect). */
  collection?: () => CollectionStatus;
  /**
   * This server is `streamlens demo`: it records the built-in Twitch simulator, its "Twitch login" is the
   * simulator's, and its settings go to the demo's own file. /api/health and /api/settings say so.
   */
  demo?: boolean;
}

/** What /api/health says about collecting: whether Twitch answers, whether transcription can run. */
export interface CollectionStatus {
  /** `connecting` until the collectors run; `retrying` while Twitch chat cannot be reached (since when). */
  twitch: { state: 'connecting' | 'connected' | 'retrying'; since: number | null };
  /** `ready: false` with the reason when transcription is on but cannot run (ffmpeg or pocketsphinx missing). */
  transcription: { enabled: boolean; ready: boolean; problem: string | null; hint: string | null };
}

/** Everything a route handler may use. */
export interface AppDeps extends WebServerOptions {
  live: LiveHub;
  settings: SettingsFile;
  deviceLogin: DeviceLogin;
  auth: WebAuth;
  now: () => number;
}
