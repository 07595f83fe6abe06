import fc from 'fast-check';
import {
  calinskiHarabaszScore,
  createRng,
  daviesBouldinScore,
  inertia,
  makeBlobs,
  type SilhouetteMetric,
  silhouetteSamples,
  silhouetteScore,
} from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';

/** The textbook O(n²)-memory silhouette with scikit-learn's pairwise definitions: the reference for the blocked kernel. */
function bruteSilhouette(X: number[][], labels: number[], metric: SilhouetteMetric): number[] {
  const unit = X.map((row) => {
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / (norm === 0 ? 1 : norm));
  });
  const distance = (i: number, j: number): number => {
    if (i === j) return 0;
    const x = X[i]!;
    const y = X[j]!;
    if (metric === 'manhattan') return x.reduce((s, v, t) => s + Math.abs(v - y[t]!), 0);
    if (metric === 'cosine') return Math.min(2, Math.max(0, 1 - unit[i]!.reduce((s, v, t) => s + v * unit[j]![t]!, 0)));
    const sq = x.reduce((s, v, t) => s + (v - y[t]!) ** 2, 0);
    return metric === 'sqeuclidean' ? sq : Math.sqrt(sq);
  };
  const clusters = [...new Set(labels)];
  return X.map((_, i) => {
    const mean = (c: number): number => {
      const members = labels.map((l, j) => (l === c && j !== i ? j : -1)).filter((j) => j >= 0);
      return members.reduce((s, j) => s + distance(i, j), 0) / members.length;
    };
    const own = labels[i]!;
    if (labels.filter((l) => l === own).length === 1) return 0;
    const a = mean(own);
    const b = Math.min(...clusters.filter((c) => c !== own).map(mean));
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

const clustered = fc
  .record({ d: fc.integer({ min: 1, max: 19 }), n: fc.integer({ min: 4, max: 40 }), k: fc.integer({ min: 2, max: 5 }), seed: fc.integer() })
  .map(({ d, n, k, seed }) => {
    const rng = createRng(seed);
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round(rng.normal() * 4) / 2));
    const labels = Array.from({ length: n }, (_, i) => (i < 2 ? i : rng.integer(0, k)));
    labels[n - 1] = labels[0]!; // at most n − 1 clusters
    return { X, labels };
  });

