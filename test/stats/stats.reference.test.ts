// Unit tests of internals too: the special functions behind the tests (imported from src/, not public API).
import { mannWhitneyU, welchTTest } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { normalSurvival } from '../../src/core/normalSurvival';
import { regularizedBeta, studentTTwoSided } from '../../src/core/regularizedBeta';
import { loadReference, relativeError } from '../helpers/reference';

interface Fixture {
  mannwhitneyu: { a: number[]; b: number[]; statistic: number; pValue: number }[];
  welch: { a: number[]; b: number[]; statistic: number; df: number; pValue: number }[];
  betainc: { x: number; a: number; b: number; value: number }[];
  tTwoSided: { t: number; df: number; value: number }[];
  normSf: { z: number; value: number }[];
}
const ref = loadReference<Fixture>('stats_tests.json');

describe('mannWhitneyU matches scipy.stats.mannwhitneyu (1.10)', () => {
  it(`on ${ref.mannwhitneyu.length} cases: exact (up to 8 vs 2000), ties, large samples and far tails`, () => {
    for (const c of ref.mannwhitneyu) {
      const r = mannWhitneyU(c.a, c.b);
      expect(r.statistic).toBe(c.statistic);
      expect(relativeError(r.pValue, c.pValue)).toBeLessThan(1e-9);
    }
  });
  it('is symmetric: swapping the samples keeps the p-value and mirrors U', () => {
    const a = [3, 1, 4, 1.5, 9, 2.6];
    const b = [5, 3.5, 8, 9.7, 7.9];
    const ab = mannWhitneyU(a, b);
    const ba = mannWhitneyU(b, a);
    expect(ab.statistic + ba.statistic).toBe(a.length * b.length);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 14);
  });
  it('refuses empty and non-numeric samples', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/E_EMPTY|empty/);
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(/a\[1\]/);
  });
});

describe('welchTTest matches scipy.stats.ttest_ind(equal_var=False)', () => {
  it(`on ${ref.welch.length} cases`, () => {
    for (const c of ref.welch) {
      const r = welchTTest(c.a, c.b);
      expect(relativeError(r.statistic!, c.statistic)).toBeLessThan(1e-12);
      expect(relativeError(r.df!, c.df)).toBeLessThan(1e-12);
      expect(relativeError(r.pValue!, c.pValue)).toBeLessThan(1e-9);
    }
  });
  it('gives null (not NaN) when both groups are constant', () => {
    expect(welchTTest([2, 2, 2], [2, 2])).toMatchObject({ statistic: null, pValue: null });
  });
});

describe('special functions against scipy.special', () => {
  it('regularizedBeta = betainc', () => {
    for (const c of ref.betainc) expect(relativeError(regularizedBeta(c.x, c.a, c.b), c.value)).toBeLessThan(1e-11);
  });
  it('studentTTwoSided = 2 t.sf(|t|, df)', () => {
    for (const c of ref.tTwoSided) expect(relativeError(studentTTwoSided(c.t, c.df), c.value)).toBeLessThan(1e-10);
  });
  it('normalSurvival = norm.sf, far tails included', () => {
    for (const c of ref.normSf) expect(relativeError(normalSurvival(c.z), c.value)).toBeLessThan(1e-12);
  });
});
