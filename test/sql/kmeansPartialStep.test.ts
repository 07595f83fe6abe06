import { kmeans, kmeansPartialStep, makeBlobs, mergeKMeansPartials } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';

describe('kmeansPartialStep + mergeKMeansPartials', () => {
  const { X } = makeBlobs({ nSamples: 3000, nFeatures: 3, centers: 4, seed: 5 });
  const rows = Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * 3, i * 3 + 3)));
  const centroids = rows.slice(0, 4);

  it('assigns as predict and gives the same bits for any sharding and order', () => {
    const model = kmeans(rows, { nClusters: 4, init: centroids, maxIter: 1 });
    const whole = kmeansPartialStep(rows, model.centroids);
    const labels = model.predict(rows);
    expect(whole.counts).toEqual([0, 1, 2, 3].map((j) => labels.filter((l) => l === j).length));
    const shards = [rows.slice(0, 7), rows.slice(7, 1500), [], rows.slice(1500)].map((s) => kmeansPartialStep(s, model.centroids));
    const merged = mergeKMeansPartials(shards);
    const reversed = mergeKMeansPartials([...shards].reverse());
    const nested = mergeKMeansPartials([mergeKMeansPartials(shards.slice(0, 2)), mergeKMeansPartials(shards.slice(2))]);
    for (const other of [reversed, nested, mergeKMeansPartials([whole])]) {
      expect(other.sums).toEqual(merged.sums);
      expect(other.inertia).toBe(merged.inertia);
      expect(other.counts).toEqual(merged.counts);
    }
    expect(merged.sums).toEqual(whole.sums);
    expect(merged.inertia).toBeCloseTo(-model.score(rows), 6);
  });

  it('sums exactly: 1e16, 1, -1e16 gives 1', () => {
    const part = kmeansPartialStep([[1e16], [1], [-1e16]], [[0]]);
    expect(part.sums).toEqual([[1]]);
    expect(mergeKMeansPartials([kmeansPartialStep([[0.1], [0.2]], [[0]]), kmeansPartialStep([[0.3]], [[0]])]).sums[0]![0]).toBe(0.6);
  });

  it('one Lloyd step from the merged partials equals KMeans with maxIter 1', () => {
    const merged = mergeKMeansPartials([kmeansPartialStep(rows.slice(0, 1000), centroids), kmeansPartialStep(rows.slice(1000), centroids)]);
    const next = merged.sums.map((s, j) => s.map((v) => v / merged.counts[j]!));
    const local = kmeans(rows, { nClusters: 4, init: centroids, maxIter: 1, tol: 0 });
    next.forEach((row, j) => row.forEach((v, t) => expect(v).toBeCloseTo(local.centroids[j]![t]!, 10)));
  });

  it('refuses mismatched shapes and malformed parts', () => {
    expectSegmentkitError(() => kmeansPartialStep([[1, 2]], [[1]]), 'E_SHAPE', /columns/);
    expectSegmentkitError(() => mergeKMeansPartials([]), 'E_PARAM', /non-empty/);
    expectSegmentkitError(
      () => mergeKMeansPartials([kmeansPartialStep([[1]], [[0]]), kmeansPartialStep([[1]], [[0], [1]])]),
      'E_SHAPE',
      /clusters/,
    );
    expectSegmentkitError(() => mergeKMeansPartials([{} as never]), 'E_PARAM', /parts\[0\]/);
  });
});
