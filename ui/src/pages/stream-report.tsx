// The stream report, rendered from its structured JSON (never from the server's HTML), with downloads.

import type { StreamReport } from '../../../src/analytics/index.ts';
import { isNoData, useApi } from '../api.ts';
import { Card, ErrorBox, Loading } from '../components/states.tsx';
import { describeEmoteProviders, toEmoteLabel } from '../lib/emote-providers.ts';
import { formatNumber, formatOffset } from '../lib/format.ts';

export function StreamReportView(props: { base: string }) {
  const r = useApi<StreamReport>(`${props.base}/report`);
  const downloads = (
    <span class="actions">
      <a class="button ghost" href={`${props.base}/report?format=md`} download>
        Markdown
      </a>
      <a class="button ghost" href={`${props.base}/report?format=html`} target="_blank" rel="noopener">
        HTML
      </a>
    </span>
  );
  if (r.state === 'loading') return <Loading what="the report" />;
  if (r.state === 'error')
    return (
      <Card title="Report">
        <ErrorBox error={r.error} />
      </Card>
    );
  const report = r.data;
  return (
    <Card title="Report" actions={downloads}>
      <div class="grid three">
        <section>
          <h3>What to try next</h3>
          {report.recommendations.length === 0 ? (
            <p class="muted">No recommendation stands out from this stream's numbers.</p>
          ) : (
            <ol class="list">
              {report.recommendations.map((x) => (
                <li key={x.rank}>
                  {x.text} <span class="muted small">({Math.round(x.confidence * 100)}% confidence)</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section>
          <h3>Questions from chat</h3>
          {isNoData(report.questions) ? (
            <p class="muted">{report.questions.reason}</p>
          ) : (
            <>
              <p>
                {report.questions.answered} answered, <strong>{report.questions.unanswered} unanswered</strong>
              </p>
              <ul class="list">
                {report.questions.questions
                  .filter((q) => !q.answered)
                  .slice(0, 5)
                  .map((q) => (
                    <li key={q.ts}>
                      <time class="muted">{formatOffset(q.offsetMs)}</time> <strong>{q.userLogin}</strong>: {q.text}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </section>
        <section>
          <h3>Community</h3>
          {isNoData(report.community) ? (
            <p class="muted">{report.community.reason}</p>
          ) : (
            <>
              <p>
                {formatNumber(report.community.chatters)} chatters: {formatNumber(report.community.newChatters)} new,{' '}
                {formatNumber(report.community.returningChatters)} returning.
              </p>
              {report.community.unrepliedFirstTimers.length > 0 && (
                <p>
                  No reply for first-timers:{' '}
                  <span class="muted">{report.community.unrepliedFirstTimers.slice(0, 10).join(', ')}</span>
                </p>
              )}
            </>
          )}
          {!isNoData(report.emotes) && report.emotes.emotes.length > 0 && (
            <p>
              Top emotes:{' '}
              <span class="muted">
                {report.emotes.emotes
                  .slice(0, 6)
                  .map((e) => toEmoteLabel(e))
                  .join(' · ')}
              </span>
              {describeEmoteProviders(report.emotes) && (
                <span class="muted"> — by provider: {describeEmoteProviders(report.emotes)}</span>
              )}
            </p>
          )}
        </section>
      </div>
    </Card>
  );
}
