// Holds the import rules of docs/architecture.md: reads every import, export-from and dynamic import() of every
// file under src/ (with the TypeScript parser, so comments and strings never count) and names each file → import
// that breaks a rule.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** One import of one file: what it wrote, and what it reaches (a repo path like `src/sim/index.ts`, or a package). */
interface Edge {
  file: string;
  specifier: string;
  target: { kind: 'file'; path: string } | { kind: 'package'; name: string } | { kind: 'computed' };
}

interface Rule {
  id: string;
  says: string;
  /** Whether `edge` breaks the rule. */
  breaks(edge: Edge): boolean;
}

/**
 * Imports that break a rule today and are being removed. The lead empties this list; an entry that no longer
 * matches an import fails the test too, so it cannot outlive its fix.
 */
const knownViolations: { rule: string; file: string; specifier: string; why: string }[] = [];

function listSourceFiles(dir: string): string[] {
  return readdirSync(posix.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(path);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

function readEdges(file: string): Edge[] {
  const text = readFileSync(posix.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (node: ts.Expression | undefined) => {
    if (node === undefined) return;
    if (!ts.isStringLiteralLike(node)) {
      edges.push({ file, specifier: node.getText(source), target: { kind: 'computed' } });
      return;
    }
    const specifier = node.text;
    edges.push({
      file,
      specifier,
      target: specifier.startsWith('.')
        ? { kind: 'file', path: posix.normalize(posix.join(posix.dirname(file), specifier)) }
        : { kind: 'package', name: toPackageName(specifier) },
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal as ts.Expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** `pg-copy-streams` → `pg-copy-streams`, `pg/lib/x` → `pg`, `@hono/node-server/x` → `@hono/node-server`. */
function toPackageName(specifier: string): string {
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Tests beside their code: exempt from the rules about who may import what (what they share lives in test/support/). */
function isTestCode(file: string): boolean {
  return /\.test\.tsx?$/.test(posix.basename(file));
}

const under = (folder: string) => (path: string) => path === folder || path.startsWith(`${folder}/`);
const reaches = (edge: Edge, ...folders: string[]) => {
  const { target } = edge;
  return target.kind === 'file' && folders.some((folder) => under(folder)(target.path));
};
const databaseDrivers = new Set(['better-sqlite3', 'pg', 'pg-copy-streams']);

const rules: Rule[] = [
  {
    id: 'a',
    says: 'analytics/ never imports twitch/, web/, cli/, sim/ or agent/',
    breaks: (edge) =>
      under('src/analytics')(edge.file) && reaches(edge, 'src/twitch', 'src/web', 'src/cli', 'src/sim', 'src/agent'),
  },
  {
    id: 'b1',
    says: 'only store/<backend>/ imports a database driver (better-sqlite3, pg, pg-copy-streams)',
    breaks: (edge) =>
      edge.target.kind === 'package' &&
      databaseDrivers.has(edge.target.name) &&
      !/^src\/store\/[^/]+\//.test(edge.file),
  },
  {
    id: 'b2',
    says: 'outside store/, a backend is reached through the Store interface and store/open-store.ts, never store/<backend>/',
    breaks: (edge) =>
      !under('src/store')(edge.file) &&
      !isTestCode(edge.file) &&
      reaches(edge, 'src/store/sqlite', 'src/store/postgres'),
  },
  {
    id: 'c',
    says: 'only the demo and sim commands (cli/commands/demo*.ts, sim*.ts) import the simulator, through sim/index.ts',
    breaks: (edge) => {
      if (under('src/sim')(edge.file) || isTestCode(edge.file) || !reaches(edge, 'src/sim')) return false;
      const command = /^src\/cli\/commands\/(demo|sim)[^/]*\.ts$/.test(edge.file);
      return !command || (edge.target.kind === 'file' && edge.target.path !== 'src/sim/index.ts');
    },
  },
  {
    id: 'd',
    says: 'domain.ts imports nothing',
    breaks: (edge) => edge.file === 'src/domain.ts',
  },
  {
    id: 'e',
    says: 'nothing imports web/ or cli/ except cli/ itself, web/ itself and main.ts',
    breaks: (edge) => {
      if (isTestCode(edge.file) || edge.file === 'src/main.ts' || under('src/cli')(edge.file)) return false;
      if (reaches(edge, 'src/cli')) return true;
      return reaches(edge, 'src/web') && !under('src/web')(edge.file);
    },
  },
  {
    id: 'f',
    says: 'twitch/ never imports analytics/, agent/ or web/',
    breaks: (edge) => under('src/twitch')(edge.file) && reaches(edge, 'src/analytics', 'src/agent', 'src/web'),
  },
  {
    id: 'h',
    says: 'only tests import test/ (test support and fixtures never ship in src/ code)',
    breaks: (edge) => !isTestCode(edge.file) && reaches(edge, 'test'),
  },
  {
    id: 'g',
    says: 'every import names its module in the source (a computed import() cannot be checked)',
    breaks: (edge) =>
      edge.target.kind === 'computed' &&
      // Optional whisper bindings, loaded by package name only when configured.
      edge.file !== 'src/transcribe/engines/whisper-engine.ts',
  },
];

const files = listSourceFiles('src');
const edges = files.flatMap(readEdges);
const isKnown = (rule: Rule, edge: Edge) =>
  knownViolations.some((v) => v.rule === rule.id && v.file === edge.file && v.specifier === edge.specifier);
const toLine = (edge: Edge) =>
  `${edge.file} → ${edge.specifier}${edge.target.kind === 'file' && !edge.specifier.endsWith(edge.target.path) ? ` (${edge.target.path})` : ''}`;

test('the rules read a real import graph', () => {
  assert.ok(files.length > 200, `only ${files.length} files under src/`);
  const resolved = edges.filter((e) => e.target.kind === 'file');
  assert.ok(resolved.length > 500, `only ${resolved.length} relative imports found`);
  assert.ok(edges.some((e) => e.file === 'src/cli/commands/sim.ts' && e.specifier.endsWith('sim/index.ts')));
});

for (const rule of rules) {
  test(`import rule (${rule.id}): ${rule.says}`, () => {
    const broken = edges.filter((edge) => rule.breaks(edge) && !isKnown(rule, edge));
    assert.equal(
      broken.length,
      0,
      `import rule (${rule.id}) "${rule.says}" is broken by:\n${broken.map((e) => `  ${toLine(e)}`).join('\n')}\n` +
        'Move the code to the layer allowed to import it (docs/architecture.md, "Folders").',
    );
  });
}

test('every known violation still happens (remove the entry once its import is gone)', () => {
  const stale = knownViolations.filter(
    (v) =>
      !edges.some(
        (e) => e.file === v.file && e.specifier === v.specifier && rules.find((r) => r.id === v.rule)?.breaks(e),
      ),
  );
  assert.deepEqual(stale, [], 'these allow-list entries no longer match an import that breaks their rule');
});
