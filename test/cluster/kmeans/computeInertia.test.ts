// Unit tests of internals: computeInertia and its browser form (imported from src/, not part of the public API).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { computeInertia } from '../../../src/cluster/kmeans/computeInertia';
import { computeInertia as browserComputeInertia } from '../../../src/cluster/kmeans/computeInertia.browser';
import type { KMeansState } from '../../../src/cluster/kmeans/KMeansState';

/** The definition, one row at a time: Σ w_i ‖x_i − c_label(i)‖², rows in order, features in order. */
function plainInertia(
  data: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  labels: Int32Array,
  weights: Float64Array | null,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[i * d + t]! - centers[labels[i]! * d + t]!;
      sum += diff * diff;
    }
    total += weights === null ? sum : weights[i]! * sum;
  }
  return total;
}

describe('computeInertia', () => {
  it("gives the bits of the plain row loop (four rows side by side, any tail, weights), as the browser build's form", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 400, maxLength: 400 }),
        (n, d, k, weighted, pool) => {
          const value = (i: number) => pool[i % pool.length]!;
          const data = Float64Array.from({ length: n * d }, (_, i) => value(i));
          const centers = Float64Array.from({ length: k * d }, (_, i) => value(7 * i + 3));
          const labels = Int32Array.from({ length: n }, (_, i) => (i * 5 + 1) % k);
          const weights = weighted ? Float64Array.from({ length: n }, (_, i) => Math.abs(value(3 * i + 1)) / 1e6) : null;
          const state = { data, n, d, k, labels, centers, weights } as unknown as KMeansState;
          const expected = plainInertia(data, n, d, centers, labels, weights);
          expect(computeInertia(state)).toBe(expected);
          expect(browserComputeInertia(state)).toBe(expected);
        },
      ),
    );
  });
});
