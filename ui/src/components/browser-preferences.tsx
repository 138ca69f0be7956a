// The settings this browser keeps for itself (not the server's config file): the time zone every time of day is
// shown in, and the channel every page follows.
import { formatDateTime } from '../lib/format.ts';
import { browserTimeZone, setPreference, usePreferences } from '../lib/preferences.ts';
import { Card } from './states.tsx';

const zones = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone');
  return supported && supported.length > 0 ? supported : ['UTC'];
};

export function BrowserPreferences() {
  const { timeZone, channel } = usePreferences();
  const own = browserTimeZone();
  const list = zones();
  return (
    <Card title="This browser">
      <label>
        Time zone
        <select
          value={timeZone === own ? '' : timeZone}
          onChange={(e) => setPreference('timeZone', e.currentTarget.value)}
        >
          <option value="">This browser's ({own})</option>
          {['UTC', ...list.filter((z) => z !== 'UTC')].map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <p class="muted small">
        Every page shows times of day in this zone and names it: now is {formatDateTime(Date.now())}. The CLI uses this
        machine's zone, or the one given with <code>--tz</code> (e.g. <code>--tz Europe/Berlin</code>).
      </p>
      <p class="muted small">
        Channel: {channel || 'all channels (trends and reports follow your main channel)'} — change it with the picker
        at the top of every page.
      </p>
    </Card>
  );
}
