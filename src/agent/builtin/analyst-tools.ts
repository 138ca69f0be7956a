// The built-in analyst's view of the tools: a call that returns a tool's output or throws ToolFailure with
// the tool's error (or its no-data reason), and resolution of "yesterday"-style stream picks.

import type { AskSession } from '../run-ask.ts';
import type { ToolOutcome } from '../run-tool-call.ts';
import type { StreamPick } from './route-question.ts';

/** Thrown inside a composer when a tool failed: the answer becomes its message. */
export class ToolFailure extends Error {}

/** What a composer uses: calls a tool and returns its output or throws ToolFailure with the tool's error. */
export interface AnalystTools {
  call<T>(name: string, input: Record<string, unknown>): Promise<T>;
  /** The stream ref for a pick (resolving a day through list_streams); null when no stream that day. */
  resolvePick(pick: StreamPick): Promise<string | null>;
  /** The zone the asker reads times in. */
  timeZone: string;
}

/** The tools as a composer sees them, over the session (so every call is reported and recorded). */
export function toAnalystTools(session: AskSession): AnalystTools {
  const call = async <T>(name: string, input: Record<string, unknown>): Promise<T> => {
    const outcome: ToolOutcome = await session.callTool(name, input);
    if (outcome.error !== undefined) throw new ToolFailure(outcome.error);
    const output = outcome.output as { status?: string; reason?: string } | null;
    if (output?.status === 'no-data') throw new ToolFailure(output.reason ?? 'no data recorded');
    return outcome.output as T;
  };
  return {
    call,
    timeZone: session.timeZone,
    async resolvePick(pick) {
      if ('ref' in pick) return pick.ref;
      const from = `${pick.day}T00:00:00Z`;
      const to = new Date(Date.parse(from) + 86_400_000).toISOString();
      const { streams } = await call<{ streams: { id: string }[] }>('list_streams', {
        from,
        to,
        sort: 'oldest',
        limit: 5,
      });
      return streams[0]?.id ?? null;
    },
  };
}
