// The shape every agent tool has: a name, a description written for the model, a zod input schema (sent as
// JSON schema) and a read-only `execute` over analytics or the store.

import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Store } from '../../store/store.ts';

/** What a tool may use: the store (read-only use only) and the config. */
export interface ToolContext {
  store: Store;
  config: Config;
  /** The channel the asker has in scope (a login): tools given no channel answer about it. */
  channel?: string;
}

export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  execute(input: z.output<S>, ctx: ToolContext): Promise<unknown>;
}

/** Declares a tool with its input type inferred from the schema. */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool {
  return tool as unknown as AgentTool;
}

/** The Chat Completions `tools` entry for a tool. */
export function toToolDefinition(tool: AgentTool): {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
} {
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>;
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters } };
}

/** `latest`, `previous` or a stream id (or an unambiguous id prefix). */
export const streamRef = z
  .string()
  .min(1)
  .max(100)
  .describe('a stream id, "latest" (the newest stream) or "previous" (the one before it)');

/** An offset from the stream start: milliseconds, or "h:mm:ss" / "h:mm" text. */
export const offsetInput = z
  .union([z.number().int().min(0), z.string().regex(/^\d{1,2}:\d{2}(:\d{2})?$/)])
  .describe('offset from the stream start: milliseconds, or "h:mm:ss" / "h:mm" (e.g. "1:20" = 80 minutes)');

/** Milliseconds for an `offsetInput` value ("1:20" is 1 h 20 min, "1:20:05" adds seconds). */
export function toOffsetMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const [h = 0, m = 0, s = 0] = value.split(':').map(Number);
  return ((h * 60 + m) * 60 + s) * 1000;
}

/** An optional channel login; tools default to the configured (or most recently live) channel. */
export const channelInput = z
  .string()
  .regex(/^[a-zA-Z0-9_]{1,25}$/)
  .optional()
  .describe('channel login; default: the main channel');

/** A point in time a tool takes: epoch ms, or an ISO date or date-time. */
export const dateInput = z
  .union([z.number().int(), z.string().datetime({ offset: true }), z.string().date()])
  .optional()
  .describe('epoch ms, or an ISO date/date-time (UTC)');

/** `dateInput` as epoch ms (a bare date is its UTC midnight). */
export function toEpoch(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}
