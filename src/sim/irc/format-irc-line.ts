// Writes simulator emissions as Twitch IRC lines, tag for tag like the captured fixtures: IRCv3 tag escaping,
// alphabetical tags, code-point emote ranges, /me as CTCP ACTION, reply-parent-* and bits where they apply.

import type { Chatter, SimChannel } from '../scenario/build-world.ts';
import { formatEmotesTag } from '../timeline/compose-chat-line.ts';
import type { SimChatLine, SimEvent } from '../timeline/sim-event.ts';

/** Escapes a tag value per the IRCv3 message-tags table (`;` `space` `\` CR LF). */
export function escapeTagValue(value: string): string {
  return value.replace(/[\\; \r\n]/g, (c) => ({ '\\': '\\\\', ';': '\\:', ' ': '\\s', '\r': '\\r', '\n': '\\n' })[c]!);
}

/** `@a=1;b=2 ` with escaped values, in the given order. */
export function formatTags(tags: Record<string, string>): string {
  return `@${Object.entries(tags)
    .map(([k, v]) => `${k}=${escapeTagValue(v)}`)
    .join(';')} `;
}

function sorted(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The badge tags of a chatter in a channel. */
export function badgeTags(chatter: Chatter, channel: SimChannel): Record<string, string> {
  const badges: string[] = [];
  if (chatter.id === channel.id) badges.push('broadcaster/1');
  if (chatter.mod) badges.push('moderator/1');
  if (chatter.subMonths > 0) badges.push(`subscriber/${chatter.subMonths >= 12 ? 12 : chatter.subMonths >= 6 ? 6 : 0}`);
  return {
    'badge-info': chatter.subMonths > 0 ? `subscriber/${chatter.subMonths}` : '',
    badges: badges.join(','),
    color: chatter.color,
    'display-name': chatter.displayName,
    mod: chatter.mod ? '1' : '0',
    subscriber: chatter.subMonths > 0 ? '1' : '0',
    turbo: '0',
    'user-id': chatter.id,
    'user-type': chatter.mod ? 'mod' : '',
  };
}

function prefixOf(chatter: Chatter): string {
  return `:${chatter.login}!${chatter.login}@${chatter.login}.tmi.twitch.tv`;
}

/** A PRIVMSG line for a chat line. */
export function formatPrivmsg(line: SimChatLine): string {
  const tags: Record<string, string> = {
    ...badgeTags(line.chatter, line.channel),
    emotes: formatEmotesTag(line.emotes),
    'first-msg': line.firstMsg ? '1' : '0',
    flags: '',
    id: line.id,
    'returning-chatter': line.returningChatter ? '1' : '0',
    'room-id': line.channel.id,
    'tmi-sent-ts': String(line.ts),
  };
  if (line.bits > 0) tags.bits = String(line.bits);
  if (line.replyTo) {
    tags['reply-parent-display-name'] = line.replyTo.chatter.displayName;
    tags['reply-parent-msg-body'] = line.replyTo.text;
    tags['reply-parent-msg-id'] = line.replyTo.id;
    tags['reply-parent-user-id'] = line.replyTo.chatter.id;
    tags['reply-parent-user-login'] = line.replyTo.chatter.login;
  }
  const text = line.isAction ? `\u0001ACTION ${line.text}\u0001` : line.text;
  return `${formatTags(sorted(tags))}${prefixOf(line.chatter)} PRIVMSG #${line.channel.login} :${text}`;
}

/** The IRC line for an emission, or null when it only exists on EventSub. */
export function formatEventLine(event: SimEvent): string | null {
  const ts = String(event.ts);
  switch (event.kind) {
    case 'chat':
      return formatPrivmsg(event.line);
    case 'usernotice': {
      const tags = sorted({
        ...badgeTags(event.chatter, event.channel),
        emotes: '',
        flags: '',
        id: event.id,
        login: event.chatter.login,
        'msg-id': event.msgId,
        ...event.params,
        'room-id': event.channel.id,
        'system-msg': event.systemMsg,
        'tmi-sent-ts': ts,
      });
      const text = event.text === null ? '' : ` :${event.text}`;
      return `${formatTags(tags)}:tmi.twitch.tv USERNOTICE #${event.channel.login}${text}`;
    }
    case 'clearchat': {
      const tags: Record<string, string> =
        event.durationSec === null ? {} : { 'ban-duration': String(event.durationSec) };
      Object.assign(tags, { 'room-id': event.channel.id, 'target-user-id': event.target.id, 'tmi-sent-ts': ts });
      return `${formatTags(tags)}:tmi.twitch.tv CLEARCHAT #${event.channel.login} :${event.target.login}`;
    }
    case 'clearmsg': {
      const tags = {
        login: event.target.chatter.login,
        'room-id': event.channel.id,
        'target-msg-id': event.target.id,
        'tmi-sent-ts': ts,
      };
      return `${formatTags(tags)}:tmi.twitch.tv CLEARMSG #${event.channel.login} :${event.target.text}`;
    }
    default:
      return null;
  }
}

/** The ROOMSTATE sent right after a JOIN (full tag set, like `roomstate-full-on-join.txt`). */
export function formatRoomstate(channel: SimChannel): string {
  return `@emote-only=0;followers-only=-1;r9k=0;rituals=0;room-id=${channel.id};slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #${channel.login}`;
}
