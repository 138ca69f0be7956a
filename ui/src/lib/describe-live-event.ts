// One line of the Live page's event feed as a person reads it: who did what, with its amount, from the
// channel's point of view ("belfyn raided you with 42 viewers", "You raided cozyforge with 17 viewers").

/** An event as the Live page holds it. */
export interface LiveEventInput {
  type: string;
  userLogin: string | null;
  data?: Record<string, unknown>;
}

/** `1 bit`, `2 bits`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

const num = (d: Record<string, unknown>, key: string): number | null => {
  const v = d[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;
};
const text = (d: Record<string, unknown>, key: string): string | null =>
  typeof d[key] === 'string' && d[key] !== '' ? (d[key] as string) : null;

/** The sentence for an event of the channel `channelId`. */
export function describeLiveEvent(e: LiveEventInput, channelId: string): string {
  const d = e.data ?? {};
  const who = e.userLogin ?? 'Someone';
  switch (e.type) {
    case 'channel.follow':
      return `${who} followed`;
    case 'channel.subscribe':
    case 'sub':
      return d.isGift === true ? `${who} got a gifted sub` : `${who} subscribed`;
    case 'channel.subscription.message':
    case 'resub': {
      const months = num(d, 'cumulativeMonths');
      return months ? `${who} resubscribed (${plural(months, 'month')})` : `${who} resubscribed`;
    }
    case 'channel.subscription.gift':
    case 'submysterygift': {
      const total = num(d, 'total') ?? num(d, 'massGiftCount');
      const giver = d.isAnonymous === true || d.anonGift === true ? 'An anonymous gifter' : who;
      return total ? `${giver} gifted ${plural(total, 'sub')}` : `${giver} gifted subs`;
    }
    case 'subgift': {
      const to = text(d, 'recipientLogin') ?? text(d, 'recipientDisplayName');
      return to ? `${who} gifted a sub to ${to}` : `${who} gifted a sub`;
    }
    case 'channel.cheer': {
      const bits = num(d, 'bits');
      const giver = d.isAnonymous === true ? 'Someone anonymous' : who;
      return bits === null ? `${giver} cheered` : `${giver} cheered ${plural(bits, 'bit')}`;
    }
    case 'channel.raid': {
      const viewers = num(d, 'viewers');
      const amount = viewers === null ? '' : ` with ${plural(viewers, 'viewer')}`;
      const incoming = text(d, 'toBroadcasterUserId') === channelId || text(d, 'fromBroadcasterUserId') !== channelId;
      if (incoming) return `${text(d, 'fromBroadcasterUserLogin') ?? who} raided you${amount}`;
      return `You raided ${text(d, 'toBroadcasterUserLogin') ?? who}${amount}`;
    }
    case 'raid': {
      const viewers = num(d, 'viewerCount');
      return `${who} raided you${viewers === null ? '' : ` with ${plural(viewers, 'viewer')}`}`;
    }
    case 'channel.hype_train.begin':
    case 'channel.hype_train.progress': {
      const level = num(d, 'level');
      const progress = num(d, 'progress');
      const goal = num(d, 'goal');
      const toNext =
        progress !== null && goal ? ` (${Math.min(100, Math.round((progress / goal) * 100))}% to the next)` : '';
      const phase = e.type.endsWith('begin') ? 'Hype train started' : 'Hype train';
      return `${phase}${level ? ` at level ${level}` : ''}${toNext}`;
    }
    case 'channel.hype_train.end': {
      const level = num(d, 'level');
      return `Hype train ended${level ? ` at level ${level}` : ''}`;
    }
    case 'channel.ad_break.begin': {
      const seconds = num(d, 'durationSeconds') ?? num(d, 'duration');
      return seconds ? `Ad break of ${plural(seconds, 'second')}` : 'Ad break';
    }
    case 'ban':
      return `${who} was banned`;
    case 'timeout':
      return `${who} was timed out`;
    case 'delete':
      return `A message by ${who} was deleted`;
    case 'announcement':
      return `Announcement by ${who}`;
    case 'stream.change':
    case 'channel.update': {
      const game = text(d, 'gameName') ?? text(d, 'categoryName');
      const title = text(d, 'title');
      return game && game !== text(d, 'previousGameName')
        ? `Category → ${game}`
        : title
          ? `Title → "${title}"`
          : 'Stream info changed';
    }
    case 'stream.online':
      return 'The stream went live';
    case 'stream.offline':
      return 'The stream ended';
    default: {
      // An event type without its own sentence: its name in words, and who when Twitch says.
      const what = e.type.replace(/^channel\./, '').replace(/[._]/g, ' ');
      return e.userLogin ? `${e.userLogin}: ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
    }
  }
}