describe('silhouette: the blocked kernel equals the textbook definition', () => {
  for (const metric of ['euclidean', 'sqeuclidean', 'manhattan', 'cosine'] as const) {
    it(`silhouetteSamples with metric '${metric}' on random data (1 to 19 features, duplicates, singletons)`, () => {
      fc.assert(
        fc.property(clustered, ({ X, labels }) => {
          const expected = bruteSilhouette(X, labels, metric);
          const actual = silhouetteSamples(X, labels, { metric });
          expected.forEach((v, i) => expect(Math.abs(actual[i]! - v)).toBeLessThanOrEqual(1e-12));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('silhouetteScore is the mean of silhouetteSamples', () => {
    const { X, labels } = makeBlobs({ nSamples: 301, centers: 3, nFeatures: 5, seed: 4 });
    const samples = silhouetteSamples(X, labels);
    expect(silhouetteScore(X, labels)).toBeCloseTo(samples.reduce((s, v) => s + v, 0) / samples.length, 13);
  });

  it('two pairs of points: 0.8586 (scikit-learn: 0.8585856960087929)', () => {
    expect(
      silhouetteScore(
        [
          [0, 0],
          [0, 1],
          [5, 5],
          [5, 6],
        ],
        [0, 0, 1, 1],
      ),
    ).toBeCloseTo(0.8585856960087929, 15);
  });

  it('sampleSize scores a seeded subset exactly; the same seed gives the same subset; ≥ n means every row', () => {
    const { X, labels } = makeBlobs({ nSamples: 2000, centers: 4, nFeatures: 3, seed: 9 });
    const exact = silhouetteScore(X, labels);
    const estimate = silhouetteScore(X, labels, { sampleSize: 400, seed: 3 });
    expect(estimate).toBe(silhouetteScore(X, labels, { sampleSize: 400, seed: 3 }));
    expect(estimate).not.toBe(silhouetteScore(X, labels, { sampleSize: 400, seed: 4 }));
    expect(Math.abs(estimate - exact)).toBeLessThan(0.05);
    const picked = createRng(3).permutation(2000).subarray(0, 400);
    const subX = Array.from(picked, (i) => Array.from(X.data.subarray(i * 3, i * 3 + 3)));
    const subLabels = Array.from(picked, (i) => labels[i]!);
    expect(estimate).toBeCloseTo(silhouetteScore(subX, subLabels), 14);
    expect(silhouetteScore(X, labels, { sampleSize: 5000 })).toBe(exact);
  });

  it("labels may be strings; −1 is an ordinary cluster unless { noise: 'exclude' } (then those rows are NaN)", () => {
    const X = [
      [0, 0],
      [0, 1],
      [5, 5],
      [5, 6],
      [9, 0],
      [9, 1],
    ];
    const asNumbers = silhouetteSamples(X, [0, 0, 1, 1, -1, -1]);
    expect(Array.from(silhouetteSamples(X, ['a', 'a', 'b', 'b', 'noise', 'noise']))).toEqual(Array.from(asNumbers));
    const excluded = silhouetteSamples(X, [0, 0, 1, 1, -1, -1], { noise: 'exclude' });
    expect(excluded[4]).toBeNaN();
    expect(excluded[5]).toBeNaN();
    expect(Array.from(excluded.subarray(0, 4))).toEqual(Array.from(silhouetteSamples(X.slice(0, 4), [0, 0, 1, 1])));
    expect(silhouetteScore(X, [0, 0, 1, 1, -1, -1], { noise: 'exclude' })).toBe(silhouetteScore(X.slice(0, 4), [0, 0, 1, 1]));
  });

  it('reports progress, stops on an aborted signal, and leaves the input untouched', () => {
    const { X, labels } = makeBlobs({ nSamples: 600, centers: 3, seed: 1 });
    const copy = Float64Array.from(X.data);
    const fractions: number[] = [];
    silhouetteScore(X, labels, { onProgress: ({ fraction }) => fractions.push(fraction) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(Array.from(X.data)).toEqual(Array.from(copy));
    const controller = new AbortController();
    controller.abort('stop');
    expectSegmentkitError(() => silhouetteScore(X, labels, { signal: controller.signal }), 'E_ABORTED');
  });

  it('needs 2 to n − 1 clusters, one label per row, and known options', () => {
    expectSegmentkitError(() => silhouetteScore([[0], [1], [2]], [0, 0, 0]), 'E_LABELS', /2 and n − 1/);
    expectSegmentkitError(() => silhouetteSamples([[0], [1], [2]], [0, 1, 2]), 'E_LABELS');
    expectSegmentkitError(() => silhouetteScore([[0], [1], [2]], [0, 1]), 'E_SHAPE', /labels has 2 entries but there are 3 rows/);
    expectSegmentkitError(() => silhouetteScore([[0], [1], [2]], [0, 1, 1], { metric: 'chebyshev' as 'cosine' }), 'E_PARAM');
    expectSegmentkitError(() => silhouetteScore([[0], [1], [2]], [0, 1, 1], { sampleSize: 0 }), 'E_PARAM');
    expectSegmentkitError(() => silhouetteScore([[0], [NaN], [2]], [0, 1, 1]), 'E_NOT_FINITE');
    expectSegmentkitError(() => silhouetteScore([[0], [1], [2]], [0, 1, 1], { sampleSize: 2, seed: 1 }), 'E_LABELS');
  });
});

describe('Davies–Bouldin, Calinski–Harabasz and inertia', () => {
  it('hand-computed values on two pairs of points', () => {
    const X = [
      [0, 0],
      [0, 1],
      [5, 5],
      [5, 6],
    ];
    // centroids (0, .5) and (5, 5.5): spreads .5 and .5, centroid distance √50
    expect(daviesBouldinScore(X, [0, 0, 1, 1])).toBeCloseTo(1 / Math.sqrt(50), 15);
    // between 2·2·(2.5² + 2.5²) = 50 over 1 degree of freedom, within 1 over 2
    expect(calinskiHarabaszScore(X, [0, 0, 1, 1])).toBeCloseTo(100, 12);
    expect(inertia(X, [0, 0, 1, 1])).toBeCloseTo(1, 15);
    expect(inertia(X, [0, 0, 0, 0])).toBeCloseTo(51, 12);
  });

  it('are unchanged by renaming the labels and by row order', () => {
    const { X, labels } = makeBlobs({ nSamples: 500, centers: 4, nFeatures: 3, seed: 2 });
    const names = ['w', 'x', 'y', 'z'];
    const renamed = Array.from(labels, (l) => names[l]!);
    expect(daviesBouldinScore(X, renamed)).toBeCloseTo(daviesBouldinScore(X, labels), 13);
    expect(calinskiHarabaszScore(X, renamed)).toBeCloseTo(calinskiHarabaszScore(X, labels), 9);
    const order = createRng(1).permutation(500);
    const rows = Array.from(order, (i) => Array.from(X.data.subarray(i * 3, i * 3 + 3)));
    const shuffled = Array.from(order, (i) => labels[i]!);
    expect(daviesBouldinScore(rows, shuffled)).toBeCloseTo(daviesBouldinScore(X, labels), 12);
    expect(inertia(rows, shuffled) / inertia(X, labels)).toBeCloseTo(1, 12);
  });

  it('scikit-learn edge conventions: coinciding points give DB 0 and CH 1', () => {
    const X = [
      [1, 1],
      [1, 1],
      [2, 2],
      [2, 2],
    ];
    expect(daviesBouldinScore(X, [0, 0, 1, 1])).toBe(0);
    expect(calinskiHarabaszScore(X, [0, 0, 1, 1])).toBe(1);
  });

  it("{ noise: 'exclude' } drops rows labelled −1 before scoring", () => {
    const X = [
      [0, 0],
      [0, 1],
      [5, 5],
      [5, 6],
      [40, 40],
    ];
    expect(daviesBouldinScore(X, [0, 0, 1, 1, -1], { noise: 'exclude' })).toBe(daviesBouldinScore(X.slice(0, 4), [0, 0, 1, 1]));
    expect(calinskiHarabaszScore(X, [0, 0, 1, 1, -1], { noise: 'exclude' })).toBe(calinskiHarabaszScore(X.slice(0, 4), [0, 0, 1, 1]));
    expect(inertia(X, [0, 0, 1, 1, -1], { noise: 'exclude' })).toBe(1);
    expectSegmentkitError(() => inertia([[0], [1]], [-1, -1], { noise: 'exclude' }), 'E_LABELS', /every row is noise/);
  });

  it('reject a single cluster (DB, CH), wrong label counts and bad labels', () => {
    expectSegmentkitError(() => daviesBouldinScore([[0], [1], [2]], [4, 4, 4]), 'E_LABELS');
    expectSegmentkitError(() => calinskiHarabaszScore([[0], [1], [2]], [0, 1, 2]), 'E_LABELS');
    expectSegmentkitError(() => inertia([[0], [1]], [0]), 'E_SHAPE');
    expectSegmentkitError(() => inertia([[0], [1]], [0, 0.5]), 'E_LABELS');
  });
});
