// Citations of an answer: the stream links written in it (`[1:20:05](/streams/<id>?t=4805000)`) first, then
// the streams the tool results it used were about, each once.

import type { Citation } from './types.ts';

const linkPattern = /\[([^\]\n]{1,200})\]\(\/streams\/([A-Za-z0-9_.:-]{1,100})(?:\?t=(\d{1,12}))?\)/g;

/** The web UI route of a stream (and moment). */
export function toStreamHref(streamId: string, offsetMs: number | null): string {
  const path = `/streams/${encodeURIComponent(streamId)}`;
  return offsetMs === null ? path : `${path}?t=${Math.max(0, Math.round(offsetMs))}`;
}

/** Citations from the answer's links and from the StreamInfo objects in the tool results. */
export function extractCitations(answer: string, toolOutputs: readonly unknown[] = []): Citation[] {
  const out = new Map<string, Citation>();
  for (const match of answer.matchAll(linkPattern)) {
    const streamId = match[2]!;
    const offsetMs = match[3] === undefined ? null : Number(match[3]);
    const href = toStreamHref(streamId, offsetMs);
    if (!out.has(href)) out.set(href, { streamId, offsetMs, label: match[1]!, href });
  }
  const cited = new Set([...out.values()].map((c) => c.streamId));
  for (const output of toolOutputs) {
    for (const info of findStreamInfos(output)) {
      if (cited.has(info.id)) continue;
      cited.add(info.id);
      const date = new Date(info.startedAt).toISOString().slice(0, 10);
      const href = toStreamHref(info.id, null);
      out.set(href, { streamId: info.id, offsetMs: null, label: `${info.title} (${date})`, href });
    }
  }
  return [...out.values()];
}

interface StreamInfoLike {
  id: string;
  title: string;
  startedAt: number;
}

/** StreamInfo-shaped objects at the top of a result (`stream`, `a`, `b`, `streams[]`), not deep in lists. */
function findStreamInfos(output: unknown): StreamInfoLike[] {
  if (typeof output !== 'object' || output === null) return [];
  const record = output as Record<string, unknown>;
  const candidates = [record.stream, record.a, record.b];
  return candidates.filter(isStreamInfo);
}

function isStreamInfo(value: unknown): value is StreamInfoLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.title === 'string' && typeof v.startedAt === 'number';
}
