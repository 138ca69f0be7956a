// Turns the Store's portable SQL (`?` placeholders, SQLite-style case-preserving aliases) into PostgreSQL's
// dialect without touching string literals, quoted identifiers, dollar quotes or comments.

type TokenKind = 'code' | 'word' | 'param' | 'literal' | 'comment';

interface Token {
  kind: TokenKind;
  text: string;
}

const wordStart = /[A-Za-z_\u0080-\uffff]/;
const wordPart = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Splits SQL into tokens; literals, quoted identifiers and comments are kept whole and never rewritten. */
export function scanSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'") push('literal', endOfQuoted(sql, i, "'", isEscapeString(sql, i)));
    else if (c === '"') push('literal', endOfQuoted(sql, i, '"', false));
    else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? sql.length : nl);
    } else if (c === '/' && next === '*') push('comment', endOfBlockComment(sql, i));
    else if (c === '$' && /[A-Za-z_$]/.test(next ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        push('literal', close < 0 ? sql.length : close + tag[0].length);
      } else push('code', i + 1);
    } else if (c === '?') push('param', i + 1);
    else if (wordStart.test(c)) {
      let end = i + 1;
      while (end < sql.length && wordPart.test(sql[end]!)) end++;
      push('word', end);
    } else push('code', i + 1);
  }
  return tokens;
}

/**
 * `?` → `$1, $2, …`. Mixed-case aliases (`AS firstSeen`) are double-quoted everywhere they appear, so rows
 * carry the same keys as SQLite's (PostgreSQL would fold them to `firstseen`).
 */
export function toPositionalSql(sql: string): string {
  const tokens = scanSql(sql);
  const aliases = new Set<string>();
  let previousWord = '';
  for (const t of tokens) {
    if (t.kind === 'word') {
      if (previousWord.toUpperCase() === 'AS' && /[a-z]/.test(t.text) && /[A-Z]/.test(t.text)) aliases.add(t.text);
      previousWord = t.text;
    } else if (t.kind !== 'comment' && t.text.trim() !== '') previousWord = '';
  }
  let n = 0;
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'param') out += `$${++n}`;
    else if (t.kind === 'word' && aliases.has(t.text)) out += `"${t.text}"`;
    else out += t.text;
  }
  return out;
}

/** The first keyword of a statement, upper-cased, skipping comments and opening parentheses ('' when none). */
export function readFirstKeyword(sql: string): string {
  for (const t of scanSql(sql)) {
    if (t.kind === 'word') return t.text.toUpperCase();
    if (t.kind === 'comment' || t.text.trim() === '' || t.text === '(') continue;
    return t.text;
  }
  return '';
}

function isEscapeString(sql: string, quote: number): boolean {
  const prefix = sql[quote - 1];
  return (prefix === 'E' || prefix === 'e') && !wordPart.test(sql[quote - 2] ?? ' ');
}

function endOfQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}
