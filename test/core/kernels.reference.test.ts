import { describe, expect, it } from 'vitest';
import { argmax, argmin, columnMeans, columnMoments, columnVariances, logSumExp, quantile, squaredEuclidean, toMatrix } from 'segmentkit';

import { loadReference, relativeError } from '../helpers/reference';
import { expectSegmentkitError } from '../helpers/expectError';

interface CoreReference {
  columnMoments: { name: string; X: number[][]; mean: number[]; var_ddof0: number[]; var_ddof1: number[] | null }[];
  quantile: { name: string; values: number[]; q: number[]; expected: number[] }[];
  logSumExp: { name: string; values: (number | null)[]; expected: number }[];
  squaredEuclidean: { A: number[][]; B: number[][]; expected: number[][] };
  argminmax: { values: number[]; argmin: number; argmax: number };
}

const ref = loadReference<CoreReference>('core_kernels.json');

function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], rtol: number, atol = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    expect(Math.abs(a - e) <= atol || relativeError(a, e) <= rtol, `index ${i}: ${a} vs ${e}`).toBe(true);
  }
}

describe('column moments match numpy (test/reference/scripts/core_kernels.py)', () => {
  for (const c of ref.columnMoments) {
    it(`columnMeans / columnVariances on ${c.name}`, () => {
      const X = toMatrix(c.X, 'test');
      expectAllClose(columnMeans(X), c.mean, 1e-14);
      // variance of a constant column is exactly 0 in numpy; allow absolute slack relative to the scale
      expectAllClose(columnVariances(X), c.var_ddof0, 1e-13, 1e-15);
      if (c.var_ddof1 !== null) expectAllClose(columnVariances(X, { ddof: 1 }), c.var_ddof1, 1e-13, 1e-15);
      else expectSegmentkitError(() => columnMoments(X, 1), 'E_PARAM', /ddof/);
    });
  }
});

describe('quantile matches numpy.quantile(method="linear")', () => {
  for (const c of ref.quantile) {
    it(`on ${c.name}`, () => {
      expectAllClose(quantile(c.values, c.q), c.expected, 1e-15);
    });
  }
});

describe('logSumExp matches scipy.special.logsumexp', () => {
  for (const c of ref.logSumExp) {
    it(`on ${c.name}`, () => {
      const values = c.values.map((v) => (v === null ? -Infinity : v));
      expect(relativeError(logSumExp(values), c.expected)).toBeLessThan(1e-14);
    });
  }
});

describe('squaredEuclidean over flat buffers matches numpy', () => {
  it('for every pair of rows of A and B', () => {
    const A = toMatrix(ref.squaredEuclidean.A, 'test');
    const B = toMatrix(ref.squaredEuclidean.B, 'test');
    for (let i = 0; i < A.rows; i++) {
      for (let j = 0; j < B.rows; j++) {
        const d = squaredEuclidean(A.data, i * A.cols, B.data, j * B.cols, A.cols);
        expect(relativeError(d, ref.squaredEuclidean.expected[i]![j]!)).toBeLessThan(1e-13);
      }
    }
  });
});

describe('argmin / argmax match numpy (first index on ties)', () => {
  it('on values with repeated extremes', () => {
    expect(argmin(ref.argminmax.values)).toBe(ref.argminmax.argmin);
    expect(argmax(ref.argminmax.values)).toBe(ref.argminmax.argmax);
  });
});
