// One scenario event (a sub, a raid, a hype train…) becomes what Twitch would really send for it: the IRC
// USERNOTICE/PRIVMSG/CLEARCHAT side and the EventSub notification side, shaped like the fixtures.

import type { EpochMs } from '../../domain.ts';
import { toRfc3339Nano } from '../eventsub/eventsub-time.ts';
import { hashSeed, type Random } from '../random.ts';
import type { Chatter, SimChannel, SimStream } from '../scenario/build-world.ts';
import type { ScenarioEvent } from '../scenario/scenario-schema.ts';
import { expandEngagementEvent } from './expand-engagement-event.ts';
import type { SimChatLine, SimEvent } from './sim-event.ts';

export interface EventContext {
  random: Random;
  channel: SimChannel;
  stream: SimStream;
  ts: EpochMs;
  /** Lines of this channel written recently, for deletions and timeouts. */
  recent: readonly SimChatLine[];
}

/** Expands one event into its IRC and EventSub emissions (some may be later than `ts`, e.g. a hype train's end). */
export function expandEvent(
  ctx: EventContext,
  event: Pick<ScenarioEvent, 'type' | 'amount' | 'channel' | 'duration'>,
): SimEvent[] {
  const { random, channel, stream, ts } = ctx;
  const base = { channel, streamId: stream.id };
  const user = pickChatter(random, channel);
  const who = userFields(user);
  const bc = broadcasterFields(channel);
  const es = (type: string, fields: Record<string, unknown>, at = ts, version = '1'): SimEvent => ({
    kind: 'eventsub',
    ts: at,
    id: random.uuid(),
    type,
    version,
    event: fields,
    ...base,
  });
  const notice = (
    msgId: string,
    chatter: Chatter,
    systemMsg: string,
    params: Record<string, string>,
    text: string | null = null,
  ): SimEvent => ({
    kind: 'usernotice',
    ts,
    id: random.uuid(),
    msgId,
    chatter,
    systemMsg,
    params,
    text,
    ...base,
  });
  const plan = { 'msg-param-sub-plan': '1000', 'msg-param-sub-plan-name': `Channel Subscription (${channel.login})` };
  switch (event.type) {
    case 'follow':
      return [es('channel.follow', { ...who, ...bc, followed_at: toRfc3339Nano(ts) }, ts, '2')];
    case 'sub':
      return [
        notice('sub', user, `${user.displayName} subscribed at Tier 1.`, {
          'msg-param-cumulative-months': '1',
          'msg-param-months': '0',
          'msg-param-multimonth-duration': '1',
          'msg-param-should-share-streak': '0',
          ...plan,
          'msg-param-was-gifted': 'false',
        }),
        es('channel.subscribe', { ...who, ...bc, tier: '1000', is_gift: false }),
      ];
    case 'resub': {
      const months = event.amount ?? random.int(2, 30);
      const text = random.pick(channel.chat.lines);
      return [
        notice(
          'resub',
          user,
          `${user.displayName} subscribed at Tier 1. They've subscribed for ${months} months, currently on a ${months} month streak!`,
          {
            'msg-param-cumulative-months': String(months),
            'msg-param-months': '0',
            'msg-param-should-share-streak': '1',
            'msg-param-streak-months': String(months),
            ...plan,
          },
          text,
        ),
        es('channel.subscription.message', {
          ...who,
          ...bc,
          tier: '1000',
          message: { text, emotes: [] },
          cumulative_months: months,
          streak_months: months,
          duration_months: 1,
        }),
      ];
    }
    case 'subgift':
    case 'submysterygift': {
      const count = event.type === 'subgift' ? 1 : (event.amount ?? 5);
      const originId = random.uuid();
      const out: SimEvent[] = [];
      if (event.type === 'submysterygift')
        out.push(
          notice(
            'submysterygift',
            user,
            `${user.displayName} is gifting ${count} Tier 1 Subs to ${channel.displayName}'s community!`,
            {
              'msg-param-mass-gift-count': String(count),
              'msg-param-origin-id': originId,
              'msg-param-sender-count': String(count),
              'msg-param-sub-plan': '1000',
            },
          ),
        );
      for (let i = 0; i < count; i++) {
        const recipient = pickChatter(random, channel);
        out.push(
          notice('subgift', user, `${user.displayName} gifted a Tier 1 sub to ${recipient.displayName}!`, {
            'msg-param-gift-months': '1',
            'msg-param-months': '1',
            'msg-param-origin-id': originId,
            'msg-param-recipient-display-name': recipient.displayName,
            'msg-param-recipient-id': recipient.id,
            'msg-param-recipient-user-name': recipient.login,
            'msg-param-sender-count': '0',
            ...plan,
          }),
          es('channel.subscribe', { ...userFields(recipient), ...bc, tier: '1000', is_gift: true }),
        );
      }
      out.push(
        es('channel.subscription.gift', {
          ...who,
          ...bc,
          total: count,
          tier: '1000',
          cumulative_total: null,
          is_anonymous: false,
        }),
      );
      return out;
    }
    case 'cheer': {
      const bits = event.amount ?? random.pick([1, 50, 100, 500]);
      const text = `Cheer${bits} ${random.pick(channel.chat.lines)}`;
      const line: SimChatLine = {
        id: random.uuid(),
        ts,
        channel,
        streamId: stream.id,
        chatter: user,
        text,
        isAction: false,
        bits,
        emotes: [],
        firstMsg: false,
        returningChatter: user.regular,
        question: false,
        replyTo: null,
      };
      return [
        { kind: 'chat', ts, line },
        es('channel.cheer', { is_anonymous: false, ...who, ...bc, message: text, bits }),
      ];
    }
    case 'raid-in':
    case 'raid-out': {
      const other = otherChannel(event.channel ?? random.pick(['raidbuddy', 'nightowl_tv', 'pixelpal']));
      const viewers = event.amount ?? random.int(5, 120);
      const from =
        event.type === 'raid-in' ? other : { id: channel.id, login: channel.login, name: channel.displayName };
      const to = event.type === 'raid-in' ? { id: channel.id, login: channel.login, name: channel.displayName } : other;
      const raid: SimEvent = {
        ...(es('channel.raid', {
          from_broadcaster_user_id: from.id,
          from_broadcaster_user_login: from.login,
          from_broadcaster_user_name: from.name,
          to_broadcaster_user_id: to.id,
          to_broadcaster_user_login: to.login,
          to_broadcaster_user_name: to.name,
          viewers,
        }) as Extract<SimEvent, { kind: 'eventsub' }>),
        raid: { fromId: from.id, toId: to.id },
      };
      if (event.type === 'raid-out') return [raid];
      const raider: Chatter = {
        id: other.id,
        login: other.login,
        displayName: other.name,
        color: '#FF69B4',
        regular: false,
        subMonths: 0,
        mod: false,
      };
      return [
        notice('raid', raider, `${viewers} raiders from ${other.name} have joined!`, {
          'msg-param-displayName': other.name,
          'msg-param-login': other.login,
          'msg-param-profileImageURL': `https://static-cdn.jtvnw.net/jtv_user_pictures/${other.login}-profile_image-%s.png`,
          'msg-param-viewerCount': String(viewers),
        }),
        raid,
      ];
    }
    case 'hype-train':
      return expandHypeTrain(ctx, event.amount ?? 3, event.duration ?? 300_000, es);
    case 'ad-break': {
      const seconds = Math.round((event.duration ?? 90_000) / 1000);
      return [
        es('channel.ad_break.begin', {
          duration_seconds: seconds,
          started_at: toRfc3339Nano(ts),
          is_automatic: false,
          ...bc,
          requester_user_id: channel.id,
          requester_user_login: channel.login,
          requester_user_name: channel.displayName,
        }),
      ];
    }
    case 'announcement':
      return [
        notice(
          'announcement',
          channel.broadcaster,
          '',
          { 'msg-param-color': 'PRIMARY' },
          'Thanks for hanging out, follow for the next stream!',
        ),
      ];
    case 'timeout':
    case 'ban': {
      const target = ctx.recent.at(-1)?.chatter ?? user;
      const durationSec = event.type === 'ban' ? null : Math.round((event.duration ?? 600_000) / 1000);
      return [{ kind: 'clearchat', ts, id: random.uuid(), target, durationSec, ...base }];
    }
    case 'delete': {
      const target = ctx.recent.at(-1);
      return target ? [{ kind: 'clearmsg', ts, id: random.uuid(), target, ...base }] : [];
    }
    case 'redemption':
    case 'poll':
    case 'prediction':
    case 'shoutout-out':
    case 'shoutout-in':
      return expandEngagementEvent(
        ctx,
        event.type,
        (type, fields, at) => es(type, fields, at),
        who,
        bc,
        event.duration ?? 120_000,
        otherChannel(event.channel ?? random.pick(['raidbuddy', 'nightowl_tv', 'pixelpal'])),
      );
  }
}

