// Converts simulator emissions into the domain records streamlens stores, the way the collectors would after
// parsing the wire: used by the history generator, which fills a demo database without any servers.

import type { ChannelEvent, ChatEvent, ChatMessage } from '../../domain.ts';
import { badgeTags } from '../irc/format-irc-line.ts';
import { channelOf, type SimChatLine, type SimEvent, toChatEventType } from '../timeline/sim-event.ts';

/** A ChatMessage for a simulated chat line. */
export function toChatMessage(line: SimChatLine): ChatMessage {
  const badges = badgeTags(line.chatter, line.channel).badges;
  return {
    id: line.id,
    channelId: line.channel.id,
    streamId: line.streamId,
    ts: line.ts,
    userId: line.chatter.id,
    userLogin: line.chatter.login,
    displayName: line.chatter.displayName,
    text: line.text,
    isAction: line.isAction,
    bits: line.bits,
    emotes: line.emotes.map((e) => ({ ...e })),
    badges: badges ? badges.split(',').map((b) => ({ name: b.split('/')[0]!, version: b.split('/')[1] ?? '' })) : [],
    firstMsg: line.firstMsg,
    returningChatter: line.returningChatter,
    replyParentId: line.replyTo?.id ?? null,
    replyParentUserLogin: line.replyTo?.chatter.login ?? null,
    sourceChannelId: null,
    color: line.chatter.color || null,
    deletedAt: null,
  };
}

/** A ChatEvent for a USERNOTICE, CLEARCHAT or CLEARMSG emission; null for anything else. */
export function toChatEvent(event: SimEvent): ChatEvent | null {
  const type = toChatEventType(event);
  if (type === null) return null;
  const base = { channelId: channelOf(event).id, ts: event.ts, type };
  switch (event.kind) {
    case 'usernotice':
      return {
        ...base,
        id: event.id,
        streamId: event.streamId,
        userId: event.chatter.id,
        userLogin: event.chatter.login,
        data: { systemMsg: event.systemMsg, text: event.text, ...event.params },
      };
    case 'clearchat':
      return {
        ...base,
        id: event.id,
        streamId: event.streamId,
        userId: event.target.id,
        userLogin: event.target.login,
        data: { durationSec: event.durationSec },
      };
    case 'clearmsg':
      return {
        ...base,
        id: event.id,
        streamId: event.streamId,
        userId: event.target.chatter.id,
        userLogin: event.target.chatter.login,
        data: { targetMsgId: event.target.id },
      };
    default:
      return null;
  }
}

/** A ChannelEvent for an EventSub emission; null for anything else. */
export function toChannelEvent(event: SimEvent): ChannelEvent | null {
  if (event.kind !== 'eventsub') return null;
  const e = event.event as {
    user_id?: string;
    user_login?: string;
    from_broadcaster_user_id?: string;
    from_broadcaster_user_login?: string;
  };
  return {
    id: event.id,
    channelId: event.channel.id,
    streamId: event.streamId,
    ts: event.ts,
    type: event.type,
    userId: e.user_id ?? e.from_broadcaster_user_id ?? null,
    userLogin: e.user_login ?? e.from_broadcaster_user_login ?? null,
    data: event.event,
  };
}
