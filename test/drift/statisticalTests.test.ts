// Unit tests of internals too: sortFloat64 (imported from src/, not part of the public API).
import fc from 'fast-check';
import { chiSquareTest, jensenShannonDistance, ksTest, populationStabilityIndex, wassersteinDistance } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { sortFloat64 } from '../../src/core/sortFloat64';
import { expectSegmentkitError } from '../helpers/expectError';

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 });

describe('ksTest', () => {
  it('ksTest(a, b) on separated samples: D = 1 and the exact p-value 2 / C(8, 4)', () => {
    const result = ksTest([1, 2, 3, 4], [5, 6, 7, 8]);
    expect(result.statistic).toBe(1);
    expect(result.pValue).toBeCloseTo(2 / 70, 15);
    expect(result.method).toBe('exact');
  });
  it('ksTest(a, a) has D = 0 and p = 1', () => {
    expect(ksTest([3, 1, 2, 2], [2, 1, 3, 2])).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
  });
  it("method 'auto' is exact up to 10 000 values per sample and asymptotic above", () => {
    const a = Array.from({ length: 10_001 }, (_, i) => i);
    expect(ksTest(a.slice(0, 10_000), a.slice(0, 9_000)).method).toBe('exact');
    expect(ksTest(a, a).method).toBe('asymptotic');
  });
  it("'asymptotic' with one value per side gives NaN (the effective size rounds to 0), as scipy", () => {
    expect(ksTest([1], [2], { method: 'asymptotic' }).pValue).toBeNaN();
  });
  it('is symmetric, bounded, and invariant under an increasing transform (property)', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const r = ksTest(a, b);
        const s = ksTest(b, a);
        const t = ksTest(
          a.map((x) => 4 * x),
          b.map((x) => 4 * x),
        ); // exact in floating point, so no new ties
        return (
          r.statistic === s.statistic &&
          r.pValue === s.pValue &&
          r.statistic === t.statistic &&
          r.statistic >= 0 &&
          r.statistic <= 1 &&
          r.pValue >= 0 &&
          r.pValue <= 1
        );
      }),
    );
  });
  it('does not modify its inputs', () => {
    const a = [3, 1, 2];
    const b = new Float64Array([9, 7, 8]);
    ksTest(a, b);
    expect(a).toEqual([3, 1, 2]);
    expect(Array.from(b)).toEqual([9, 7, 8]);
  });
  it('rejects empty samples, NaN, text and unknown options', () => {
    expectSegmentkitError(() => ksTest([], [1]), 'E_EMPTY', /ksTest: a is empty/);
    expectSegmentkitError(() => ksTest([1, NaN], [1]), 'E_NOT_FINITE', /a\[1\]/);
    expectSegmentkitError(() => ksTest([1], ['x' as unknown as number]), 'E_PARSE', /b\[0\]/);
    expectSegmentkitError(() => ksTest([1], [2], { method: 'asymp' as never }), 'E_PARAM', /method must be one of/);
    expectSegmentkitError(() => ksTest([1], [2], { mode: 'exact' } as never), 'E_PARAM', /unknown option 'mode'/);
  });
});

