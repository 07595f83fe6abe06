import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_MISSING_MARKERS, parseCsv } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

const fixture = (name: string): string => readFileSync(new URL(`../data/csv/${name}`, import.meta.url), 'utf8');

describe('parseCsv reads the layouts real files come in (each case a fixture in test/data/csv)', () => {
  it('quoted fields with separators, doubled quotes and line breaks inside', () => {
    const rows = parseCsv(fixture('quoted.csv'));
    expect(rows).toEqual([
      { id: 1, name: 'Smith, Anna', note: 'said "hi"', amount: 12.5 },
      { id: 2, name: 'Lee\nBo', note: 'plain', amount: 7 },
      { id: 3, name: null, note: null, amount: null },
    ]);
    expect(rows.report.types).toEqual({ id: 'number', name: 'string', note: 'string', amount: 'number' });
    expect(rows.report.missing).toEqual({ id: 0, name: 1, note: 1, amount: 1 });
  });

  it('a byte-order mark, CRLF and semicolons are detected; a decimal comma stays text', () => {
    const rows = parseCsv(fixture('bom-crlf-semicolon.csv'));
    expect(rows.report).toMatchObject({ delimiter: ';', newline: '\r\n', columns: ['customer', 'spend', 'city'] });
    expect(rows).toEqual([
      { customer: 1, spend: '12,5', city: 'Köln' },
      { customer: 2, spend: '7', city: 'Berlin' },
    ]);
  });

  it('tabs, lone CR line breaks and blank lines', () => {
    expect(parseCsv(fixture('tab.tsv'))).toEqual([
      { a: 1, b: 2, c: 'x y' },
      { a: 3, b: 4, c: 'z' },
    ]);
    const cr = parseCsv(fixture('cr-only.csv'));
    expect(cr.report.newline).toBe('\r');
    expect(cr).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
    expect(parseCsv(fixture('blank-lines.csv'))).toEqual([
      { id: 1, v: 2 },
      { id: 3, v: 4 },
    ]);
  });

  it('whitespace-aligned files such as CDNOW (runs of blanks, leading blanks, CRLF)', () => {
    const rows = parseCsv(fixture('whitespace.txt'));
    expect(rows.report.delimiter).toBe('whitespace');
    expect(rows.report.columns).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(rows[2]).toEqual({ customer_id: '00002', date: 19970112, number_of_cds: 5, dollar_value: 77 });
  });

  it('header: false with columns, and explicit types', () => {
    const columns = ['master', 'sample', 'date', 'cds', 'dollars'];
    const rows = parseCsv(fixture('no-header.txt'), {
      header: false,
      columns,
      delimiter: 'whitespace',
      types: { master: 'number', date: 'string' },
    });
    expect(rows).toEqual([
      { master: 4, sample: '0001', date: '19970101', cds: 2, dollars: 29.33 },
      { master: 4, sample: '0001', date: '19970118', cds: 2, dollars: 29.73 },
    ]);
    expectSegmentkitError(() => parseCsv(fixture('no-header.txt'), { header: false }), 'E_PARAM', /needs columns/);
    expectSegmentkitError(() => parseCsv(fixture('no-header.txt'), { columns }), 'E_PARAM', /header: false/);
  });

  it('missing markers become null; numbers around them stay numbers; a custom list replaces the default', () => {
    expect(DEFAULT_MISSING_MARKERS).toEqual(['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']);
    const rows = parseCsv(fixture('missing.csv'));
    expect(rows.map((r) => r.score)).toEqual([3.5, null, null, null, 1000, -0.25]);
    expect(rows.map((r) => r.label)).toEqual([null, null, null, null, null, 'ok']);
    const kept = parseCsv(fixture('missing.csv'), { missing: [''] });
    expect(kept.map((r) => r.label)).toEqual(['NA', 'N/A', '?', 'null', 'NULL', 'ok']);
    expect(kept.report.types.score).toBe('string');
  });

  it('codes padded with leading zeros stay text unless typed as numbers', () => {
    expect(parseCsv(fixture('leading-zeros.csv')).map((r) => r.zip)).toEqual(['02134', '10001']);
    expect(parseCsv(fixture('leading-zeros.csv'), { types: { zip: 'number' } }).map((r) => r.zip)).toEqual([2134, 10001]);
  });

  it('blank and repeated header names are renamed and reported; prototype names are plain fields', () => {
    const rows = parseCsv(fixture('duplicate-header.csv'));
    expect(rows[0]).toEqual({ id: 1, amount: 2, amount_2: 3, column4: 4 });
    expect(rows.report.renamed).toEqual([
      { from: 'amount', to: 'amount_2', column: 3 },
      { from: '', to: 'column4', column: 4 },
    ]);
    const proto = parseCsv(fixture('prototype-names.csv'));
    expect(Object.keys(proto[0]!)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(proto[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto[0]!, '__proto__')?.value).toBe(1);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('a column that holds numbers first and text later is text in every row (whole-file inference)', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `${i},${i % 7}`);
    lines.push('C999,1');
    const rows = parseCsv(`invoice,qty\n${lines.join('\n')}\n`);
    expect(rows.report.types).toEqual({ invoice: 'string', qty: 'number' });
    expect(rows[0]!.invoice).toBe('0');
    expect(rows[150_000]!.invoice).toBe('150000');
    expect(rows[200_000]!.invoice).toBe('C999');
  });
});

describe('parseCsv rejects what it cannot read faithfully, naming the line', () => {
  it('ragged rows', () => {
    expectSegmentkitError(
      () => parseCsv(fixture('ragged-short.csv')),
      'E_PARSE',
      /line 3 has 2 fields but the header has 3; fill the missing fields/,
    );
    expectSegmentkitError(
      () => parseCsv(fixture('ragged-long.csv')),
      'E_PARSE',
      /line 3 has 3 fields but the header has 2; quote fields that contain ','/,
    );
    expectSegmentkitError(() => parseCsv('a,b\n"x\ny",1\n"p\nq",2\n3\n'), 'E_PARSE', /line 6 has 1 field/);
  });

  it('an unclosed or misplaced quote', () => {
    expectSegmentkitError(() => parseCsv(fixture('unclosed-quote.csv')), 'E_PARSE', /line 3: a quoted field is never closed/);
    expectSegmentkitError(() => parseCsv(fixture('misplaced-quote.csv')), 'E_PARSE', /line 2: a quote is misplaced/);
  });

  it("text in a column typed 'number', and types naming no column", () => {
    expectSegmentkitError(
      () => parseCsv('a,b\n1,2\nx,3\n', { types: { a: 'number' } }),
      'E_PARSE',
      /line 3, column 'a' is "x", not a number, but the column is typed 'number'/,
    );
    expectSegmentkitError(() => parseCsv('amount\n1\n', { types: { Amount: 'number' } }), 'E_PARAM', /did you mean 'amount'/);
    expectSegmentkitError(() => parseCsv('a\n1\n', { types: { a: 'int' as never } }), 'E_PARAM', /'number' or 'string'/);
  });

  it('bad options and empty files', () => {
    expectSegmentkitError(() => parseCsv(42 as never), 'E_PARAM', /text must be a string/);
    expectSegmentkitError(() => parseCsv('a\n1', { delimiter: '"' }), 'E_PARAM', /delimiter/);
    expectSegmentkitError(() => parseCsv('a\n1', { delimeter: ';' } as never), 'E_PARAM', /did you mean 'delimiter'/);
    expectSegmentkitError(() => parseCsv('a,b\n'), 'E_EMPTY', /no records after the header \(a, b\)/);
    expectSegmentkitError(() => parseCsv(''), 'E_EMPTY');
  });
});

describe('parseCsv properties', () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom('a,b', 'x"y', 'line\nbreak', ' padded ', '12', '-3.5'));
  it('round-trips any table written with RFC 4180 quoting (text columns)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (rows) => {
        const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        const text = `p,q,r\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
        const nonBlank = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        const parsed = parseCsv(text, { types: { p: 'string', q: 'string', r: 'string' }, missing: [] });
        expect(parsed.map((r) => [r.p, r.q, r.r])).toEqual(nonBlank);
      }),
      { numRuns: 200 },
    );
  });

  it('numbers are read exactly as Number() reads them', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const texts = values.map((v) => (Object.is(v, -0) ? '-0' : String(v)));
        const parsed = parseCsv(`v\n${texts.join('\n')}\n`, { types: { v: 'number' } });
        parsed.forEach((r, i) => expect(Object.is(r.v, Number(texts[i]))).toBe(true));
      }),
    );
  });
});

describe('parseCsv without code generation (a strict Content Security Policy)', () => {
  it('builds the same records field by field', async () => {
    const { vi } = await import('vitest');
    const expected = [parseCsv(fixture('quoted.csv')), parseCsv(fixture('prototype-names.csv'))];
    vi.stubGlobal('Function', function Forbidden() {
      throw new Error('EvalError: code generation from strings disallowed');
    });
    try {
      const again = [parseCsv(fixture('quoted.csv')), parseCsv(fixture('prototype-names.csv'))];
      expect(again).toEqual(expected);
      expect(Object.getPrototypeOf(again[1]![0])).toBe(Object.prototype);
      expect(Object.keys(again[1]![0]!)).toEqual(['__proto__', 'constructor', 'toString']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
