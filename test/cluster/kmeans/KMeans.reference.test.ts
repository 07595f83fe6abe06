import { describe, expect, it } from 'vitest';
import { KMeans, type KMeansAlgorithm } from 'segmentkit';

import { loadReference } from '../../helpers/reference';

interface KMeansCase {
  name: string;
  X: number[][];
  init: number[][];
  params: { tol?: number; max_iter?: number };
  sampleWeight: number[] | null;
  labels: number[];
  centroids: number[][];
  inertia: number;
  nIter: number;
  XNew?: number[][];
  predict?: number[];
  transform?: number[][];
  score?: number;
}

const ref = loadReference<{ cases: KMeansCase[] }>('kmeans.json');
const ALGORITHMS: KMeansAlgorithm[] = ['lloyd', 'hamerly', 'elkan'];

/** Largest |a − b| over the centroids, relative to the largest |centroid coordinate|. */
function centroidError(actual: readonly (readonly number[])[], expected: number[][]): number {
  let scale = 0;
  let error = 0;
  expected.forEach((row, j) =>
    row.forEach((value, t) => {
      scale = Math.max(scale, Math.abs(value));
      error = Math.max(error, Math.abs(actual[j]![t]! - value));
    }),
  );
  return error / Math.max(scale, 1e-300);
}

describe('KMeans matches scikit-learn 1.2 (explicit init, n_init=1; test/reference/scripts/kmeans.py)', () => {
  for (const c of ref.cases) {
    for (const algorithm of ALGORITHMS) {
      it(`${c.name} with algorithm '${algorithm}': labels, centroids, inertia and nIter`, () => {
        const model = new KMeans({
          nClusters: c.init.length,
          init: c.init,
          algorithm,
          ...(c.params.tol !== undefined ? { tol: c.params.tol } : {}),
          ...(c.params.max_iter !== undefined ? { maxIter: c.params.max_iter } : {}),
        }).fit(c.X, c.sampleWeight === null ? {} : { sampleWeight: c.sampleWeight });
        expect(Array.from(model.labels)).toEqual(c.labels);
        expect(model.nIter).toBe(c.nIter);
        expect(centroidError(model.centroids, c.centroids)).toBeLessThan(1e-9);
        expect(Math.abs(model.inertia - c.inertia) / c.inertia).toBeLessThan(1e-9);
        expect(model.converged).toBe(c.name !== 'blobs_max_iter_2');
        if (c.XNew !== undefined) {
          expect(Array.from(model.predict(c.XNew))).toEqual(c.predict);
          const distances = model.transform(c.XNew);
          c.transform!.forEach((row, i) =>
            row.forEach((value, j) =>
              expect(Math.abs(distances.data[i * distances.cols + j]! - value)).toBeLessThan(1e-9 * Math.max(1, value)),
            ),
          );
          expect(Math.abs(model.score(c.XNew) - c.score!) / Math.abs(c.score!)).toBeLessThan(1e-9);
        }
      });
    }
  }

  it('every algorithm gives bit-identical centroids and labels on every case', () => {
    for (const c of ref.cases) {
      const fits = ALGORITHMS.map((algorithm) =>
        new KMeans({ nClusters: c.init.length, init: c.init, algorithm, tol: c.params.tol ?? 1e-4, maxIter: c.params.max_iter ?? 300 }).fit(
          c.X,
          c.sampleWeight === null ? {} : { sampleWeight: c.sampleWeight },
        ),
      );
      for (const fit of fits.slice(1)) {
        expect(fit.centroids).toEqual(fits[0]!.centroids);
        expect(fit.labels).toEqual(fits[0]!.labels);
        expect(fit.inertia).toBe(fits[0]!.inertia);
      }
    }
  });
});
