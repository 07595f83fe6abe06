import { KMeans, makeBlobs } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { workerFailureCount } from '../../../src/parallel/threadPool';

import { expectSegmentkitError } from '../../helpers/expectError';

// 30 000 rows are four chunks of 8 192 (the unit the threads share), so 2, 3 and 4 threads split them
// differently; overlapping blobs make the fits long, with many rows moving in every pass.
const { X } = makeBlobs({ nSamples: 30_000, nFeatures: 5, centers: 7, clusterStd: 3.5, seed: 8 });

function fingerprint(model: ReturnType<KMeans['fit']>): unknown {
  return {
    labels: Array.from(model.labels),
    // the exact bits of every centroid coordinate and of the inertia
    centroids: model.centroids.flat().map((v) => new BigInt64Array(new Float64Array([v]).buffer)[0]),
    inertia: model.inertia,
    nIter: model.nIter,
    evaluations: model.stats.distanceEvaluations,
  };
}

// a kernel that failed in a worker would have made every comparison below pass vacuously on one thread
afterAll(() => expect(workerFailureCount()).toBe(0));

describe('KMeans workers', () => {
  for (const algorithm of ['lloyd', 'hamerly', 'elkan'] as const) {
    it(`${algorithm}: the model is bit-identical for 1, 2, 3 and 4 threads`, () => {
      const fit = (workers: number) => new KMeans({ nClusters: 9, algorithm, seed: 3, nInit: 2, tol: 0, maxIter: 40 }).fit(X, { workers });
      const one = fingerprint(fit(1));
      for (const workers of [2, 3, 4]) expect(fingerprint(fit(workers))).toEqual(one);
    });
  }

  it('with sample weights (zero weights included) the model is bit-identical for every thread count', () => {
    const weights = Array.from({ length: X.rows }, (_, i) => (i % 11 === 0 ? 0 : 1 + (i % 5) / 4));
    const fit = (workers: number) => new KMeans({ nClusters: 6, seed: 9 }).fit(X, { workers, sampleWeight: weights });
    expect(fingerprint(fit(2))).toEqual(fingerprint(fit(1)));
  });

  it("'auto' and explicit thread counts give the model of one thread; the caller's X is not written", () => {
    const before = Float64Array.from(X.data);
    const fit = (workers: number | 'auto') => new KMeans({ nClusters: 5, seed: 1 }).fit(X, { workers });
    expect(fingerprint(fit('auto'))).toEqual(fingerprint(fit(1)));
    expect(X.data).toEqual(before);
    // the model holds plain memory, never a buffer other threads can write
    expect(fit(2).labels.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('rows beyond 2^±400 (fitted rescaled by a power of two) give the same model on threads, that of the rows as given', () => {
    // 2^450 is exact: the rescaled fit is the very fit of X, its centroids and inertia scaled back exactly (and the
    // inertia, about 2^900 times that of X, still a double)
    const scale = 2 ** 450;
    const huge = { data: X.data.map((v) => v * scale), rows: X.rows, cols: X.cols };
    const fit = (data: typeof X, workers: number) => new KMeans({ nClusters: 5, seed: 4 }).fit(data, { workers });
    const plain = fit(X, 1);
    const one = fit(huge, 1);
    expect(fingerprint(fit(huge, 2))).toEqual(fingerprint(one));
    expect(one.centroids).toEqual(plain.centroids.map((row) => row.map((v) => v * scale)));
    expect(Array.from(one.labels)).toEqual(Array.from(plain.labels));
    expect(one.inertia).toBe(plain.inertia * scale * scale);
    // the same rows handed over in shared memory are used as they are, and still never written
    const shared = { data: new Float64Array(new SharedArrayBuffer(8 * huge.data.length)), rows: X.rows, cols: X.cols };
    shared.data.set(huge.data);
    expect(fingerprint(fit(shared, 2))).toEqual(fingerprint(one));
    expect(shared.data).toEqual(huge.data);
    expect(huge.data[0]).toBe(X.data[0]! * scale);
  });

  it('refuses a bad workers value before fitting', () => {
    expectSegmentkitError(
      () => new KMeans({ nClusters: 2 }).fit(X, { workers: 0 }),
      'E_PARAM',
      "KMeans.fit: workers ('auto' or a number of threads) must be an integer in [1, 256]",
    );
  });
});
