import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readFirstKeyword, toPositionalSql } from './to-positional-sql.ts';

it('numbers ? placeholders in order', () => {
  assert.equal(
    toPositionalSql('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?'),
    'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4',
  );
});

it('leaves ? inside literals, quoted identifiers, dollar quotes and comments alone', () => {
  const sql = `SELECT '?', 'it''s ?', E'\\'?', "col?", $$?$$, $x$ ? $x$ -- ?\nFROM t /* ? /* ? */ ? */ WHERE a = ?`;
  assert.equal(
    toPositionalSql(sql),
    `SELECT '?', 'it''s ?', E'\\'?', "col?", $$?$$, $x$ ? $x$ -- ?\nFROM t /* ? /* ? */ ? */ WHERE a = $1`,
  );
});

it('quotes mixed-case aliases wherever they appear so row keys keep their case', () => {
  assert.equal(
    toPositionalSql('SELECT from_ts AS fromTs, COUNT(*) AS n FROM t ORDER BY fromTs'),
    'SELECT from_ts AS "fromTs", COUNT(*) AS n FROM t ORDER BY "fromTs"',
  );
  assert.equal(toPositionalSql("SELECT 'AS fooBar' AS x"), "SELECT 'AS fooBar' AS x");
});

it('reads the first keyword past comments and parentheses', () => {
  assert.equal(readFirstKeyword('  -- hi\n /* x */ (select 1)'), 'SELECT');
  assert.equal(readFirstKeyword('with x as (select 1) delete from t'), 'WITH');
  assert.equal(readFirstKeyword(';'), ';');
  assert.equal(readFirstKeyword(''), '');
});
