// A stream report as terminal Markdown a streamer can act on: headline numbers, what went well and badly,
// top moments with VOD links, viewer changes with causes, community, concrete next steps.

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
import { raidSectionMarkdown } from './render-raid-section.ts';
import { figureLabel, formatFigure, reportPoints } from './report-points.ts';

export interface RenderReportOptions {
  /** The IANA zone times of day are shown in (default UTC); the zone is always named. */
  timeZone?: string;
}

/** Names listed before "and N more" (first-timers, unreplied first-timers). */
const namesShown = 10;

const headline: SummaryFigureKey[] = [
  'durationMinutes',
  'avgViewers',
  'peakViewers',
  'hoursWatched',
  'follows',
  'subsNew',
  'subsResub',
  'subsGifted',
  'bits',
  'raidsReceived',
  'chatMessages',
  'uniqueChatters',
  'messagesPerMinute',
  'chattersPer100Viewers',
];

/** Strips Markdown control characters from user text so chat cannot restyle the report. */
function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/** The report as Markdown. */
export function renderReportMarkdown(report: StreamReport, options: RenderReportOptions = {}): string {
  const s = report.stream;
  const zone = options.timeZone ?? 'UTC';
  const out: string[] = [];
  out.push(`# Stream report: ${md(s.channelLogin ?? s.channelId)} — ${formatZonedDateTime(s.startedAt, zone)}`, '');
  out.push(
    `**${md(s.title || 'untitled (imported chat)')}** · ${md(s.gameName ?? 'no category')} · ${formatOffset(s.durationMs)}${s.live ? ' · still live' : ''}`,
    '',
  );
  out.push('## Headline numbers', '', '| | this stream | usual (median) | change |', '| --- | --- | --- | --- |');
  for (const key of headline) {
    const c = report.summary.comparison.figures.find((f) => f.key === key);
    const usual = c && c.previousMedian !== null ? formatFigureValue(key, c.previousMedian) : '—';
    const standing = c ? describeStanding(c) : null;
    const change = c && c.value !== null && c.previousMedian !== null ? describeChange(c) : '—';
    out.push(
      `| ${figureLabel(key)} | ${formatFigure(report, key)} | ${usual} | ${change}${standing ? `, ${standing}` : ''} |`,
    );
  }
  const { well, badly } = reportPoints(report);
  out.push(
    '',
    '## What went well',
    '',
    ...(well.length ? well.map((w) => `- ${w}`) : ['- nothing stood out against your previous streams']),
  );
  out.push(
    '',
    '## What went badly',
    '',
    ...(badly.length ? badly.map((w) => `- ${w}`) : ['- nothing fell below your usual range']),
  );
  out.push('', '## Top moments', '');
  if (!hasData(report.highlights)) out.push(`- no data (${report.highlights.reason})`);
  else if (report.highlights.highlights.length === 0) out.push('- no chat spikes stood out from the baseline');
  else
    for (const h of report.highlights.highlights) {
      const what = h.topEmotes.length
        ? h.topEmotes.map((e) => `${md(e.token)}×${e.count}`).join(' ')
        : h.topWords.map((w) => md(w.token)).join(', ');
      out.push(
        `${h.rank}. **${h.offsetLabel}** — ${plural(h.messages, 'message')} vs ~${h.baseline} expected (${h.kinds.join(', ')}): ${what}${h.vodUrl ? ` — ${h.vodUrl}` : ''}`,
      );
      for (const t of h.transcript.slice(0, 2)) out.push(`   > ${md(t.text)}`);
      // Reports saved before clips existed have none.
      for (const c of (h.clips ?? []).slice(0, 3))
        if (/^https:\/\/[^\s]+$/.test(c.url)) out.push(`   - clip "${md(c.title)}" (${c.viewCount} views): ${c.url}`);
    }
  out.push('', '## Viewer changes', '');
  if (!hasData(report.viewerChanges)) out.push(`- no data (${report.viewerChanges.reason})`);
  else if (report.viewerChanges.changes.length === 0) out.push('- viewers were steady');
  else
    for (const c of report.viewerChanges.changes) {
      const why = c.causes.length
        ? c.causes
            .slice(0, 3)
            .map((x) => md(x.description))
            .join('; ')
        : 'nothing recorded explains it';
      out.push(
        `- **${c.offsetLabel}** ${c.direction} ${c.before} → ${c.after} viewers (${describeViewerChange(c)}): ${why}${c.vodUrl ? ` — ${c.vodUrl}` : ''}`,
      );
    }
  out.push(...raidSectionMarkdown(report.raids, md));
  out.push('', '## Community', '');
  if (!hasData(report.community)) out.push(`- no data (${report.community.reason})`);
  else {
    const c = report.community;
    out.push(
      `- ${plural(c.chatters, 'chatter')}: ${c.newChatters} new, ${c.returningChatters} returning; ${c.firstTimersReturned} of this stream's first-timers came back later`,
    );
    if (c.firstTimers.length)
      out.push(`- most active first-timers (messages): ${md(listWithMore(topFirstTimers(c.firstTimers), namesShown))}`);
    if (c.unrepliedFirstTimers.length)
      out.push(
        `- ${plural(c.unrepliedFirstTimers.length, 'first-timer')} got no reply within ${c.replyWindowMs / 60_000} min, most active first: ${md(
          listWithMore(topFirstTimers(c.firstTimers.filter((f) => !f.gotReply)), namesShown),
        )}`,
      );
    const top = c.topChatters.filter((t) => t.userLogin !== s.channelLogin);
    if (top.length)
      out.push(
        `- top chatters (messages): ${top
          .slice(0, 5)
          .map((t) => `${md(t.userLogin)} (${t.messages})`)
          .join(', ')}`,
      );
  }
  if (hasData(report.emotes) && report.emotes.emotes.length) {
    // Reports saved before emotes were counted by provider have no byProvider.
    const byProvider = report.emotes.byProvider ?? [];
    out.push('', '## Emotes', '');
    if (byProvider.length)
      out.push(
        `- by provider: ${byProvider.map((p) => `${toEmoteSourceLabel(p.provider)} ${p.uses} (${p.distinct} emotes)`).join(' · ')}`,
      );
    out.push(
      `- top: ${report.emotes.emotes
        .slice(0, 8)
        .map((x) => `${md(x.name)}${x.provider ? ` (${toEmoteSourceLabel(x.provider)})` : ''} ×${x.count}`)
        .join(', ')}`,
    );
  }

  const engagement = toEngagementLines(report.engagement);
  if (engagement.length > 0) {
    out.push('', '## Engagement', '');
    for (const l of engagement) out.push(`- ${md(l.text)}${l.url ? ` — ${l.url}` : ''}`);
  }
  if (hasData(report.questions) && report.questions.questions.length) {
    out.push(
      '',
      `## Questions (${report.questions.unanswered} unanswered of ${report.questions.questions.length})`,
      '',
    );
    for (const q of report.questions.questions.slice(0, 8))
      out.push(
        `- ${q.answered ? '✓' : '✗'} ${formatOffset(q.offsetMs)} ${md(q.userLogin)}: "${md(q.text)}"${q.answeredBy ? ` — answered by ${q.answeredBy}` : ''}`,
      );
  }
  out.push('', '## Next steps', '');
  if (report.recommendations.length === 0) out.push('- not enough history yet for recommendations');
  for (const r of report.recommendations) out.push(`${r.rank}. ${md(r.text)}`);
  out.push('');
  return out.join('\n');
}
