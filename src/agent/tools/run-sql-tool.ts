// run_sql: read-only SQL for questions no other tool answers. The store refuses anything but a single read
// statement on a read-only connection, so a hostile instruction inside chat cannot write through it.

import { z } from 'zod';
import { describeSchema } from '../../store/describe-schema.ts';
import { type AgentTool, defineTool } from './define-tool.ts';

/** run_sql with the schema of the given dialect in its description. */
export function createRunSqlTool(dialect: 'sqlite' | 'postgres'): AgentTool {
  return defineTool({
    name: 'run_sql',
    description: `Run ONE read-only SELECT (no writes; at most 200 rows, 5 s). Prefer the other tools; use this for anything they do not cover.\n${describeSchema(dialect)}`,
    input: z.object({ sql: z.string().min(1).max(5000) }),
    async execute(input, ctx) {
      return ctx.store.queryReadOnly(input.sql, { rowLimit: 200, timeoutMs: 5000 });
    },
  });
}