describe('sortFloat64 (radix sort above 4 096 values)', () => {
  it('orders like the built-in typed-array sort, −0 before +0, ±Infinity at the ends', () => {
    const values = Float64Array.from({ length: 20_000 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    values[5] = -0;
    values[6] = 0;
    values[7] = -Infinity;
    values[8] = Infinity;
    const sorted = sortFloat64(values);
    const expected = values.slice().sort();
    expect(sorted.every((v, i) => Object.is(v, expected[i]))).toBe(true);
    expect(values[7]).toBe(-Infinity); // input untouched
  });
});

describe('populationStabilityIndex', () => {
  it('(cur − ref) ln(cur / ref) summed over categories', () => {
    const expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
    expect(populationStabilityIndex(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']).psi).toBeCloseTo(expected, 15);
  });
  it('is 0 for identical samples and ≥ 0 otherwise (property)', () => {
    fc.assert(fc.property(sample, sample, (a, b) => populationStabilityIndex(a, a).psi === 0 && populationStabilityIndex(a, b).psi >= 0));
  });
  it('an empty share becomes epsilon without renormalising', () => {
    const result = populationStabilityIndex(['a', 'a'], ['b'], { epsilon: 0.01 });
    expect(result.bins.map((b) => [b.referenceShare, b.currentShare])).toEqual([
      [1, 0.01],
      [0.01, 1],
    ]);
  });
  it("numbers are categories with type: 'categorical' (segment labels)", () => {
    const result = populationStabilityIndex(new Int32Array([0, 0, 1]), new Int32Array([1, 1, 2]), { type: 'categorical' });
    expect(result.type).toBe('categorical');
    expect(result.bins.map((b) => ('category' in b ? b.category : null))).toEqual([0, 1, 2]);
  });
  it('reports categories as numbers, then strings, then booleans', () => {
    const result = populationStabilityIndex(['b', 2, true, 'a'], [1, false, 'a', 'a']);
    expect(result.bins.map((b) => ('category' in b ? b.category : null))).toEqual([1, 2, 'a', 'b', false, true]);
  });
  it('numeric bins: (−∞, e₁] … (e_last, ∞), a value on an edge falls in the lower bin', () => {
    const result = populationStabilityIndex([1, 2, 3, 4], [2, 2, 2, 5], { bins: 2 });
    expect(result.type).toBe('numeric');
    if (result.type !== 'numeric') return;
    expect(result.bins.map((b) => [b.lower, b.upper])).toEqual([
      [-Infinity, 2.5],
      [2.5, Infinity],
    ]);
    expect(result.bins.map((b) => b.currentShare)).toEqual([0.75, 0.25]);
  });
  it('rejects missing values, empty samples and bad options', () => {
    expectSegmentkitError(() => populationStabilityIndex([1, NaN], [1]), 'E_NOT_FINITE', /reference\[1\]/);
    expectSegmentkitError(
      () => populationStabilityIndex(['a', null as never], ['a']),
      'E_PARSE',
      /missing value; drop missing values first/,
    );
    expectSegmentkitError(() => populationStabilityIndex([], [1]), 'E_EMPTY', /reference is empty/);
    expectSegmentkitError(() => populationStabilityIndex([1], [1], { bins: 0 }), 'E_PARAM', /bins/);
    expectSegmentkitError(() => populationStabilityIndex([1], [1], { epsilon: 0 }), 'E_PARAM', /epsilon/);
  });
});

describe('chiSquareTest', () => {
  it('a table with one row has dof 0, statistic 0 and p-value 1', () => {
    expect(chiSquareTest([[3, 5, 7]])).toMatchObject({ statistic: 0, pValue: 1, dof: 0 });
  });
  it('Yates correction moves counts by at most the distance to the expectation', () => {
    const corrected = chiSquareTest([
      [10, 10],
      [10, 11],
    ]);
    expect(corrected.statistic).toBe(0);
    expect(
      chiSquareTest(
        [
          [10, 10],
          [10, 11],
        ],
        { correction: false },
      ).statistic,
    ).toBeGreaterThan(0);
  });
  it('with samples: returns the categories and the 2 × k table', () => {
    const result = chiSquareTest({ reference: ['a', 'a', 'b'], current: ['b', 'b', 'c'] });
    expect(result.categories).toEqual(['a', 'b', 'c']);
    expect(result.table).toEqual([
      [2, 1, 0],
      [0, 2, 1],
    ]);
    expect(result.dof).toBe(2);
  });
  it('rejects negative counts, empty rows, ragged and empty tables', () => {
    expectSegmentkitError(
      () =>
        chiSquareTest([
          [1, -2],
          [3, 4],
        ]),
      'E_DOMAIN',
      /table\[0\]\[1\] is -2/,
    );
    expectSegmentkitError(
      () =>
        chiSquareTest([
          [0, 0],
          [3, 4],
        ]),
      'E_DOMAIN',
      /row 0 of the table sums to 0/,
    );
    expectSegmentkitError(() => chiSquareTest([[1, 2], [3]]), 'E_SHAPE', /ragged/);
    expectSegmentkitError(() => chiSquareTest([]), 'E_EMPTY');
    expectSegmentkitError(() => chiSquareTest([1, 2, 3] as unknown as number[][]), 'E_SHAPE', /pass rows of counts/);
    expectSegmentkitError(() => chiSquareTest([['1', 2]] as unknown as number[][]), 'E_PARSE', /table\[0\]\[0\] is "1", not a number/);
    expectSegmentkitError(
      () =>
        chiSquareTest([
          [1, Infinity],
          [1, 2],
        ]),
      'E_NOT_FINITE',
    );
    expectSegmentkitError(() => chiSquareTest({ reference: [], current: ['a'] }), 'E_EMPTY');
    expectSegmentkitError(
      () =>
        chiSquareTest(
          [
            [1, 2],
            [3, 4],
          ],
          { yates: true } as never,
        ),
      'E_PARAM',
      /unknown option 'yates'/,
    );
  });
});

describe('jensenShannonDistance', () => {
  it('is 1 for disjoint distributions in base 2 and 0 for equal ones', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBe(1);
    expect(jensenShannonDistance([2, 6], [1, 3])).toBe(0);
  });
  it('is symmetric and within [0, 1] in base 2 (property)', () => {
    const weights = fc
      .array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 })
      .filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(weights, weights, (p, q) => {
        const d = jensenShannonDistance(p, q);
        return Math.abs(d - jensenShannonDistance(q, p)) < 1e-12 && d >= 0 && d <= 1 + 1e-12;
      }),
    );
  });
  it('rejects length mismatches, negative or all-zero weights and base 1', () => {
    expectSegmentkitError(() => jensenShannonDistance([1], [1, 2]), 'E_SHAPE', /p has 1 entries but q has 2/);
    expectSegmentkitError(() => jensenShannonDistance([1, -1], [1, 2]), 'E_DOMAIN', /p\[1\]/);
    expectSegmentkitError(() => jensenShannonDistance([0, 0], [1, 2]), 'E_DOMAIN', /p sums to 0/);
    expectSegmentkitError(() => jensenShannonDistance([1], [1], { base: 1 }), 'E_PARAM', /base must be a number > 1/);
    // base in (0, 1) makes the divergence negative: refused rather than clamped to a silent 0
    expectSegmentkitError(() => jensenShannonDistance([1, 0], [0, 1], { base: 0.5 }), 'E_PARAM', /base must be a number > 1/);
    expectSegmentkitError(() => jensenShannonDistance(['1' as unknown as number], [1]), 'E_PARSE', /p\[0\] is "1", not a number/);
  });
});

