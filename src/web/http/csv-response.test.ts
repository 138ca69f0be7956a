import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from '../../../test/support/parse-csv.ts';
import { csvResponse, toCsvField, toCsvLine } from './csv-response.ts';

describe('toCsvField', () => {
  it('quotes per RFC 4180 only when needed, doubling quotes', () => {
    assert.equal(toCsvField('plain'), 'plain');
    assert.equal(toCsvField('a,b'), '"a,b"');
    assert.equal(toCsvField('say "hi"'), '"say ""hi"""');
    assert.equal(toCsvField('two\nlines'), '"two\nlines"');
    assert.equal(toCsvField('cr\rhere'), '"cr\rhere"');
    assert.equal(toCsvField(null), '');
    assert.equal(toCsvField(undefined), '');
    assert.equal(toCsvField(42.5), '42.5');
    assert.equal(toCsvField(Number.NaN), '');
    assert.equal(toCsvField(true), 'true');
    assert.equal(toCsvLine(['a', 1, null]), 'a,1,\r\n');
  });

  it("defuses spreadsheet formulas: text starting with = + - @ tab or CR gets a leading '", () => {
    assert.equal(toCsvField('=HYPERLINK("http://evil","x")'), '"\'=HYPERLINK(""http://evil"",""x"")"');
    assert.equal(toCsvField('+1+1'), "'+1+1");
    assert.equal(toCsvField('-2+3'), "'-2+3");
    assert.equal(toCsvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(toCsvField('\tcmd'), "'\tcmd");
    assert.equal(toCsvField('\rcmd'), '"\'\rcmd"');
    assert.equal(toCsvField(-5), '-5', 'numbers are numbers');
    assert.equal(toCsvField('a=b'), 'a=b', 'only a leading character counts');
  });
});

describe('csvResponse', () => {
  it('streams the header and every page, and parses back to the same cells', async () => {
    async function* pages() {
      yield [['x,1', 'a "q"']];
      yield [['=cmd', 'line\nbreak']];
    }
    const response = await csvResponse('my file.csv', ['a', 'b'], pages(), () => {});
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="my_file.csv"');
    const text = await response.text();
    assert.ok(text.endsWith('\r\n'));
    assert.deepEqual(parseCsv(text), [
      ['a', 'b'],
      ['x,1', 'a "q"'],
      ["'=cmd", 'line\nbreak'],
    ]);
  });

  it('a failing first page is an error before any byte is sent', async () => {
    const pages: AsyncIterable<string[][]> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('database gone')) }),
    };
    await assert.rejects(
      csvResponse('x.csv', ['a'], pages, () => {}),
      /database gone/,
    );
  });
});