function expandHypeTrain(
  ctx: EventContext,
  levels: number,
  durationMs: number,
  es: (type: string, f: Record<string, unknown>, at?: EpochMs, v?: string) => SimEvent,
): SimEvent[] {
  const { random, channel, ts } = ctx;
  const id = random.uuid().replaceAll('-', '').slice(0, 27);
  const contributor = userFields(pickChatter(random, channel));
  const top = [{ ...contributor, type: 'bits', total: 500 }];
  const common = { id, ...broadcasterFields(channel), started_at: toRfc3339Nano(ts) };
  const out: SimEvent[] = [];
  const steps = Math.max(1, levels);
  for (let level = 1; level <= steps; level++) {
    const at = ts + Math.round(((level - 1) / steps) * durationMs);
    const fields = {
      ...common,
      total: level * 400,
      progress: 137 + level * 50,
      goal: 500 + level * 300,
      top_contributions: top,
      last_contribution: top[0],
      level,
      expires_at: toRfc3339Nano(at + 300_000),
      type: 'regular',
      is_shared_train: false,
      shared_train_participants: null,
    };
    out.push(es(level === 1 ? 'channel.hype_train.begin' : 'channel.hype_train.progress', fields, at));
  }
  out.push(
    es(
      'channel.hype_train.end',
      {
        ...common,
        level: steps,
        total: steps * 400,
        top_contributions: top,
        ended_at: toRfc3339Nano(ts + durationMs),
        cooldown_ends_at: toRfc3339Nano(ts + durationMs + 3_600_000),
        type: 'regular',
        is_shared_train: false,
      },
      ts + durationMs,
    ),
  );
  return out;
}

/** Picks a chatter: regulars and casuals in the channel's proportions. */
export function pickChatter(random: Random, channel: SimChannel): Chatter {
  const useRegular =
    channel.casuals.length === 0 || (channel.regulars.length > 0 && random.chance(channel.chat.regularShare));
  return useRegular
    ? random.pick(channel.regulars.length > 0 ? channel.regulars : [channel.broadcaster])
    : random.pick(channel.casuals);
}

function otherChannel(login: string): { id: string; login: string; name: string } {
  return { id: String(700_000_000 + (hashSeed('raid', login) % 100_000_000)), login, name: login };
}

function userFields(u: Chatter): Record<string, string> {
  return { user_id: u.id, user_login: u.login, user_name: u.displayName };
}

function broadcasterFields(c: SimChannel): Record<string, string> {
  return { broadcaster_user_id: c.id, broadcaster_user_login: c.login, broadcaster_user_name: c.displayName };
}
