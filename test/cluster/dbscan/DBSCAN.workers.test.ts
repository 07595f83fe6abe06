import { DBSCAN, makeBlobs } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { workerFailureCount } from '../../../src/parallel/threadPool';
import { expectSegmentkitError } from '../../helpers/expectError';

// 70 000 rows: two waves of the core test (65 536 rows each), blocks of 256 rows shared out differently by
// 2, 3 and 4 threads; blobs with uniform noise, so rows are core, border and noise
const blobs = makeBlobs({ nSamples: 66_000, nFeatures: 5, centers: 6, clusterStd: 1.2, seed: 21 }).X;
const data = new Float64Array(70_000 * 5);
data.set(blobs.data);
for (let i = blobs.data.length, s = 7; i < data.length; i++) {
  s = (s * 1103515245 + 12345) % 2147483648;
  data[i] = -12 + (24 * s) / 2147483648;
}
const X = { data, rows: 70_000, cols: 5 };

function fingerprint(model: ReturnType<DBSCAN['fit']>): unknown {
  return {
    labels: Array.from(model.labels),
    core: Array.from(model.coreSampleIndices),
    nClusters: model.nClusters,
    evaluations: model.stats.distanceEvaluations,
  };
}

afterAll(() => expect(workerFailureCount()).toBe(0));

describe('DBSCAN workers', () => {
  for (const metric of ['euclidean', 'manhattan', 'cosine'] as const) {
    it(`${metric}: labels, core samples and the count of distance evaluations are the same for 1, 2, 3 and 4 threads`, () => {
      const eps = metric === 'cosine' ? 0.002 : metric === 'manhattan' ? 1.6 : 0.9;
      const fit = (workers: number) => new DBSCAN({ eps, minSamples: 8, metric, algorithm: 'kd-tree' }).fit(X, { workers });
      const one = fingerprint(fit(1));
      expect((one as { nClusters: number }).nClusters).toBeGreaterThan(1);
      for (const workers of [2, 3, 4]) expect(fingerprint(fit(workers))).toEqual(one);
    });
  }

  it("'auto' gives the model of one thread; progress still reaches the end of the core test; the grid ignores threads", () => {
    const events: number[] = [];
    const auto = new DBSCAN({ eps: 0.9, minSamples: 8 }).fit(X, {
      onProgress: (e) => {
        if (e.phase === 'core') events.push(e.done);
      },
    });
    expect(fingerprint(auto)).toEqual(fingerprint(new DBSCAN({ eps: 0.9, minSamples: 8 }).fit(X, { workers: 1 })));
    expect(events.at(-1)).toBe(70_000);
    const flat = { data: X.data.filter((_, i) => i % 5 < 2), rows: 70_000, cols: 2 };
    const grid = (workers: number) => new DBSCAN({ eps: 0.3, minSamples: 8 }).fit(flat, { workers });
    expect(fingerprint(grid(2))).toEqual(fingerprint(grid(1)));
  });

  it('refuses a bad workers value before fitting', () => {
    expectSegmentkitError(
      () => new DBSCAN({ eps: 1 }).fit(X, { workers: 300 }),
      'E_PARAM',
      "DBSCAN.fit: workers ('auto' or a number of threads) must be an integer in [1, 256]",
    );
  });
});
