import { describe, expect, it } from 'vitest';
import { adjustedRandScore, clusterStability, KMeans, makeBlobs, type Matrix } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

describe('clusterStability', () => {
  const { X } = makeBlobs({
    nSamples: 600,
    centers: [
      [0, 0],
      [6, 0],
      [0, 6],
    ],
    clusterStd: 0.7,
    seed: 3,
  });

  it('well-separated segments come back in every resample: ARI 1, Jaccard 1, stable', () => {
    const result = clusterStability(X, (rows) => new KMeans({ nClusters: 3, nInit: 3, seed: 1 }).fit(rows), { nBootstrap: 6, seed: 2 });
    expect(result.pairwiseAri.length).toBe(15);
    expect(result.meanAri).toBeCloseTo(1, 12);
    expect(result.stdAri).toBeCloseTo(0, 12);
    expect(result.stable).toBe(true);
    expect(result.segments.map((s) => s.verdict)).toEqual(['stable', 'stable', 'stable']);
    expect(result.segments.every((s) => s.meanJaccard === 1 && s.recovered === 6 && s.resamples === 6)).toBe(true);
    expect(result.sampleSize).toBe(480);
    expect(result.summary).toMatch(/all 3 segments stable/);
  });

  it('too many segments for the data show up as unstable', () => {
    const result = clusterStability(X, (rows) => new KMeans({ nClusters: 7, seed: 1 }).fit(rows).labels, { nBootstrap: 8, seed: 2 });
    expect(result.meanAri).toBeLessThan(0.9);
    expect(result.stable).toBe(false);
    expect(result.segments.some((s) => s.verdict !== 'stable')).toBe(true);
    expect(result.summary).toMatch(/do not ship/);
  });

  it('accepts string labels from fitFn, is deterministic for a seed, and passes fitFn the resampled rows', () => {
    const sizes: number[] = [];
    const fit = (rows: Matrix): string[] => {
      sizes.push(rows.rows);
      return Array.from({ length: rows.rows }, (_, i) => (rows.data[i * 2]! > 3 ? 'east' : 'west'));
    };
    const a = clusterStability(X, fit, { nBootstrap: 3, sampleFraction: 0.5, seed: 'x' });
    const b = clusterStability(X, fit, { nBootstrap: 3, sampleFraction: 0.5, seed: 'x' });
    expect(a).toEqual(b);
    expect(sizes.slice(0, 4)).toEqual([600, 300, 300, 300]);
    expect(a.segments.map((s) => s.label)).toEqual(['east', 'west']);
  });

  it('pairwise ARIs equal adjustedRandScore on the rows two resamples share, and 700 resamples do not overflow', () => {
    // row i is [i], so fitFn can tell which rows it was given; labels depend on the resample so ARIs vary
    const rows20 = Array.from({ length: 20 }, (_, i) => [i]);
    const fits: Map<number, number>[] = [];
    const fit = (rows: Matrix): number[] => {
      const cut = 5 + (fits.length % 7);
      const labels = Array.from(rows.data, (v) => (v < cut ? 0 : v < 14 ? 1 : 2));
      fits.push(new Map(Array.from(rows.data, (v, r) => [v, labels[r]!])));
      return labels;
    };
    const result = clusterStability(rows20, fit, { nBootstrap: 700, sampleFraction: 0.6, seed: 4 });
    expect(result.pairwiseAri.length).toBe((700 * 699) / 2);
    const refits = fits.slice(1);
    let p = 0;
    for (let b1 = 0; b1 < 4; b1++) {
      for (let b2 = b1 + 1; b2 < 700; b2++, p++) {
        if (b2 > 5) continue;
        const shared = [...refits[b1]!.keys()].filter((i) => refits[b2]!.has(i));
        const expected = adjustedRandScore(
          shared.map((i) => refits[b1]!.get(i)!),
          shared.map((i) => refits[b2]!.get(i)!),
        );
        expect(result.pairwiseAri[p]).toBeCloseTo(expected, 14);
      }
    }
    const sorted = Float64Array.from(result.pairwiseAri).sort();
    expect(result.minAri).toBe(sorted[0]);
    expect(result.maxAri).toBe(sorted[sorted.length - 1]);
    expect(result.minAri).toBeLessThan(result.maxAri);
  });

  it('rejects a fitFn that returns the wrong number of labels, and bad options', () => {
    expectSegmentkitError(() => clusterStability(X, () => [0, 1]), 'E_SHAPE');
    expectSegmentkitError(() => clusterStability(X, () => ({ labels: new Int32Array(600) }), { nBootstrap: 1 }), 'E_PARAM');
    expectSegmentkitError(() => clusterStability(X, () => new Int32Array(600), { sampleFraction: 0 }), 'E_PARAM');
    expectSegmentkitError(() => clusterStability([[0], [1]], () => [0, 0], { sampleFraction: 0.5 }), 'E_PARAM');
    expectSegmentkitError(() => clusterStability(X, 'kmeans' as unknown as () => number[]), 'E_PARAM');
  });
});
