// Twitch-shaped playlist text for the simulator: usher v1 and v2 masters and live media playlists with
// PROGRAM-DATE-TIME, stitched-ad blocks, prefetch hints and no ENDLIST.

/** A rendition as listed in a master playlist. */
export interface MasterVariant {
  name: string;
  bandwidth: number;
  codecs: string;
  resolution?: string;
  url: string;
}

/** Usher v1 (EXT-X-TWITCH-INFO + EXT-X-MEDIA) or v2 (EXT-X-SESSION-DATA + IVS-NAME) master playlist. */
export function toMasterPlaylist(version: 1 | 2, variants: readonly MasterVariant[], serverTimeMs: number): string {
  const serverTime = (serverTimeMs / 1000).toFixed(2);
  const out = ['#EXTM3U'];
  if (version === 1) {
    out.push(
      `#EXT-X-TWITCH-INFO:NODE="video-edge-sim.loopback",MANIFEST-NODE-TYPE="weaver_cluster",SUPPRESS="false",SERVER-TIME="${serverTime}",USER-IP="127.0.0.1",SERVING-ID="sim",CLUSTER="sim",BROADCAST-ID="1",STREAM-TIME="0.0",USER-COUNTRY="ZZ"`,
    );
    for (const v of variants) {
      out.push(`#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="${v.name}",NAME="${v.name}",AUTOSELECT=YES,DEFAULT=YES`);
      const res = v.resolution ? `,RESOLUTION=${v.resolution}` : '';
      out.push(`#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth}${res},CODECS="${v.codecs}",VIDEO="${v.name}"`, v.url);
    }
  } else {
    out.push('#EXT-X-SESSION-DATA:DATA-ID="NODE",VALUE="sim.j.cloudfront.hls.loopback"');
    out.push(`#EXT-X-SESSION-DATA:DATA-ID="SERVER-TIME",VALUE="${serverTime}"`);
    for (const v of variants) {
      const res = v.resolution ? `,RESOLUTION=${v.resolution}` : '';
      out.push(
        `#EXT-X-STREAM-INF:BANDWIDTH=${v.bandwidth}${res},CODECS="${v.codecs}",STABLE-VARIANT-ID="${v.name}",IVS-NAME="${v.name}",IVS-VARIANT-SOURCE="transcode"`,
        v.url,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** One segment of a live window. */
export interface LiveSegment {
  sequence: number;
  url: string;
  durationSec: number;
  programDateTime: number;
  isAd: boolean;
}

export interface MediaPlaylistOptions {
  segments: readonly LiveSegment[];
  mapUrl?: string;
  prefetchUrls: readonly string[];
  /** ffmpeg writes `+0000`, Twitch `Z`: the simulator serves one form per rendition. */
  pdtForm: 'Z' | '+0000';
}

/** A live media playlist window (no ENDLIST: Twitch streams just stop growing). */
export function toMediaPlaylist(options: MediaPlaylistOptions): string {
  const first = options.segments[0]?.sequence ?? 0;
  const out = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-TARGETDURATION:6', `#EXT-X-MEDIA-SEQUENCE:${first}`];
  out.push(`#EXT-X-TWITCH-LIVE-SEQUENCE:${first}`);
  if (options.mapUrl) out.push(`#EXT-X-MAP:URI="${options.mapUrl}"`);
  const pdt = (ms: number) => {
    const iso = new Date(ms).toISOString();
    return options.pdtForm === 'Z' ? iso : iso.replace('Z', '+0000');
  };
  let previousAd = false;
  options.segments.forEach((s, i) => {
    if (s.isAd && !previousAd) {
      const block = options.segments.slice(i).findIndex((x) => !x.isAd);
      const ads = block < 0 ? options.segments.slice(i) : options.segments.slice(i, i + block);
      const last = ads.at(-1) as LiveSegment;
      const duration = ((last.programDateTime - s.programDateTime) / 1000 + last.durationSec).toFixed(3);
      out.push(
        `#EXT-X-DATERANGE:ID="stitched-ad-${s.programDateTime}-${duration}",CLASS="twitch-stitched-ad",START-DATE="${pdt(s.programDateTime)}",DURATION=${duration},X-TV-TWITCH-AD-ROLL-TYPE="MIDROLL",X-TV-TWITCH-AD-POD-LENGTH="${ads.length}"`,
      );
    }
    if (i > 0 && s.isAd !== previousAd) out.push('#EXT-X-DISCONTINUITY');
    out.push(`#EXT-X-PROGRAM-DATE-TIME:${pdt(s.programDateTime)}`);
    out.push(`#EXTINF:${s.durationSec.toFixed(3)},${s.isAd ? 'Amazon|2474283100494' : 'live'}`, s.url);
    previousAd = s.isAd;
  });
  for (const url of options.prefetchUrls) out.push(`#EXT-X-TWITCH-PREFETCH:${url}`);
  return `${out.join('\n')}\n`;
}
