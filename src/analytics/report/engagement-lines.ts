// The report's engagement section as plain lines, each with an optional link, so the Markdown and HTML renderers
// say the same thing: clips, channel points, polls, predictions, hype trains, shoutouts and who watched without chatting.

import type { HypeTrainResult, StreamEngagement } from '../engagement/get-stream-engagement.ts';
import { formatOffset } from '../lib/format.ts';
import type { NoData } from '../results.ts';

export interface EngagementLine {
  text: string;
  /** Only https links (a clip's URL comes from Twitch: never trusted to be one). */
  url: string | null;
}

const safeUrl = (url: string | null | undefined) => (url && /^https:\/\/[^\s"'<>]+$/.test(url) ? url : null);

/** "hype train at 53:00: level 3, 1200 points over 5 minutes; top: lokaxo_121 (500 bits)", the moment as `at` gives it. */
export function describeHypeTrain(h: HypeTrainResult, at: string): string {
  const minutes = h.durationMs === null ? null : Math.max(1, Math.round(h.durationMs / 60_000));
  // Twitch counts a contribution in bits, or in points for subs (500 a tier-1 sub) and other kinds.
  const unit = (type: string) => (type === 'bits' ? 'bits' : type === 'subscription' ? 'points in subs' : 'points');
  const top = h.topContributors.map((c) => `${c.login} (${c.total} ${unit(c.type)})`);
  return `hype train at ${at}: ${h.level === null ? 'level unknown' : `level ${h.level}`}${h.total === null ? '' : `, ${h.total} points`}${h.status === 'running' ? ', no end recorded' : ` over ${minutes} minute${minutes === 1 ? '' : 's'}`}${top.length ? `; top: ${top.join(', ')}` : ''}`;
}

/** What the engagement section lists; a report saved before it existed has none. */
export function toEngagementLines(engagement: StreamEngagement | NoData | undefined): EngagementLine[] {
  if (!engagement) return [];
  if ('status' in engagement) return [{ text: `no data (${engagement.reason})`, url: null }];
  const e = engagement;
  const lines: EngagementLine[] = [];
  const line = (text: string, url: string | null = null) => lines.push({ text, url: safeUrl(url) });
  if (e.clips.length === 0) line('no clips were made');
  for (const c of e.clips.slice(0, 5))
    line(
      `clip "${c.title}" by ${c.creatorName || 'streamlens'} at ${formatOffset(c.momentTs - e.stream.startedAt)}: ${c.viewCount} views${c.listed ? '' : ' (not listed by Twitch yet)'}`,
      c.url,
    );
  if (e.redemptions.total > 0)
    line(
      `${e.redemptions.total} channel points redemptions (${e.redemptions.points} points): ${e.redemptions.rewards
        .slice(0, 5)
        .map((r) => `${r.title} ×${r.count}`)
        .join(', ')}`,
    );
  for (const p of e.polls) line(`poll "${p.title}": ${p.votes} votes, ${p.winner ? `"${p.winner}" won` : p.status}`);
  for (const p of e.predictions)
    line(
      `prediction "${p.title}": ${p.predictors} predictors, ${p.points} points, ${p.winner ? `"${p.winner}" won` : p.status}`,
    );
  // A report saved before hype trains were read has none.
  for (const h of e.hypeTrains ?? []) line(describeHypeTrain(h, formatOffset(h.offsetMs)));
  if (e.shoutouts.given.length > 0) line(`shouted out ${e.shoutouts.given.map((s) => s.login).join(', ')}`);
  for (const s of e.shoutouts.received) line(`shoutout from ${s.login} to ${s.viewers ?? '?'} viewers`);
  if ('status' in e.presence) line(`lurkers: no data (${e.presence.reason})`);
  else {
    const p = e.presence;
    const share = Math.round(p.lurkerShare * 100);
    line(
      `${share}% of those in chat did not chat (lurkers); latest sample: ${p.latest?.present ?? 0} in chat, ${p.latest?.lurkers ?? 0} lurking`,
    );
    if (p.regularLurkers.length > 0)
      line(
        `regulars who lurked: ${p.regularLurkers
          .slice(0, 8)
          .map((r) => `${r.userLogin} (~${Math.round(r.watchMs / 60_000)} min)`)
          .join(', ')}`,
      );
  }
  return lines;
}