describe('wassersteinDistance', () => {
  it('moving a sample by c costs |c| (property)', () => {
    fc.assert(
      fc.property(
        sample,
        fc.integer({ min: -100, max: 100 }),
        (a, c) =>
          Math.abs(
            wassersteinDistance(
              a,
              a.map((x) => x + c),
            ) - Math.abs(c),
          ) <=
          (1e-9 * (1 + Math.abs(c)) * Math.max(1, ...a.map(Math.abs))) / 1e3,
      ),
    );
  });
  it('weights of all ones give the unweighted distance', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8], { weightsA: [1, 1, 1] })).toBe(5);
  });
  it('rejects weights of the wrong length, negative weights and a zero total', () => {
    expectSegmentkitError(() => wassersteinDistance([1, 2], [1], { weightsA: [1] }), 'E_SHAPE', /weightsA has 1 entries but 2/);
    expectSegmentkitError(() => wassersteinDistance([1, 2], [1], { weightsA: [1, -1] }), 'E_DOMAIN', /weightsA\[1\]/);
    expectSegmentkitError(() => wassersteinDistance([1, 2], [1], { weightsB: [0] }), 'E_DOMAIN', /positive, finite sum/);
    expectSegmentkitError(() => wassersteinDistance([], [1]), 'E_EMPTY');
  });
});
