// The built-in analyst's router: maps a question in plain English to one kind of answer with its stream and
// moment, by keywords — deterministic, no model involved.

/** Which stream a question is about. */
export type StreamPick = { ref: string } | { day: string };

export type Intent =
  | { kind: 'summary'; stream: StreamPick }
  | { kind: 'best-time' }
  | { kind: 'best-category' }
  | { kind: 'viewer-drop'; stream: StreamPick; offsetMs: number | null }
  | { kind: 'top-chatters'; order: 'messages' | 'streams' }
  | { kind: 'highlights'; stream: StreamPick }
  | { kind: 'trends' }
  | { kind: 'compare'; a: StreamPick; b: StreamPick }
  | { kind: 'help' };

/** The intent of a question; `help` when none of the known kinds fits. */
export function routeQuestion(question: string, now = Date.now()): Intent {
  const q = question.toLowerCase();
  const stream = toStreamPick(q, now);
  if (/\bcompare|\bvs\.?\s|versus|differ|than (the |my )?(last|previous)/.test(q))
    return { kind: 'compare', a: { ref: 'previous' }, b: stream };
  const offsetMs = toOffsetInQuestion(q);
  if (
    /\b(drop|dropp|dipp?|lose|losing|lost|leav|left|fell|fall|declin|went down)/.test(q) &&
    /viewer|audience|people|watch|view/.test(q)
  )
    return { kind: 'viewer-drop', stream, offsetMs };
  if (
    /(best|good|optimal|ideal|right|better) (time|day|hour|slot|schedule)|when (should|to|do) i stream|what time|which (day|time|hour)/.test(
      q,
    )
  )
    return { kind: 'best-time' };
  if (/categor|game/.test(q) && /best|which|most|perform|better|worse|should/.test(q)) return { kind: 'best-category' };
  if (
    /chatter|regulars|loyal|fans|community|who (chat|talk)/.test(q) &&
    /top|loyal|most|active|best|regular|biggest|who/.test(q)
  )
    return { kind: 'top-chatters', order: /loyal|regular|most streams/.test(q) ? 'streams' : 'messages' };
  if (/highlight|clip|best moment|funn|hype|moments?\b|pog/.test(q)) return { kind: 'highlights', stream };
  if (/grow|growth|trend|over time|week by week|weekly|progress|improv/.test(q)) return { kind: 'trends' };
  if (
    /summar|how did|how was|how'd|recap|stats|overview|report|went|tell me about/.test(q) ||
    /\b(last|latest|yesterday)/.test(q)
  )
    return { kind: 'summary', stream };
  return { kind: 'help' };
}

/** The stream named in a question: an explicit id, a date, yesterday, previous, else the latest. */
function toStreamPick(q: string, now: number): StreamPick {
  const date = q.match(/\b(\d{4}-\d{2}-\d{2})\b/);
  if (date) return { day: date[1]! };
  if (/yesterday/.test(q)) return { day: new Date(now - 86_400_000).toISOString().slice(0, 10) };
  const id = q.match(/\bstream (?:id )?["'`]?([a-z0-9]*[\d_-][a-z0-9_-]*)/);
  if (id) return { ref: id[1]! };
  if (/previous|before last|the one before/.test(q)) return { ref: 'previous' };
  return { ref: 'latest' };
}

/** A moment in a question: "1:20" (h:mm), "1:20:05", "80 minutes", "minute 80", "1h20m", "1 hour 20". */
export function toOffsetInQuestion(q: string): number | null {
  const clock = q.match(/\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b/);
  if (clock) return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3] ?? 0)) * 1000;
  const hm = q.match(/\b(\d{1,2})\s*h(?:ours?|rs?)?\s*(?:and\s*)?(\d{1,2})?\s*(?:m|min|mins|minutes?)?\b/);
  if (hm && /\d\s*h/.test(hm[0])) return (Number(hm[1]) * 60 + Number(hm[2] ?? 0)) * 60_000;
  const minutes = q.match(/\b(\d{1,3})\s*(?:m|min|mins|minutes?)\b/) ?? q.match(/\bminute\s*(\d{1,3})\b/);
  if (minutes) return Number(minutes[1]) * 60_000;
  return null;
}
