// Unit tests of internals too: kmeansBic, gapChoice, kneedleElbow (imported from src/, not part of the public API).
import { describe, expect, it } from 'vitest';
import { chooseK, createRng, KMeans, makeBlobs } from 'segmentkit';

import { kmeansBic } from '../../src/metrics/chooseK';
import { gapChoice } from '../../src/metrics/gapStatistic';
import { kneedleElbow } from '../../src/metrics/kneedleElbow';
import { expectSegmentkitError } from '../helpers/expectError';

describe('chooseK', () => {
  const { X } = makeBlobs({ nSamples: 900, centers: 4, nFeatures: 3, clusterStd: 0.8, seed: 12 });

  it('recommends the number of well-separated blobs, with one row per k and every criterion', () => {
    const result = chooseK(X, { kMax: 8, seed: 1 });
    expect(result.recommendedK).toBe(4);
    expect(result.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const row of result.rows) {
      for (const key of ['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'gap', 'gapStdErr', 'bic'] as const) {
        expect(Number.isFinite(row[key]), `${key} at k = ${row.k}`).toBe(true);
      }
      expect(row.sizes.reduce((s, v) => s + v, 0)).toBe(900);
    }
    expect(result.elbow).toBe(4);
    expect(result.gapK).toBe(4);
    expect(result.votes.silhouette).toBe(4);
    expect(result.reason).toMatch(/^k = 4: chosen by/);
    expect(result.silhouetteRows).toBe(900);
  });

  it('is deterministic for a seed', () => {
    const a = chooseK(X, { kMax: 5, seed: 'abc', methods: ['inertia', 'gap'] });
    const b = chooseK(X, { kMax: 5, seed: 'abc', methods: ['inertia', 'gap'] });
    expect(a).toEqual(b);
  });

  it('computes only the requested criteria', () => {
    const result = chooseK(X, { kMin: 3, kMax: 5, methods: ['silhouette', 'daviesBouldin'] });
    expect(Object.keys(result.rows[0]!).sort()).toEqual(['daviesBouldin', 'k', 'silhouette', 'sizes']);
    expect(result.elbow).toBeNull();
    expect(result.gapK).toBeNull();
    expect(Object.keys(result.votes).sort()).toEqual(['daviesBouldin', 'silhouette']);
  });

  it('works with a Gaussian mixture (its BIC) as the estimator', () => {
    const result = chooseK(X, { kMax: 6, estimator: 'gmm', methods: ['bic', 'silhouette'], covarianceType: 'spherical', seed: 3 });
    expect(result.estimator).toBe('gmm');
    expect(result.votes.bic).toBe(4);
    expect(result.recommendedK).toBe(4);
  });

  it('samples rows for the silhouette and the gap statistic on large data', () => {
    const result = chooseK(X, { kMax: 4, silhouetteSampleSize: 300, gapSampleSize: 200, nReferences: 3 });
    expect(result.silhouetteRows).toBe(300);
    expect(result.gapRows).toBe(200);
  });

  it('a best value at kMax does not vote: the criterion is still improving at the edge of the range', () => {
    const result = chooseK(X, { kMin: 2, kMax: 3, methods: ['silhouette', 'calinskiHarabasz', 'inertia'] });
    expect(result.votes).toEqual({ inertia: null, silhouette: null, calinskiHarabasz: null });
    expect(result.recommendedK).toBe(3);
    expect(result.reason).toMatch(/still improving at kMax .*try a larger kMax/);
  });

  it('with kMin: 1 the gap statistic and BIC can say there is no segment structure at all', () => {
    const rng = createRng(1);
    const blob = Array.from({ length: 500 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const result = chooseK(blob, { kMin: 1, kMax: 6 });
    expect(result.rows[0]!.silhouette).toBeNaN(); // undefined for one segment
    expect(result.gapK).toBe(1);
    expect(result.votes.bic).toBe(1);
    expect(result.recommendedK).toBe(1);
  });

  it('says so when no criterion names a k', () => {
    const rng = createRng(5);
    const line = Array.from({ length: 60 }, (_, i) => [i + rng.uniform() * 1e-3]);
    const result = chooseK(line, { kMax: 3, methods: ['inertia'] });
    expect(result.elbow).toBeNull();
    expect(result.recommendedK).toBe(2);
    expect(result.reason).toMatch(/no criterion singled out a k/);
  });

  it('rejects bad ranges, methods and options', () => {
    expectSegmentkitError(() => chooseK(X, { kMin: 5, kMax: 3 }), 'E_PARAM');
    expectSegmentkitError(() => chooseK([[0], [1], [2]], { kMax: 4 }), 'E_PARAM');
    expectSegmentkitError(() => chooseK(X, { methods: ['elbow' as 'gap'] }), 'E_PARAM');
    expectSegmentkitError(() => chooseK(X, { methods: [] }), 'E_PARAM');
    expectSegmentkitError(() => chooseK(X, { estimator: 'dbscan' as 'gmm' }), 'E_PARAM');
    expectSegmentkitError(() => chooseK(X, { kmax: 4 } as object), 'E_PARAM', /did you mean 'kMax'/);
    expectSegmentkitError(() => chooseK([[1, 2]]), 'E_PARAM', /X has only 1 row but kMin = 2/);
    expectSegmentkitError(() => chooseK(X, { kMax: 6, gapSampleSize: 5 }), 'E_PARAM', /gapSampleSize/);
  });

  it('a silhouette sample that misses all but one segment gives NaN for that k, not an error', () => {
    // 95 rows in one tight group and 5 far away: a 3-row sample usually sees only the big group
    const rows = [...Array.from({ length: 95 }, (_, i) => [i * 1e-3]), ...Array.from({ length: 5 }, (_, i) => [100 + i * 1e-3])];
    const result = chooseK(rows, { kMax: 3, methods: ['silhouette'], silhouetteSampleSize: 3, seed: 1 });
    expect(result.rows.map((r) => r.k)).toEqual([2, 3]);
    expect(result.rows.some((r) => Number.isNaN(r.silhouette))).toBe(true);
    expect(chooseK(rows, { kMax: 3, methods: ['silhouette'] }).rows.every((r) => Number.isFinite(r.silhouette))).toBe(true);
  });
});

describe('chooseK building blocks', () => {
  it('kneedleElbow finds the bend of a convex decreasing curve and nothing on a straight line', () => {
    // scaled differences from the chord: 0, .467, .489, .344, .178, 0: the elbow is the third point (k = 3)
    expect(kneedleElbow([1, 2, 3, 4, 5, 6], [100, 40, 20, 15, 12, 10])).toBe(2);
    expect(kneedleElbow([2, 3, 4, 5, 6], [50, 40, 30, 20, 10])).toBeNull();
    expect(kneedleElbow([2, 3], [50, 10])).toBeNull();
    expect(kneedleElbow([2, 3, 4], [5, 5, 5])).toBeNull();
  });

  it("gapChoice applies Tibshirani's one-standard-error rule", () => {
    const values = [
      { k: 2, gap: 0.5, standardError: 0.01 },
      { k: 3, gap: 0.9, standardError: 0.05 },
      { k: 4, gap: 0.92, standardError: 0.05 }, // 0.9 ≥ 0.92 − 0.05: k = 3
      { k: 5, gap: 1.2, standardError: 0.05 },
    ];
    expect(gapChoice(values)).toBe(3);
    expect(gapChoice(values.slice(0, 2))).toBeNull();
  });

  it('kmeansBic is the spherical Gaussian BIC of Pelleg and Moore', () => {
    const { X } = makeBlobs({ nSamples: 200, centers: 2, nFeatures: 2, seed: 1 });
    const model = new KMeans({ nClusters: 2, seed: 1 }).fit(X);
    const sizes = model.clusterSizes;
    const n = 200;
    const d = 2;
    const variance = model.inertia / (d * (n - 2));
    let logLikelihood = 0;
    for (let i = 0; i < n; i++) logLikelihood += Math.log(sizes[model.labels[i]!]! / n) - Math.log(2 * Math.PI * variance);
    logLikelihood -= model.inertia / (2 * variance);
    expect(kmeansBic(n, d, sizes, model.inertia)).toBeCloseTo(-2 * logLikelihood + (2 * d + 2) * Math.log(n), 8);
  });
});
