// Live media playlists as Twitch serves them: fMP4 (EXT-X-MAP) or MPEG-TS segments, PROGRAM-DATE-TIME per
// segment, DISCONTINUITY, stitched ads (DATERANGE CLASS twitch-stitched-ad or `Amazon` titles), prefetch hints.

import { parseAttributeList, parseProgramDateTime } from './parse-attribute-list.ts';

/** One media segment of a playlist. */
export interface MediaSegment {
  sequence: number;
  url: string;
  /** EXTINF seconds (rounded by the packager: never sum these across many segments for wall time). */
  durationSec: number;
  title: string;
  /** Wall clock of the segment's first sample, when the playlist carries PROGRAM-DATE-TIME. */
  programDateTime: number | undefined;
  /** Preceded by EXT-X-DISCONTINUITY. */
  discontinuity: boolean;
  /** A stitched ad (Amazon title, or inside a twitch-stitched-ad DATERANGE). */
  isAd: boolean;
  /** The EXT-X-MAP init segment in force for this segment (fMP4), resolved. */
  mapUrl: string | undefined;
}

export interface MediaPlaylist {
  mediaSequence: number;
  targetDurationSec: number;
  segments: MediaSegment[];
  /** EXT-X-ENDLIST seen (VODs; live Twitch streams usually just stop growing). */
  ended: boolean;
}

// DURATION and EXTINF are rounded: a segment starting within this of an ad's end is not part of it.
const roundingMs = 50;

interface AdRange {
  start: number;
  end: number;
}

/** Parses a media playlist; EXT-X-TWITCH-PREFETCH hints are ignored (they are not segments yet). */
export function parseMediaPlaylist(text: string, baseUrl: string): MediaPlaylist {
  let mediaSequence = 0;
  let targetDurationSec = 2;
  let ended = false;
  let mapUrl: string | undefined;
  const ads: AdRange[] = [];
  const segments: MediaSegment[] = [];
  let cur: Partial<MediaSegment> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) mediaSequence = Number(line.slice(22)) || 0;
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) targetDurationSec = Number(line.slice(22)) || 2;
    else if (line.startsWith('#EXT-X-ENDLIST')) ended = true;
    else if (line.startsWith('#EXT-X-MAP:')) {
      const uri = parseAttributeList(line.slice(11)).URI;
      mapUrl = uri === undefined ? undefined : new URL(uri, baseUrl).href;
    } else if (line.startsWith('#EXTINF:')) {
      const body = line.slice(8);
      const comma = body.indexOf(',');
      cur.durationSec = Number(comma < 0 ? body : body.slice(0, comma)) || 0;
      cur.title = comma < 0 ? '' : body.slice(comma + 1);
    } else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) cur.programDateTime = parseProgramDateTime(line.slice(25));
    else if (line.startsWith('#EXT-X-DISCONTINUITY') && !line.startsWith('#EXT-X-DISCONTINUITY-SEQUENCE'))
      cur.discontinuity = true;
    else if (line.startsWith('#EXT-X-DATERANGE:')) {
      const range = toAdRange(parseAttributeList(line.slice(17)));
      if (range) ads.push(range);
    } else if (!line.startsWith('#')) {
      segments.push({
        sequence: mediaSequence + segments.length,
        url: new URL(line, baseUrl).href,
        durationSec: cur.durationSec ?? 0,
        title: cur.title ?? '',
        programDateTime: cur.programDateTime,
        discontinuity: cur.discontinuity ?? false,
        isAd: false,
        mapUrl,
      });
      cur = {};
    }
  }
  fillMissingProgramDateTimes(segments);
  for (const s of segments) {
    const pdt = s.programDateTime;
    s.isAd =
      s.title.includes('Amazon') || (pdt !== undefined && ads.some((a) => pdt >= a.start && pdt < a.end - roundingMs));
  }
  return { mediaSequence, targetDurationSec, segments, ended };
}

function toAdRange(a: Record<string, string>): AdRange | undefined {
  const isAd = a.CLASS === 'twitch-stitched-ad' || (a.ID ?? '').startsWith('stitched-ad-');
  const start = a['START-DATE'] === undefined ? undefined : parseProgramDateTime(a['START-DATE']);
  if (!isAd || start === undefined) return undefined;
  const end = a['END-DATE'] !== undefined ? parseProgramDateTime(a['END-DATE']) : undefined;
  return { start, end: end ?? start + 1000 * (Number(a.DURATION) || 0) };
}

// A segment without its own PDT continues the previous one (HLS spec); only forward, never across the first.
function fillMissingProgramDateTimes(segments: MediaSegment[]): void {
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1] as MediaSegment;
    const s = segments[i] as MediaSegment;
    if (s.programDateTime === undefined && prev.programDateTime !== undefined && !s.discontinuity)
      s.programDateTime = prev.programDateTime + Math.round(prev.durationSec * 1000);
  }
}
