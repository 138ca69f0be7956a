// Reads and validates scenario files: JSON in, a typed Scenario out, or a CONFIG_INVALID error that names
// every bad field by its path (e.g. `channels[0].streams[1].duration`).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { StreamlensError } from '../../errors.ts';
import { type Scenario, scenarioSchema } from './scenario-schema.ts';

/** The scenario shipped with streamlens (`scenarios/default.json`). */
export function defaultScenarioPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scenarios', 'default.json');
}

/** Reads a scenario file; throws CONFIG_INVALID naming the file and each bad field. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StreamlensError(
      'CONFIG_INVALID',
      `cannot read scenario file ${path}: ${(error as Error).message}`,
      'check the path given to --scenario',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StreamlensError('CONFIG_INVALID', `scenario ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScenario(value, path);
}

/** Validates a scenario value (already parsed JSON); `source` names it in errors. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(value);
  const problems = parsed.success ? findCrossFieldProblems(parsed.data) : parsed.error.issues.map(toProblem);
  if (problems.length > 0 || !parsed.success) {
    throw new StreamlensError(
      'CONFIG_INVALID',
      `invalid scenario ${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      'fix the fields named above (see docs/scenarios.md)',
    );
  }
  return parsed.data;
}

function toProblem(issue: z.core.$ZodIssue): string {
  return `${formatPath(issue.path) || '(top level)'}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function findCrossFieldProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const logins = new Set<string>();
  const ids = new Set<string>();
  scenario.channels.forEach((channel, i) => {
    if (logins.has(channel.login)) problems.push(`channels[${i}].login: "${channel.login}" appears twice`);
    if (ids.has(channel.id)) problems.push(`channels[${i}].id: "${channel.id}" appears twice`);
    logins.add(channel.login);
    ids.add(channel.id);
    const streams = [...channel.streams].sort((a, b) => a.at - b.at);
    for (let s = 1; s < streams.length; s++) {
      const prev = streams[s - 1]!;
      if (streams[s]!.at < prev.at + prev.duration)
        problems.push(`channels[${i}].streams: two streams overlap (a channel is live once at a time)`);
    }
    channel.streams.forEach((stream, s) => {
      for (const [name, list] of [
        ['changes', stream.changes],
        ['moments', stream.moments],
        ['events', stream.events],
        ['speech', stream.speech],
      ] as const) {
        list.forEach((item, k) => {
          if (item.at > stream.duration)
            problems.push(`channels[${i}].streams[${s}].${name}[${k}].at: after the stream's end`);
        });
      }
    });
  });
  return problems;
}
