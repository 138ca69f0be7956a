// A stream report as one self-contained HTML page: inline CSS, no scripts, charts as inline SVG, every piece
// of user text (titles, chat, logins, transcript) escaped.

import { toEmoteSourceLabel } from '../lib/emote-words.ts';
import { formatOffset } from '../lib/format.ts';
import type { SummaryFigureKey } from '../summary/stream-figures.ts';
import { toEngagementLines } from './engagement-lines.ts';
import { hasData, type StreamReport } from './generate-stream-report.ts';
import { figureLabel, formatFigure, reportPoints } from './report-points.ts';
import { barChartSvg, escapeHtml as e, lineChartSvg } from './svg-charts.ts';

const keys: SummaryFigureKey[] = [
  'durationMinutes',
  'avgViewers',
  'peakViewers',
  'hoursWatched',
  'follows',
  'subsNew',
  'subsGifted',
  'bits',
  'raidsReceived',
  'chatMessages',
  'uniqueChatters',
  'chattersPer100Viewers',
];

const css = `body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#1d1d1f;background:#fff}
h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%}
td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left}.muted{color:#666}svg{width:100%;height:auto;font-size:11px}
.grid{stroke:#eee}.viewers{stroke:#6441a5;stroke-width:2}.chat{stroke:#e07b00;stroke-width:1.5}.viewers-label{fill:#6441a5}.chat-label{fill:#e07b00}
.bar{fill:#6441a5}blockquote{margin:.3em 0 .3em 1em;color:#555;border-left:3px solid #ddd;padding-left:.6em}.bad{color:#b00020}.good{color:#0a7d32}`;

/** The report as an HTML page: inline CSS, no scripts, all user text escaped. */
export function renderReportHtml(report: StreamReport): string {
  const s = report.stream;
  const parts: string[] = [];
  parts.push(`<h1>Stream report: ${e(s.channelLogin ?? s.channelId)}</h1>`);
  parts.push(
    `<p><strong>${e(s.title)}</strong> · ${e(s.gameName ?? 'no category')} · ${formatOffset(s.durationMs)} · ${e(new Date(s.startedAt).toISOString())}</p>`,
  );
  parts.push('<h2>Headline numbers</h2><table><tr><th>figure</th><th>this stream</th><th>previous median</th></tr>');
  for (const key of keys) {
    const c = report.summary.comparison.figures.find((f) => f.key === key);
    parts.push(
      `<tr><td>${figureLabel(key)}</td><td>${e(formatFigure(report, key))}</td><td>${c?.previousMedian ?? '—'}</td></tr>`,
    );
  }
  parts.push('</table>');
  if (report.chart.length > 0) parts.push('<h2>Viewers and chat</h2>', lineChartSvg(report.chart));
  else parts.push('<h2>Viewers and chat</h2><p class="muted">no data</p>');
  const { well, badly } = reportPoints(report);
  parts.push(
    '<h2>What went well</h2><ul>',
    ...(well.length ? well.map((w) => `<li class="good">${e(w)}</li>`) : ['<li class="muted">nothing stood out</li>']),
    '</ul>',
  );
  parts.push(
    '<h2>What went badly</h2><ul>',
    ...(badly.length
      ? badly.map((w) => `<li class="bad">${e(w)}</li>`)
      : ['<li class="muted">nothing fell below your usual range</li>']),
    '</ul>',
  );
  parts.push('<h2>Top moments</h2>');
  if (!hasData(report.highlights)) parts.push(`<p class="muted">no data (${e(report.highlights.reason)})</p>`);
  else {
    parts.push('<ol>');
    for (const h of report.highlights.highlights) {
      const link = h.vodUrl ? ` <a href="${e(h.vodUrl)}">watch</a>` : '';
      parts.push(
        `<li><strong>${h.offsetLabel}</strong> ${h.messages} messages vs ~${h.baseline} expected (${e(h.kinds.join(', '))}) ${e(h.topEmotes.map((x) => `${x.token}×${x.count}`).join(' '))}${link}`,
      );
      for (const t of h.transcript.slice(0, 2)) parts.push(`<blockquote>${e(t.text)}</blockquote>`);
      for (const c of (h.clips ?? []).slice(0, 3))
        if (/^https:\/\/[^\s"'<>]+$/.test(c.url))
          parts.push(`<p>clip <a href="${e(c.url)}">${e(c.title || c.url)}</a> (${c.viewCount} views)</p>`);
      parts.push('</li>');
    }
    parts.push('</ol>');
  }
  parts.push('<h2>Viewer changes</h2>');
  if (!hasData(report.viewerChanges)) parts.push(`<p class="muted">no data (${e(report.viewerChanges.reason)})</p>`);
  else
    parts.push(
      '<ul>',
      ...report.viewerChanges.changes.map(
        (c) =>
          `<li><strong>${c.offsetLabel}</strong> ${c.direction} ${c.before} → ${c.after} viewers: ${e(
            c.causes
              .slice(0, 3)
              .map((x) => x.description)
              .join('; ') || 'nothing recorded explains it',
          )}</li>`,
      ),
      '</ul>',
    );
  if (hasData(report.categories) && report.categories.categories.length > 0) {
    parts.push('<h2>Categories</h2>');
    parts.push(
      barChartSvg(
        report.categories.categories.map((c) => ({
          label: c.gameName,
          value: c.avgViewers ?? 0,
          note: `${c.avgViewers ?? 'no data'} avg viewers · ${c.streams} streams · ${c.hours} h`,
        })),
      ),
    );
  }
  if (hasData(report.community)) {
    const c = report.community;
    parts.push(
      '<h2>Community</h2>',
      `<p>${c.chatters} chatters: ${c.newChatters} new, ${c.returningChatters} returning. First-timers without a reply: ${e(c.unrepliedFirstTimers.join(', ') || 'none')}</p>`,
    );
  }
  if (hasData(report.emotes) && report.emotes.emotes.length > 0) {
    const byProvider = report.emotes.byProvider ?? [];
    parts.push(
      '<h2>Emotes</h2>',
      byProvider.length
        ? `<p>${byProvider.map((p) => `${e(toEmoteSourceLabel(p.provider))} ${p.uses} (${p.distinct} emotes)`).join(' · ')}</p>`
        : '',
      `<p class="muted">${report.emotes.emotes
        .slice(0, 10)
        .map((x) => `${e(x.name)}${x.provider ? ` (${e(toEmoteSourceLabel(x.provider))})` : ''} ×${x.count}`)
        .join(' · ')}</p>`,
    );
  }
  const engagement = toEngagementLines(report.engagement);
  if (engagement.length > 0)
    parts.push(
      '<h2>Engagement</h2><ul>',
      ...engagement.map((l) => `<li>${e(l.text)}${l.url ? ` <a href="${e(l.url)}">open</a>` : ''}</li>`),
      '</ul>',
    );
  if (hasData(report.questions) && report.questions.questions.length > 0) {
    parts.push('<h2>Questions</h2><ul>');
    for (const q of report.questions.questions.slice(0, 10))
      parts.push(`<li>${q.answered ? '✓' : '✗'} ${formatOffset(q.offsetMs)} ${e(q.userLogin)}: “${e(q.text)}”</li>`);
    parts.push('</ul>');
  }
  parts.push('<h2>Next steps</h2><ol>', ...report.recommendations.map((r) => `<li>${e(r.text)}</li>`), '</ol>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Stream report — ${e(s.title)}</title><style>${css}</style></head>
<body>
${parts.join('\n')}
<p class="muted">Generated by streamlens at ${e(new Date(report.generatedAt).toISOString())}.</p>
</body></html>
`;
}
