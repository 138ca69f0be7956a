// TwitchDownloader's chat JSON (`TwitchDownloaderCLI chatdownload -o chat.json`; its ChatRoot: FileInfo,
// streamer {name, id}, video {id, title, created_at, start, end, length}, comments[], embeddedData), read as a
// stream (scan-json-root.ts): `streamer` and `video` are parsed whole, each comment on its own as soon as it ends,
// and everything else (the embedded images, often most of the file) is skipped. Memory stays one comment deep.

import type { Badge, EmoteRange } from '../../domain.ts';
import { countCodePoints } from '../../twitch/irc/parse-emote-ranges.ts';
import type { LineResult } from './plain-chat-line.ts';
import { scanJsonRoot } from './scan-json-root.ts';

export interface TwitchDownloaderVideo {
  id: string | null;
  title: string;
  /** When the VOD (the broadcast) started. */
  startedAt: number;
  /** The VOD's length in ms, when the file gives it. */
  lengthMs: number | null;
}

export type TwitchDownloaderItem =
  | { kind: 'streamer'; login: string; id: string }
  | { kind: 'video'; video: TwitchDownloaderVideo }
  | { kind: 'comment'; result: LineResult };

/** Yields the streamer, the video and each comment of a TwitchDownloader JSON byte stream. */
export async function* readTwitchDownloaderJson(bytes: AsyncIterable<Buffer>): AsyncGenerator<TwitchDownloaderItem> {
  let streamer: { login: string; id: string } | undefined;
  for await (const { key, value } of scanJsonRoot(bytes, { objects: ['streamer', 'video'], arrays: ['comments'] })) {
    if (key === 'streamer') {
      streamer = { login: String(value.name ?? '').toLowerCase(), id: String(value.id ?? '') };
      yield { kind: 'streamer', ...streamer };
    } else if (key === 'video') {
      const video = toVideo(value);
      if (video) yield { kind: 'video', video };
    } else {
      yield { kind: 'comment', result: toCommentLine(value, streamer) };
    }
  }
}

function toVideo(v: Record<string, unknown>): TwitchDownloaderVideo | undefined {
  const startedAt = typeof v.created_at === 'string' ? Date.parse(v.created_at) : Number.NaN;
  if (!Number.isFinite(startedAt)) return undefined;
  const length = typeof v.length === 'number' && v.length > 0 ? v.length : null;
  return {
    id: v.id === undefined || v.id === null ? null : String(v.id),
    title: typeof v.title === 'string' ? v.title : '',
    startedAt,
    lengthMs: length === null ? null : Math.round(length * 1000),
  };
}

interface Fragment {
  text?: string;
  emoticon?: { emoticon_id?: string } | null;
}

/** Emote ranges from the message's fragments: code points, end inclusive, as the IRC tags count them. */
function toEmotes(fragments: Fragment[] | undefined): EmoteRange[] {
  const emotes: EmoteRange[] = [];
  let at = 0;
  for (const f of fragments ?? []) {
    const n = countCodePoints(f.text ?? '');
    if (f.emoticon?.emoticon_id && n > 0)
      emotes.push({ id: String(f.emoticon.emoticon_id), start: at, end: at + n - 1 });
    at += n;
  }
  return emotes;
}

function toCommentLine(c: Record<string, unknown>, streamer: { login: string; id: string } | undefined): LineResult {
  const commenter = (c.commenter ?? {}) as Record<string, unknown>;
  const message = (c.message ?? {}) as Record<string, unknown>;
  const notice = (message.user_notice_params ?? {}) as Record<string, unknown>;
  if (typeof notice.msg_id === 'string' && notice.msg_id !== '') return { kind: 'skipped', reason: 'user notice' };
  const ts = typeof c.created_at === 'string' ? Date.parse(c.created_at) : Number.NaN;
  if (!Number.isFinite(ts)) return { kind: 'dropped', reason: 'bad created_at' };
  const login = typeof commenter.name === 'string' ? commenter.name.toLowerCase() : '';
  if (login === '') return { kind: 'dropped', reason: 'missing commenter' };
  const text = typeof message.body === 'string' ? message.body : '';
  if (text === '') return { kind: 'dropped', reason: 'empty message' };
  const channelId = c.channel_id === undefined || c.channel_id === null ? streamer?.id : String(c.channel_id);
  const badges: Badge[] = Array.isArray(message.user_badges)
    ? (message.user_badges as { _id?: unknown; version?: unknown }[]).map((b) => ({
        name: String(b._id ?? ''),
        version: String(b.version ?? ''),
      }))
    : [];
  return {
    kind: 'line',
    line: {
      channel: streamer?.login ?? '',
      channelId: channelId || undefined,
      ts,
      login,
      displayName: typeof commenter.display_name === 'string' ? commenter.display_name : undefined,
      userId: typeof commenter._id === 'string' && commenter._id !== '' ? commenter._id : undefined,
      id: typeof c._id === 'string' && c._id !== '' ? c._id : undefined,
      text,
      isAction: message.is_action === true,
      bits: typeof message.bits_spent === 'number' && message.bits_spent > 0 ? message.bits_spent : 0,
      color: typeof message.user_color === 'string' && message.user_color !== '' ? message.user_color : null,
      badges: badges.filter((b) => b.name !== ''),
      emotes: toEmotes(message.fragments as Fragment[] | undefined),
    },
  };
}
