// Twitch multivariant ("master") playlists in both usher shapes: v1 (EXT-X-TWITCH-INFO + EXT-X-MEDIA groups)
// and v2 (EXT-X-SESSION-DATA + STABLE-VARIANT-ID / IVS-NAME), and the pick of the rendition to transcribe.

import { parseAttributeList } from './parse-attribute-list.ts';

/** One variant stream of a master playlist, with its URL resolved against the playlist's own URL. */
export interface Variant {
  /** audio_only, 160p30, 1080p60 (source)… — from IVS-NAME, STABLE-VARIANT-ID, the EXT-X-MEDIA NAME or VIDEO. */
  name: string;
  /** The group / stable id (`VIDEO=` or STABLE-VARIANT-ID), `audio_only` for the audio rendition. */
  groupId: string | undefined;
  bandwidth: number;
  codecs: string | undefined;
  url: string;
}

export interface MasterPlaylist {
  variants: Variant[];
  /** EXT-X-TWITCH-INFO attributes (v1) or EXT-X-SESSION-DATA values by DATA-ID (v2). */
  info: Record<string, string>;
}

/** Parses a master playlist; relative variant URLs are resolved against `baseUrl`. */
export function parseMasterPlaylist(text: string, baseUrl: string): MasterPlaylist {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const info: Record<string, string> = {};
  const mediaNames = new Map<string, string>();
  const variants: Variant[] = [];
  let pending: Record<string, string> | undefined;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-TWITCH-INFO:')) Object.assign(info, parseAttributeList(line.slice(19)));
    else if (line.startsWith('#EXT-X-SESSION-DATA:')) {
      const a = parseAttributeList(line.slice(20));
      if (a['DATA-ID'] !== undefined) info[a['DATA-ID']] = a.VALUE ?? '';
    } else if (line.startsWith('#EXT-X-MEDIA:')) {
      const a = parseAttributeList(line.slice(13));
      if (a['GROUP-ID'] !== undefined && a.NAME !== undefined) mediaNames.set(a['GROUP-ID'], a.NAME);
    } else if (line.startsWith('#EXT-X-STREAM-INF:')) pending = parseAttributeList(line.slice(18));
    else if (pending && line !== '' && !line.startsWith('#')) {
      const groupId = pending['STABLE-VARIANT-ID'] ?? pending.VIDEO;
      const name =
        pending['IVS-NAME'] ?? (groupId !== undefined ? (mediaNames.get(groupId) ?? groupId) : undefined) ?? line;
      variants.push({
        name,
        groupId,
        bandwidth: Number(pending.BANDWIDTH ?? 0),
        codecs: pending.CODECS,
        url: new URL(line, baseUrl).href,
      });
      pending = undefined;
    }
  }
  return { variants, info };
}

const videoCodec = /avc1|avc3|hev1|hvc1|av01|vp09/i;

/**
 * Picks the rendition to transcribe: the audio_only one (old VODs call it `audio`), else a variant without a
 * video codec, else the lowest bandwidth (ffmpeg then drops the video).
 */
export function pickAudioVariant(variants: readonly Variant[]): Variant | undefined {
  const isAudioName = (s: string | undefined) => s !== undefined && /^audio(_only| only)?$/i.test(s);
  return (
    variants.find((v) => isAudioName(v.groupId) || isAudioName(v.name)) ??
    variants.find((v) => v.codecs !== undefined && !videoCodec.test(v.codecs)) ??
    [...variants].sort((a, b) => a.bandwidth - b.bandwidth)[0]
  );
}
