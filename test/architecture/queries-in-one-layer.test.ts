// Queries live in one layer: SQL is written in src/store/ and src/analytics/ only. Everything else asks an
// analytics question or calls a Store method (docs/architecture.md, "Folders").

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

/** Files outside the two layers that may hold SQL text, and why. */
const allowed: Record<string, string> = {
  'src/agent/eval/eval-sql.ts': "the evaluation's expected answers, computed apart from the tools it checks",
  'src/cli/commands/query.ts': "help text showing the user's own SQL for `streamlens query`",
};

/** A string literal that starts a SQL statement. */
const sqlText = /[`'"]\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|WITH\s+\w+\s+AS\s*\()/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

it('writes SQL only in src/store/ and src/analytics/', () => {
  const offenders = sourceFiles(src)
    .map((path) => relative(root, path))
    .filter((file) => !file.startsWith('src/store/') && !file.startsWith('src/analytics/') && !(file in allowed))
    .filter((file) => sqlText.test(readFileSync(join(root, file), 'utf8')));
  assert.deepEqual(offenders, []);
});

it('the SQL rule sees a query where one is written', () => {
  assert.match("store.all('SELECT id FROM streams')", sqlText);
  assert.match('`\n  DELETE FROM chat_minutes WHERE stream_id = ?`', sqlText);
  assert.doesNotMatch("new Set(['POST', 'PUT', 'PATCH', 'DELETE'])", sqlText);
  assert.doesNotMatch("'Run ONE read-only SELECT (no writes)'", sqlText);
});
