// The built-in analyst's view of the tools: a call that returns a tool's output or throws ToolFailure with
// the tool's error (or its no-data reason).

import type { AskSession } from '../run-ask.ts';
import type { ToolOutcome } from '../run-tool-call.ts';

/** Thrown inside a composer when a tool failed: the answer says so. */
export class ToolFailure extends Error {}

/** What a composer uses: calls a tool and returns its output or throws ToolFailure with the tool's error. */
export interface AnalystTools {
  call<T>(name: string, input: Record<string, unknown>): Promise<T>;
}

/** The tools as a composer sees them, over the session (so every call is reported and recorded). */
export function toAnalystTools(session: AskSession): AnalystTools {
  return {
    async call<T>(name: string, input: Record<string, unknown>): Promise<T> {
      const outcome: ToolOutcome = await session.callTool(name, input);
      if (outcome.error !== undefined) throw new ToolFailure(outcome.error);
      const output = outcome.output as { status?: string; reason?: string } | null;
      if (output?.status === 'no-data') throw new ToolFailure(output.reason ?? 'no data recorded');
      return outcome.output as T;
    },
  };
}
