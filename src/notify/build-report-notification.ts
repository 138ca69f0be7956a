// The post-stream summary as a notification: headline figures (and how they compare with the channel's usual),
// the top moments with their VOD links when the VOD is known, and links to the stream page and the full report.

import type { StreamReport } from '../analytics/index.ts';
import type { Notification } from './notification.ts';

const moments = 3;

/** The report's summary; `publicUrl` is where people open streamlens (links in the message). */
export function buildReportNotification(report: StreamReport, publicUrl: string): Notification {
  const { stream, summary } = report;
  const f = summary.figures;
  const value = (key: keyof typeof f) => f[key]?.value ?? null;
  const number = (n: number | null, digits = 0) =>
    n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  const channel = stream.channelLogin ?? stream.channelId;
  const subs = (value('subsNew') ?? 0) + (value('subsResub') ?? 0) + (value('subsGifted') ?? 0);
  const versus = summary.comparison.figures
    .filter((c) => c.deltaPct !== null && ['avgViewers', 'chatMessages', 'follows'].includes(c.key))
    .map((c) => `${labels[c.key] ?? c.key} ${c.deltaPct! >= 0 ? '+' : ''}${Math.round(c.deltaPct!)}%`);
  const base = publicUrl.replace(/\/+$/, '');
  const streamUrl = `${base}/streams/${encodeURIComponent(stream.id)}`;
  const reportUrl = `${base}/api/streams/${encodeURIComponent(stream.id)}/report?format=html`;
  const top = 'highlights' in report.highlights ? report.highlights.highlights.slice(0, moments) : [];

  const text = [
    `${formatDuration(stream.durationMs)} of ${stream.gameName ?? 'no category'}: ${number(value('avgViewers'), 1)} average viewers (peak ${number(value('peakViewers'))}), ${number(value('follows'))} follows, ${number(subs)} subs, ${number(value('bits'))} bits, ${number(value('chatMessages'))} chat messages from ${number(value('uniqueChatters'))} chatters.`,
    versus.length > 0 ? `Against your usual stream: ${versus.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return {
    event: 'report',
    subject: stream.id,
    channel: { id: stream.channelId, login: stream.channelLogin },
    title: `${channel}: stream report — ${stream.title || '(untitled)'}`,
    text,
    url: streamUrl,
    fields: [
      ...top.map((h) => ({
        name: `Moment at ${h.offsetLabel}`,
        value: `${h.messages} messages in a minute (${h.ratio.toFixed(1)}× usual)${h.topWords[0] ? `, "${h.topWords[0].token}"` : ''}${h.topEmotes[0] ? `, ${h.topEmotes[0].token}` : ''}`,
        ...(h.vodUrl ? { link: { label: 'watch on the VOD', url: h.vodUrl } } : {}),
      })),
      {
        name: 'Full report',
        value: 'charts, community, questions and advice',
        link: { label: 'open', url: reportUrl },
      },
    ],
    data: {
      stream: {
        id: stream.id,
        title: stream.title,
        category: stream.gameName,
        startedAt: new Date(stream.startedAt).toISOString(),
        endedAt: stream.endedAt === null ? null : new Date(stream.endedAt).toISOString(),
        durationMinutes: Math.round(stream.durationMs / 60_000),
        vodId: stream.vodId,
      },
      figures: Object.fromEntries(Object.entries(f).map(([k, m]) => [k, m?.value ?? null])),
      comparedWithUsual: summary.comparison.figures
        .filter((c) => c.deltaPct !== null)
        .map((c) => ({ key: c.key, value: c.value, usual: c.previousMedian, deltaPct: c.deltaPct })),
      moments: top.map((h) => ({
        offset: h.offsetLabel,
        offsetMs: h.offsetMs,
        messages: h.messages,
        vodUrl: h.vodUrl,
      })),
      streamUrl,
      reportUrl,
    },
    at: report.generatedAt,
  };
}

const labels: Record<string, string> = { avgViewers: 'viewers', chatMessages: 'chat', follows: 'follows' };

/** `2 h 05 min`, `45 min`. */
function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}
