// Unit tests of internals too: addMatrixProduct (imported from src/, not part of the public API).
import fc from 'fast-check';
import { argmax, argmin, columnMeans, columnVariances, logSumExp, quantile, quantileSorted, squaredEuclidean, toMatrix } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { addMatrixProduct } from '../../src/core/addMatrixProduct';
import { expectSegmentkitError } from '../helpers/expectError';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((cols) => fc.array(fc.array(finite, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 30 }));

describe('hand-derived kernel values', () => {
  it('squaredEuclidean(3-4-5 triangle) is 25', () => {
    expect(squaredEuclidean([0, 0], 0, [3, 4], 0, 2)).toBe(25);
    expect(squaredEuclidean([9, 0, 0, 9], 1, [3, 4], 0, 2)).toBe(25);
  });

  it('columnVariances of [1, 2, 3, 4] is 1.25 (ddof 0) and 5/3 (ddof 1)', () => {
    const X = toMatrix([[1], [2], [3], [4]], 't');
    expect(columnVariances(X)[0]).toBeCloseTo(1.25, 15);
    expect(columnVariances(X, { ddof: 1 })[0]).toBeCloseTo(5 / 3, 15);
    expectSegmentkitError(() => columnVariances(X, { ddof: -1 }), 'E_PARAM');
  });

  it('quantile interpolates linearly between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
    expect(quantile([7], 0.3)).toBe(7);
    expectSegmentkitError(() => quantileSorted([], 0.5), 'E_EMPTY');
  });

  it('quantile rejects empty input, non-finite values and q outside [0, 1]', () => {
    expectSegmentkitError(() => quantile([], 0.5), 'E_EMPTY');
    expectSegmentkitError(() => quantile([1, NaN], 0.5), 'E_NOT_FINITE', /values\[1\]/);
    expectSegmentkitError(() => quantile([1, 2], 1.5), 'E_PARAM', /q must be/);
  });

  it('quantile does not reorder the input', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('logSumExp handles offsets, empty sums and infinities', () => {
    expect(logSumExp([5, 0, 0, 5], 1, 2)).toBeCloseTo(Math.log(2), 15);
    expect(logSumExp([-Infinity])).toBe(-Infinity);
    expect(logSumExp([1, Infinity])).toBe(Infinity);
    expectSegmentkitError(() => logSumExp([1, NaN]), 'E_NOT_FINITE', /values\[1\]/);
    expect(logSumExp([])).toBe(-Infinity);
  });

  it('argmin / argmax skip NaN and return -1 for empty input', () => {
    expect(argmin([NaN, 2, 1])).toBe(2);
    expect(argmax([NaN, 2, 1])).toBe(1);
    expect(argmin([])).toBe(-1);
    expect(argmax([])).toBe(-1);
  });
});

describe('kernel invariants (property tests)', () => {
  it('column variance is invariant under row permutation and translation', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: -1000, max: 1000 }), fc.nat(), (rows, shift, seed) => {
        const base = columnVariances(toMatrix(rows, 'p'));
        const permuted = [...rows].sort(() => 0).reverse();
        if (seed % 2 === 1) permuted.push(permuted.shift()!);
        const moved = permuted.map((r) => r.map((v) => v + shift));
        const other = columnVariances(toMatrix(moved, 'p'));
        for (let j = 0; j < base.length; j++) {
          const scale = Math.max(1, ...rows.map((r) => Math.abs(r[j]!) + Math.abs(shift))) ** 2;
          expect(Math.abs(other[j]! - base[j]!)).toBeLessThanOrEqual(1e-9 * scale);
        }
      }),
    );
  });

  it('column variance scales with the square of a factor and is never negative', () => {
    fc.assert(
      fc.property(table, fc.double({ min: 0.01, max: 100, noNaN: true }), (rows, factor) => {
        const base = columnVariances(toMatrix(rows, 'p'));
        const scaled = columnVariances(
          toMatrix(
            rows.map((r) => r.map((v) => v * factor)),
            'p',
          ),
        );
        for (let j = 0; j < base.length; j++) {
          expect(base[j]!).toBeGreaterThanOrEqual(0);
          const scale = Math.max(1, ...rows.map((r) => Math.abs(r[j]!))) ** 2 * factor * factor;
          expect(Math.abs(scaled[j]! - factor * factor * base[j]!)).toBeLessThanOrEqual(1e-9 * scale);
        }
      }),
    );
  });

  it('column means lie within the column range', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const means = columnMeans(toMatrix(rows, 'p'));
        means.forEach((mean, j) => {
          const column = rows.map((r) => r[j]!);
          expect(mean).toBeGreaterThanOrEqual(Math.min(...column) - 1e-9 * Math.max(1, Math.abs(mean)));
          expect(mean).toBeLessThanOrEqual(Math.max(...column) + 1e-9 * Math.max(1, Math.abs(mean)));
        });
      }),
    );
  });

  it('quantile is monotone in q, bounded by min and max, and ignores input order', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const qLo = quantile(values, lo);
          const qHi = quantile(values, hi);
          expect(qLo).toBeLessThanOrEqual(qHi);
          expect(qLo).toBeGreaterThanOrEqual(Math.min(...values));
          expect(qHi).toBeLessThanOrEqual(Math.max(...values));
          expect(quantile([...values].reverse(), lo)).toBe(qLo);
        },
      ),
    );
  });

  it('logSumExp(x + c) = logSumExp(x) + c and is at least the maximum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -700, max: 700, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (values, c) => {
          const base = logSumExp(values);
          expect(base).toBeGreaterThanOrEqual(Math.max(...values));
          expect(Math.abs(logSumExp(values.map((v) => v + c)) - (base + c))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(base) + Math.abs(c)),
          );
        },
      ),
    );
  });

  it('squaredEuclidean is symmetric and zero on identical vectors', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 8 }), fc.array(finite, { minLength: 8, maxLength: 8 }), (a, bLong) => {
        const b = bLong.slice(0, a.length);
        expect(squaredEuclidean(a, 0, b, 0, a.length)).toBe(squaredEuclidean(b, 0, a, 0, a.length));
        expect(squaredEuclidean(a, 0, a, 0, a.length)).toBe(0);
      }),
    );
  });
});

describe('addMatrixProduct', () => {
  it('adds A·Bᵀ (hand-computed 2 × 2 case), and only the blocks on and above the diagonal with upperOnly', () => {
    const A = Float64Array.from([1, 2, 3, 4]); // rows [1, 2], [3, 4]
    const B = Float64Array.from([5, 6, 7, 8]); // rows [5, 6], [7, 8]
    const C = Float64Array.from([1, 1, 1, 1]);
    addMatrixProduct(A, 2, B, 2, 2, C);
    expect(Array.from(C)).toEqual([1 + 17, 1 + 23, 1 + 39, 1 + 53]);
    const G = new Float64Array(16);
    const rows = Float64Array.from([1, 0, 2, 0, 1, 1, 0, 1]); // 4 × 2
    addMatrixProduct(rows, 4, rows, 4, 2, G, true);
    // blocks (0,0), (0,1), (1,1) filled; block (1,0) (rows 2–3, columns 0–1) left at 0
    expect(Array.from(G)).toEqual([1, 2, 1, 0, 2, 4, 2, 0, 0, 0, 2, 1, 0, 0, 1, 1]);
  });
});
