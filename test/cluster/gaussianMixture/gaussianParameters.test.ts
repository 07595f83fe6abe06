// Unit tests of internals too: estimateGaussianParameters (imported from src/, not part of the public API).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { estimateGaussianParameters } from '../../../src/cluster/gaussianMixture/gaussianParameters';

describe('estimateGaussianParameters with hard labels', () => {
  it('gives the same bits as the one-hot responsibility matrix, for every covariance type', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('full' as const, 'tied' as const, 'diag' as const, 'spherical' as const),
        (n, d, k, seed, type) => {
          let state = seed;
          const next = (): number => {
            state = (state * 1103515245 + 12345) % 2147483648;
            return state / 2147483648;
          };
          const data = Float64Array.from({ length: n * d }, () => 100 * next() - 50);
          const labels = Int32Array.from({ length: n }, () => Math.floor(next() * k));
          const oneHot = new Float64Array(n * k);
          labels.forEach((c, i) => (oneHot[i * k + c] = 1));
          const dense = estimateGaussianParameters(data, n, d, oneHot, k, type, 1e-6);
          const sparse = estimateGaussianParameters(data, n, d, { labels }, k, type, 1e-6);
          expect(Array.from(sparse.nk)).toEqual(Array.from(dense.nk));
          expect(Array.from(sparse.means)).toEqual(Array.from(dense.means));
          expect(Array.from(sparse.covariances)).toEqual(Array.from(dense.covariances));
        },
      ),
      { numRuns: 200 },
    );
  });
});
