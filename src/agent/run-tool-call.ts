// Runs one tool call: looks the tool up, validates the input with its schema, executes it, and turns any
// failure into an error string the model (or the built-in analyst) can read — a tool never throws.

import { isStreamlensError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { AgentTool, ToolContext } from './tools/index.ts';

export type ToolOutcome = { output: unknown; error?: undefined } | { output: null; error: string };

/** The output of `name(input)`, or the error that prevented it. */
export async function runToolCall(
  tools: readonly AgentTool[],
  name: string,
  input: unknown,
  ctx: ToolContext,
  log: Logger,
): Promise<ToolOutcome> {
  const tool = tools.find((t) => t.name === name);
  if (!tool)
    return { output: null, error: `unknown tool "${name}"; available: ${tools.map((t) => t.name).join(', ')}` };
  const parsed = tool.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { output: null, error: `invalid input for ${name}: ${issues}` };
  }
  try {
    return { output: await tool.execute(parsed.data, ctx) };
  } catch (error) {
    if (isStreamlensError(error))
      return { output: null, error: error.hint ? `${error.message} (${error.hint})` : error.message };
    log.warn(`tool ${name} failed`, { error: (error as Error)?.message ?? String(error) });
    return { output: null, error: `${name} failed: ${(error as Error)?.message ?? String(error)}` };
  }
}
