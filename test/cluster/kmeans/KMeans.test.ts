import fc from 'fast-check';
import { KMeans, kmeans, KMeansModel, type KMeansProgress, makeBlobs, matrixToArrays } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { inspect } from 'node:util';

import { expectSegmentkitError } from '../../helpers/expectError';

const blobs = makeBlobs({ nSamples: 600, centers: 4, nFeatures: 3, clusterStd: 0.6, seed: 5 });
const X = matrixToArrays(blobs.X);

/** 1 if two labelings are the same partition up to renaming, else 0. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ((forward.has(x) && forward.get(x) !== y) || (backward.has(y) && backward.get(y) !== x)) return false;
    forward.set(x, y);
    backward.set(y, x);
  }
  return true;
}

describe('KMeans', () => {
  it('k-means++ recovers well-separated blobs exactly', () => {
    const model = new KMeans({ nClusters: 4, seed: 1 }).fit(X);
    expect(samePartition(model.labels, blobs.labels)).toBe(true);
    expect(model.converged).toBe(true);
    expect(model.clusterSizes.reduce((a, b) => a + b, 0)).toBe(600);
  });

  it('is deterministic for a seed and reports the seed it drew when none was given', () => {
    const a = new KMeans({ nClusters: 4, seed: 9 }).fit(X);
    const b = new KMeans({ nClusters: 4, seed: 9 }).fit(X);
    expect(a.centroids).toEqual(b.centroids);
    const unseeded = new KMeans({ nClusters: 4 }).fit(X);
    expect(typeof unseeded.seed).toBe('number');
    expect(new KMeans({ nClusters: 4, seed: unseeded.seed }).fit(X).centroids).toEqual(unseeded.centroids);
  });

  it("init 'random' runs 10 starts by default and keeps the best inertia", () => {
    const best = new KMeans({ nClusters: 4, init: 'random', seed: 3 }).fit(X);
    expect(best.params.nInit).toBe(10);
    const single = new KMeans({ nClusters: 4, init: 'random', nInit: 1, seed: 3 }).fit(X);
    expect(best.inertia).toBeLessThanOrEqual(single.inertia);
  });

  it('reports progress after every update step and stops with converged = false at maxIter', () => {
    const events: KMeansProgress[] = [];
    const init = X.slice(0, 4);
    const model = new KMeans({ nClusters: 4, init, maxIter: 2, tol: 0 }).fit(X, { onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.iteration)).toEqual([1, 2]);
    expect(events[0]!.changed).toBe(600);
    expect(model.nIter).toBe(2);
    expect(model.converged).toBe(false);
    // labels agree with the final centroids after the extra relabelling
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
  });

  it('aborts between iterations with E_ABORTED and returns no model', () => {
    const controller = new AbortController();
    expectSegmentkitError(
      () =>
        new KMeans({ nClusters: 4, init: X.slice(0, 4), tol: 0 }).fit(X, {
          signal: controller.signal,
          onProgress: () => controller.abort(),
        }),
      'E_ABORTED',
      /KMeans\.fit: aborted/,
    );
  });

  it('weights rows: integer weights equal repeating rows', () => {
    const small = X.slice(0, 60);
    const weights = small.map((_, i) => (i % 3) + 1);
    const repeated = small.flatMap((row, i) => Array.from({ length: weights[i]! }, () => row));
    const init = small.slice(0, 3);
    const weighted = kmeans(small, { nClusters: 3, init, tol: 0 }, { sampleWeight: weights });
    const expanded = kmeans(repeated, { nClusters: 3, init, tol: 0 });
    weighted.centroids.forEach((row, j) => row.forEach((v, t) => expect(v).toBeCloseTo(expanded.centroids[j]![t]!, 10)));
    expect(weighted.inertia).toBeCloseTo(expanded.inertia, 8);
  });

  it('kmeans(X, params) is shorthand for new KMeans(params).fit(X)', () => {
    expect(kmeans(X, { nClusters: 3, seed: 2 }).toJSON()).toEqual(new KMeans({ nClusters: 3, seed: 2 }).fit(X).toJSON());
  });

  it("'auto' picks Hamerly for few clusters and reports what the bounds saved", () => {
    const model = new KMeans({ nClusters: 4, seed: 1 }).fit(X);
    expect(model.stats.algorithm).toBe('hamerly');
    expect(model.stats.distanceEvaluations).toBeLessThan(model.stats.lloydDistanceEvaluations);
    const lloyd = new KMeans({ nClusters: 4, seed: 1, algorithm: 'lloyd' }).fit(X);
    expect(lloyd.stats.distanceEvaluations).toBe(lloyd.stats.lloydDistanceEvaluations);
  });

  it('prints a compact REPL summary and a Jupyter HTML table', () => {
    const model = kmeans([[0], [1], [10], [11]], { nClusters: 2, init: [[0], [10]] });
    expect(inspect(model)).toBe(
      'KMeansModel { nClusters: 2, nFeatures: 1, rows: 4, inertia: 1, nIter: 2, converged: true, algorithm: hamerly, sizes: [2, 2] }',
    );
    const display = (model as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]!();
    expect(display['text/html']).toContain('<table>');
    expect(display['text/html']).toContain('50.0 %');
  });

  it('round-trips through JSON and predicts the same', () => {
    const model = kmeans(X, { nClusters: 4, seed: 4 });
    const restored = KMeansModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(restored.predict(X)).toEqual(model.predict(X));
    expect(restored.seed).toBe(4);
  });

  describe('bad input', () => {
    it('rejects invalid or unknown hyper-parameters at construction', () => {
      expectSegmentkitError(() => new KMeans({ nClusters: 0 }), 'E_PARAM', /nClusters must be an integer ≥ 1/);
      expectSegmentkitError(() => new KMeans({ nClusters: 2.5 }), 'E_PARAM', /nClusters/);
      expectSegmentkitError(() => new KMeans({ nClusters: 2, maxIters: 10 } as never), 'E_PARAM', /did you mean 'maxIter'/);
      expectSegmentkitError(
        () => new KMeans({ nClusters: 2, algorithm: 'fast' as never }),
        'E_PARAM',
        /'auto', 'lloyd', 'elkan', 'hamerly'/,
      );
      expectSegmentkitError(() => new KMeans({ nClusters: 2, init: 'kmeans++' as never }), 'E_PARAM', /init/);
      expectSegmentkitError(() => new KMeans({ nClusters: 2, tol: -1 }), 'E_PARAM', /tol/);
      expectSegmentkitError(() => new KMeans({ nClusters: 2, init: [[0], [1]], nInit: 5 }), 'E_PARAM', /explicit initial centroids/);
      expectSegmentkitError(() => new KMeans({ nClusters: 2, seed: NaN }), 'E_PARAM', /seed/);
    });

    it('rejects k > n, wrong init shapes and bad weights at fit', () => {
      expectSegmentkitError(() => kmeans([[1], [2]], { nClusters: 3 }), 'E_PARAM', /nClusters = 3 but X has only 2 rows/);
      expectSegmentkitError(() => kmeans(X, { nClusters: 2, init: [[0, 0, 0]] }), 'E_PARAM', /init has 1 centroids but nClusters = 2/);
      expectSegmentkitError(
        () =>
          kmeans(X, {
            nClusters: 2,
            init: [
              [0, 0],
              [1, 1],
            ],
          }),
        'E_SHAPE',
        /init has 2 columns but X has 3/,
      );
      expectSegmentkitError(
        () =>
          kmeans(X, {
            nClusters: 2,
            init: [
              [0, 0, NaN],
              [1, 1, 1],
            ],
          }),
        'E_NOT_FINITE',
        /init\[0\]\[2\]/,
      );
      expectSegmentkitError(
        () => kmeans([[1], [2]], { nClusters: 1 }, { sampleWeight: [1] }),
        'E_SHAPE',
        /sampleWeight has 1 entries but 2/,
      );
      expectSegmentkitError(() => kmeans([[1], [2]], { nClusters: 1 }, { sampleWeight: [1, -1] }), 'E_PARAM', /sampleWeight\[1\]/);
      expectSegmentkitError(() => kmeans([[1], [2]], { nClusters: 1 }, { sampleWeight: [0, 0] }), 'E_PARAM', /all zero/);
      expectSegmentkitError(
        () => kmeans([[1], [2]], { nClusters: 1 }, { weights: [1, 1] } as never),
        'E_PARAM',
        /unknown option 'weights'/,
      );
    });

    it('names the cell holding NaN and the wrong column count at predict', () => {
      expectSegmentkitError(
        () =>
          kmeans(
            [
              [1, 2],
              [3, NaN],
            ],
            { nClusters: 1 },
          ),
        'E_NOT_FINITE',
        /KMeans\.fit: X\[1\]\[1\] is NaN/,
      );
      const model = kmeans(X, { nClusters: 2, seed: 0 });
      expectSegmentkitError(() => model.predict([[1, 2]]), 'E_SHAPE', /X has 2 columns but the model was fitted on 3/);
    });

    it('k-means++ with fewer distinct rows than clusters is a clear error', () => {
      expectSegmentkitError(
        () =>
          kmeans(
            [
              [1, 1],
              [1, 1],
              [2, 2],
              [2, 2],
            ],
            { nClusters: 3, seed: 0 },
          ),
        'E_PARAM',
        /only 2 distinct rows/,
      );
    });

    it('fromJSON rejects malformed models naming the field', () => {
      const json = kmeans(X, { nClusters: 2, seed: 0 }).toJSON();
      expectSegmentkitError(() => KMeansModel.fromJSON({ ...json, centroids: [[1, 2, 3]] }), 'E_MODEL', /centroids must have 2 rows/);
      expectSegmentkitError(() => KMeansModel.fromJSON({ ...json, labels: [0, 5] }), 'E_MODEL', /labels\[1\]/);
      expectSegmentkitError(() => KMeansModel.fromJSON({ ...json, inertia: -1 }), 'E_MODEL', /inertia/);
      expectSegmentkitError(
        () =>
          KMeansModel.fromJSON({
            ...json,
            centroids: [
              [1, 2, 3],
              [1, 2],
            ],
          }),
        'E_MODEL',
        /centroids\[1\]/,
      );
      expectSegmentkitError(() => KMeansModel.fromJSON({ ...json, params: { ...json.params, algorithm: 'x' } }), 'E_MODEL', /algorithm/);
    });
  });

  describe('invariants (property tests)', () => {
    const small = X.slice(0, 120);
    const init = [small[0]!, small[1]!, small[2]!];

    it('permuting the rows permutes the labels and leaves the centroids unchanged', () => {
      fc.assert(
        fc.property(fc.nat(), (seed) => {
          const order = Array.from({ length: small.length }, (_, i) => i).sort(
            (a, b) => ((a * 7919 + seed) % 127) - ((b * 7919 + seed) % 127) || a - b,
          );
          const base = kmeans(small, { nClusters: 3, init, tol: 0 });
          const permuted = kmeans(
            order.map((i) => small[i]!),
            { nClusters: 3, init, tol: 0 },
          );
          order.forEach((source, i) => expect(permuted.labels[i]).toBe(base.labels[source]));
          base.centroids.forEach((row, j) => row.forEach((v, t) => expect(permuted.centroids[j]![t]!).toBeCloseTo(v, 10)));
        }),
        { numRuns: 20 },
      );
    });

    it('reordering the initial centroids renames the clusters', () => {
      const base = kmeans(small, { nClusters: 3, init, tol: 0 });
      const renamed = kmeans(small, { nClusters: 3, init: [init[2]!, init[0]!, init[1]!], tol: 0 });
      const mapping = [1, 2, 0]; // base cluster j is renamed cluster mapping[j]
      base.labels.forEach((label, i) => expect(renamed.labels[i]).toBe(mapping[label]));
      expect(renamed.inertia).toBeCloseTo(base.inertia, 9);
    });

    it('scaling the data scales the centroids and the inertia by c and c²', () => {
      fc.assert(
        fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (c) => {
          const base = kmeans(small, { nClusters: 3, init, tol: 0 });
          const scaled = kmeans(
            small.map((r) => r.map((v) => v * c)),
            { nClusters: 3, init: init.map((r) => r.map((v) => v * c)), tol: 0 },
          );
          expect(Array.from(scaled.labels)).toEqual(Array.from(base.labels));
          expect(scaled.inertia / (c * c)).toBeCloseTo(base.inertia, 6);
        }),
        { numRuns: 20 },
      );
    });

    it('translating the data translates the centroids and keeps the labels', () => {
      const shift = [1000, -50, 3];
      const base = kmeans(small, { nClusters: 3, init, tol: 0 });
      const moved = kmeans(
        small.map((r) => r.map((v, t) => v + shift[t]!)),
        { nClusters: 3, init: init.map((r) => r.map((v, t) => v + shift[t]!)), tol: 0 },
      );
      expect(Array.from(moved.labels)).toEqual(Array.from(base.labels));
      base.centroids.forEach((row, j) => row.forEach((v, t) => expect(moved.centroids[j]![t]! - shift[t]!).toBeCloseTo(v, 8)));
    });
  });
});
