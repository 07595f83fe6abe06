import { describe, expect, it } from 'vitest';
import { driftReport, ksTest, wassersteinDistance } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

const reference = [
  { spend: 10, channel: 'app' },
  { spend: 12, channel: 'web' },
  { spend: 11, channel: 'app' },
  { spend: 13, channel: 'web' },
];
const current = [
  { spend: 30, channel: 'web' },
  { spend: 31, channel: 'app' },
  { spend: 29, channel: 'web' },
  { spend: 32, channel: 'app' },
];

describe('driftReport', () => {
  it('types columns (numbers → numeric, strings → categorical) and picks KS / chi-square for a small reference', () => {
    const report = driftReport(reference, current);
    expect(report.columns.map((c) => [c.column, c.type, c.test, c.drifted])).toEqual([
      ['spend', 'numeric', 'ks', true],
      ['channel', 'categorical', 'chi-square', false],
    ]);
    expect(report).toMatchObject({ nColumns: 2, nDrifted: 1, driftedShare: 0.5, datasetDrift: true, referenceRows: 4, currentRows: 4 });
    expect(report.columns[0]!.pValue).toBe(ksTest([10, 12, 11, 13], [30, 31, 29, 32]).pValue);
  });

  it('reads column objects and matrices the same way as records', () => {
    const asColumns = driftReport({ spend: Float64Array.from([10, 12, 11, 13]) }, { spend: [30, 31, 29, 32] });
    const asMatrix = driftReport([[10], [12], [11], [13]], [[30], [31], [29], [32]], { columns: ['spend'] });
    const asRecords = driftReport(reference, current, { columns: ['spend'] });
    expect(asColumns.columns).toEqual(asRecords.columns);
    expect(asMatrix.columns).toEqual(asRecords.columns);
    expect(driftReport([[1, 2]], [[3, 4]]).columns.map((c) => c.column)).toEqual(['x0', 'x1']);
  });

  it('uses Wasserstein / reference std and Jensen–Shannon above 1 000 reference rows', () => {
    const big = Array.from({ length: 1001 }, (_, i) => ({ x: i % 97, c: i % 3 === 0 ? 'a' : 'b' }));
    const shifted = big.map((r) => ({ x: r.x + 5, c: r.c }));
    const report = driftReport(big, shifted);
    expect(report.columns.map((c) => c.test)).toEqual(['wasserstein', 'jensen-shannon']);
    const xs = big.map((r) => r.x);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(report.columns[0]!.statistic).toBeCloseTo(
      wassersteinDistance(
        xs,
        shifted.map((r) => r.x),
      ) / std,
      12,
    );
    expect(report.columns[1]!.statistic).toBe(0);
  });

  it('counts missing values (null, undefined, "", NaN) and flags a move in their share', () => {
    const ref = Array.from({ length: 100 }, (_, i) => ({ age: i % 50, tier: i % 2 ? 'gold' : 'silver' }));
    const cur = ref.map((r, i) => ({ age: i < 20 ? (i % 2 ? null : NaN) : r.age, tier: i < 3 ? '' : i < 6 ? undefined : r.tier }));
    const report = driftReport(ref, cur);
    const [age, tier] = report.columns;
    expect(age!.missing).toMatchObject({ referenceCount: 0, currentCount: 20, currentShare: 0.2, change: 0.2, drifted: true });
    expect(age!.drifted).toBe(true);
    expect(age!.currentCount).toBe(80);
    expect(tier!.missing).toMatchObject({ currentCount: 6, drifted: true });
    expect(driftReport(ref, cur, { thresholds: { missingShare: 0.5 } }).columns[1]!.missing.drifted).toBe(false);
  });

  it('lists categories the reference never had', () => {
    const report = driftReport({ c: ['a', 'b', 'a'] }, { c: ['a', 'z', 'y', 'b'] });
    expect(report.columns[0]!.newCategories).toEqual(['y', 'z']);
  });

  it('a column with no values on one side is not tested (statistic null) but its missing share still counts', () => {
    const report = driftReport({ x: [1, 2, 3] }, { x: [null, null, null] });
    expect(report.columns[0]).toMatchObject({ statistic: null, pValue: null, psi: null, testDrifted: false, drifted: true });
  });

  it('reads numeric text in a numeric column, as from a CSV', () => {
    const report = driftReport({ x: [1, 2, 3, 4] }, { x: ['1', ' 2.0', '3e0', '4'] });
    expect(report.columns[0]!.statistic).toBe(0);
  });

  it('tests: one name for every column or per column; types overrides the inferred type', () => {
    expect(driftReport(reference, current, { tests: 'psi' }).columns.map((c) => c.test)).toEqual(['psi', 'psi']);
    expect(driftReport(reference, current, { tests: { spend: 'wasserstein' } }).columns.map((c) => c.test)).toEqual([
      'wasserstein',
      'chi-square',
    ]);
    const asCategories = driftReport({ zip: [1, 2, 1] }, { zip: [2, 2, 1] }, { types: { zip: 'categorical' } });
    expect(asCategories.columns[0]!.test).toBe('chi-square');
  });

  it('Bonferroni multiplies p-values by the number of tested columns', () => {
    const none = driftReport(reference, current);
    const bonferroni = driftReport(reference, current, { correction: 'bonferroni' });
    expect(bonferroni.columns[0]!.adjustedPValue).toBeCloseTo(Math.min(1, 2 * none.columns[0]!.pValue!), 15);
    expect(bonferroni.columns[0]!.drifted).toBe(false);
    expect(none.columns[0]!.adjustedPValue).toBe(none.columns[0]!.pValue);
  });

  it('thresholds change the decisions: driftShare, ks', () => {
    expect(driftReport(reference, current, { thresholds: { driftShare: 0.6 } }).datasetDrift).toBe(false);
    expect(driftReport(reference, current, { thresholds: { ks: 0.01 } }).columns[0]!.drifted).toBe(false);
  });

  it('does not modify the caller data', () => {
    const ref = [
      { x: 3, c: 'b' },
      { x: 1, c: 'a' },
    ];
    const snapshot = JSON.stringify(ref);
    const column = new Float64Array([3, 1, 2]);
    driftReport(ref, ref);
    driftReport({ x: column }, { x: column });
    expect(JSON.stringify(ref)).toBe(snapshot);
    expect(Array.from(column)).toEqual([3, 1, 2]);
  });

  it('errors name the function, the argument and the fix', () => {
    expectSegmentkitError(() => driftReport([], current), 'E_EMPTY', /driftReport: reference has no rows/);
    expectSegmentkitError(() => driftReport(reference, [{ channel: 'web' }]), 'E_PARSE', /column 'spend' is not in the data/);
    expectSegmentkitError(
      () => driftReport({ x: [1, 2] }, { x: [1, 'high'] }),
      'E_PARSE',
      /current row 1, column 'x' is "high", not a number.*types: \{ 'x': 'categorical' \}/,
    );
    expectSegmentkitError(() => driftReport({ x: [1, 2] }, { x: [1, Infinity] }), 'E_NOT_FINITE', /row 1, column 'x' is Infinity/);
    expectSegmentkitError(() => driftReport([[1, 2]], [[1]]), 'E_SHAPE', /reference has 2 columns but current has 1/);
    expectSegmentkitError(() => driftReport([[1, 2]], [[1, 2]], { columns: ['a'] }), 'E_SHAPE', /pass one name per column/);
    expectSegmentkitError(() => driftReport(reference, current, { tests: 'kolmogorov' as never }), 'E_PARAM', /tests must be one of/);
    expectSegmentkitError(
      () => driftReport(reference, current, { tests: { channel: 'ks' } }),
      'E_PARAM',
      /test 'ks' does not apply to the categorical column 'channel'/,
    );
    expectSegmentkitError(() => driftReport(reference, current, { tests: { spnd: 'ks' } }), 'E_PARAM', /tests names column 'spnd'/);
    expectSegmentkitError(() => driftReport(reference, current, { thresholds: { ks: 2 } }), 'E_PARAM', /thresholds.ks/);
    expectSegmentkitError(
      () => driftReport(reference, current, { thresholds: { kss: 0.1 } as never }),
      'E_PARAM',
      /unknown option 'kss'; did you mean 'ks'/,
    );
    expectSegmentkitError(() => driftReport(reference, current, { correction: 'holm' as never }), 'E_PARAM', /correction must be one of/);
    expectSegmentkitError(() => driftReport(reference, current, { column: ['spend'] } as never), 'E_PARAM', /did you mean 'columns'/);
  });
});
