// A stream's incoming raids and what they did: size, viewers before, peak after, how many stayed 10 and 30
// minutes later above the pre-raid trend, raiders who chatted, with a VOD link at each raid.
import type { RaidEffect, RetainedReading, StreamRaidEffects } from '../../../src/analytics/index.ts';
import { isNoData, useApi } from '../api.ts';
import { formatNumber } from '../lib/format.ts';
import { Link } from '../router.tsx';
import { Card, ErrorBox, Loading } from './states.tsx';

export function RaidEffects(props: { base: string; streamId: string }) {
  const r = useApi<StreamRaidEffects>(`${props.base}/raids`);
  if (r.state === 'loading') return <Loading what="raids" />;
  if (r.state === 'error') return <ErrorBox error={r.error} />;
  // No raid, no card: most streams have none.
  if (isNoData(r.data) || r.data.raids.length === 0) return null;
  return (
    <Card title="Raids and retention">
      <ul class="list">
        {r.data.raids.map((raid) => (
          <li key={raid.ts}>
            <Link href={`/streams/${encodeURIComponent(props.streamId)}?t=${raid.offsetMs}`}>{raid.offsetLabel}</Link>{' '}
            <strong>{raid.raiderDisplayName ?? raid.raiderLogin ?? 'someone'}</strong> raided with{' '}
            {formatNumber(raid.raidSize)} viewers · {formatNumber(raid.viewersBefore)} before, peak{' '}
            {formatNumber(raid.peakAfter)} · {describeRetention(raid)} · {raid.raidersWhoChatted} raider
            {raid.raidersWhoChatted === 1 ? '' : 's'} chatted
            {raid.vodUrl && (
              <>
                {' '}
                ·{' '}
                <a href={raid.vodUrl} target="_blank" rel="noopener noreferrer">
                  VOD
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** "kept 21 (35 %) after 10 min, 4 (7 %) after 30 min". */
export function describeRetention(raid: RaidEffect): string {
  const part = (r: RetainedReading | null, minutes: number) =>
    r === null
      ? `no reading ${minutes} min later`
      : `${r.retained >= 0 ? 'kept' : 'lost'} ${Math.abs(r.retained)}${r.retainedPct === null ? '' : ` (${r.retainedPct} %)`} after ${minutes} min${r.confounded ? ' (another raid since)' : ''}`;
  return `${part(raid.after10, 10)}, ${part(raid.after30, 30)}`;
}
