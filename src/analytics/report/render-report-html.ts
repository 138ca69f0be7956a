// A stream report as one self-contained HTML page: inline CSS, no scripts, charts as inline SVG, every piece
// of user text (titles, chat, logins, transcript) escaped.

import { toEmoteSourceLabel } from '../lib/emote-words.ts';
import { formatOffset } from '../lib/format.ts';
import { formatZonedDateTime } from '../lib/time-zone.ts';
import type { SummaryFigureKey } from '../summary/stream-figures.ts';
import {
  describeChange,
  describeStanding,
  describeViewerChange,
  formatFigureValue,
  listWithMore,
  plural,
  topFirstTimers,
} from './describe-figure.ts';
import { toEngagementLines } from './engagement-lines.ts';
import { hasData, type StreamReport } from './generate-stream-report.ts';
import { raidSectionHtml } from './render-raid-section.ts';
import type { RenderReportOptions } from './render-report-markdown.ts';
import { figureLabel, formatFigure, reportPoints } from './report-points.ts';
import { barChartSvg, type ChartLayout, chartLegendHtml, escapeHtml as e, lineChartSvg } from './svg-charts.ts';

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
td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left}.muted{color:#666}svg{display:block;width:100%;height:auto}
.grid{stroke:#eee}.viewers{stroke:#6441a5;stroke-width:2}.chat{stroke:#e07b00;stroke-width:1.5}.viewers-label,.viewers-fill{fill:#6441a5}.chat-label,.chat-fill{fill:#e07b00}
.chart-narrow{display:none}@media (max-width:600px){.chart-wide{display:none}.chart-narrow{display:block}}
.legend{display:flex;flex-wrap:wrap;gap:.2em 1.2em;margin:.4em 0;font-size:14px}.legend span{white-space:nowrap}
.key{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}.key.viewers-fill{background:#6441a5}.key.chat-fill{background:#e07b00}
.muted-text{fill:#666}.table-wrap{overflow-x:auto}.markers{font-size:.9em;color:#444;padding-left:1.4em}
.bar{fill:#6441a5}blockquote{margin:.3em 0 .3em 1em;color:#555;border-left:3px solid #ddd;padding-left:.6em}.bad{color:#b00020}.good{color:#0a7d32}`;

/**
 * A chart drawn for a desk and for a phone, the page's CSS showing the one that fits (the page has no script): an
 * SVG scales as a whole, so one drawn for 900 px would shrink its text to 5 px on a phone.
 */
function responsive(draw: (layout: ChartLayout) => string): string {
  return `<div class="chart chart-wide">${draw('wide')}</div><div class="chart chart-narrow">${draw('narrow')}</div>`;
}

/** The report as an HTML page: inline CSS, no scripts, all user text escaped. */
export function renderReportHtml(report: StreamReport, options: RenderReportOptions = {}): string {
  const s = report.stream;
  const zone = options.timeZone ?? 'UTC';
  const parts: string[] = [];
  parts.push(`<h1>Stream report: ${e(s.channelLogin ?? s.channelId)}</h1>`);
  parts.push(
    `<p><strong>${e(s.title)}</strong> · ${e(s.gameName ?? 'no category')} · ${formatOffset(s.durationMs)} · started ${e(formatZonedDateTime(s.startedAt, zone))}</p>`,
  );
  parts.push(
    '<h2>Headline numbers</h2><div class="table-wrap"><table><tr><th></th><th>this stream</th><th>usual (median)</th><th>change</th></tr>',
  );
  for (const key of keys) {
    const c = report.summary.comparison.figures.find((f) => f.key === key);
    const usual = c && c.previousMedian !== null ? formatFigureValue(key, c.previousMedian) : '—';
    const change = c && c.value !== null && c.previousMedian !== null ? describeChange(c) : '—';
    const standing = c ? describeStanding(c) : null;
    parts.push(
      `<tr><td>${figureLabel(key)}</td><td>${e(formatFigure(report, key))}</td><td>${e(usual)}</td><td>${e(change)}${standing ? `<br><span class="muted">${e(standing)}</span>` : ''}</td></tr>`,
    );
  }
  parts.push('</table></div>');
  const events = report.chartEvents ?? [];
  if (report.chart.length > 0) {
    parts.push(
      '<h2>Viewers and chat</h2>',
      chartLegendHtml(),
      responsive((layout) => lineChartSvg(report.chart, events, layout)),
    );
    if (events.length > 0)
      parts.push(
        '<ol class="markers">',
        ...events.map((x) => `<li>${formatOffset(x.offsetMs)} — ${e(x.label)}</li>`),
        '</ol>',
      );
  } else parts.push('<h2>Viewers and chat</h2><p class="muted">no data</p>');
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
        `<li><strong>${h.offsetLabel}</strong> ${plural(h.messages, 'message')} vs ~${h.baseline} expected (${e(h.kinds.join(', '))}) ${e(h.topEmotes.map((x) => `${x.token}×${x.count}`).join(' '))}${link}`,
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
          `<li><strong>${c.offsetLabel}</strong> ${c.direction} ${c.before} → ${c.after} viewers (${describeViewerChange(c)}): ${e(
            c.causes
              .slice(0, 3)
              .map((x) => x.description)
              .join('; ') || 'nothing recorded explains it',
          )}</li>`,
      ),
      '</ul>',
    );
  parts.push(...raidSectionHtml(report.raids));
  if (hasData(report.categories) && report.categories.categories.length > 0) {
    parts.push('<h2>Categories</h2>');
    const rows = report.categories.categories.map((c) => {
      const valueLabel = `${c.avgViewers ?? 'no data'} avg viewers`;
      const detail = `${plural(c.streams, 'stream')} · ${c.hours} h`;
      return { label: c.gameName, value: c.avgViewers ?? 0, note: `${valueLabel} · ${detail}`, valueLabel, detail };
    });
    parts.push(responsive((layout) => barChartSvg(rows, layout)));
  }
  if (hasData(report.community)) {
    const c = report.community;
    const unreplied = c.firstTimers.filter((f) => !f.gotReply);
    const top = c.topChatters.filter((t) => t.userLogin !== s.channelLogin);
    parts.push(
      '<h2>Community</h2>',
      `<p>${plural(c.chatters, 'chatter')}: ${c.newChatters} new, ${c.returningChatters} returning.</p><ul>`,
      c.firstTimers.length
        ? `<li>Most active first-timers (messages): ${e(listWithMore(topFirstTimers(c.firstTimers), 10))}</li>`
        : '',
      `<li>First-timers without a reply: ${unreplied.length ? e(listWithMore(topFirstTimers(unreplied), 10)) : 'none'}</li>`,
      top.length
        ? `<li>Top chatters (messages): ${e(
            top
              .slice(0, 5)
              .map((t) => `${t.userLogin} (${t.messages})`)
              .join(', '),
          )}</li>`
        : '',
      '</ul>',
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
<p class="muted">Generated by streamlens on ${e(formatZonedDateTime(report.generatedAt, zone))}.</p>
</body></html>
`;
}
