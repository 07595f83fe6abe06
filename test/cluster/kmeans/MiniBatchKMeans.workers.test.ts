import { makeBlobs, MiniBatchKMeans } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { workerFailureCount } from '../../../src/parallel/threadPool';
import { AUTO_PARALLEL_WORK } from '../../../src/parallel/workersOption';

import { expectSegmentkitError, expectSegmentkitErrorAsync } from '../../helpers/expectError';

// 30 000 rows are four chunks of 8 192 (the unit the threads share), so 2, 3 and 4 threads split the final
// labelling differently; with k = 30 the pass is 4.5 M steps, enough for 'auto' to use every core.
const { X } = makeBlobs({ nSamples: 30_000, nFeatures: 5, centers: 7, clusterStd: 3.5, seed: 8 });
const K = 30;

function fingerprint(model: ReturnType<MiniBatchKMeans['fit']>): unknown {
  return {
    labels: Array.from(model.labels),
    // the exact bits of every centroid coordinate and of the inertia
    centroids: model.centroids.flat().map((v) => new BigInt64Array(new Float64Array([v]).buffer)[0]),
    inertia: model.inertia,
    nSteps: model.nSteps,
  };
}

// a kernel that failed in a worker would have made every comparison below pass vacuously on one thread
afterAll(() => expect(workerFailureCount()).toBe(0));

describe('MiniBatchKMeans workers', () => {
  it('the model is bit-identical for 1, 2, 3 and 4 threads, and for auto (which uses threads here)', () => {
    expect(X.rows * X.cols * K).toBeGreaterThanOrEqual(AUTO_PARALLEL_WORK);
    const fit = (workers: number | 'auto') => new MiniBatchKMeans({ nClusters: K, seed: 4, batchSize: 256 }).fit(X, { workers });
    const one = fingerprint(fit(1));
    for (const workers of [2, 3, 4, 'auto'] as const) expect(fingerprint(fit(workers))).toEqual(one);
  });

  it("with sample weights the model is bit-identical for every thread count; the caller's X is not written", () => {
    const before = Float64Array.from(X.data);
    const weights = Array.from({ length: X.rows }, (_, i) => (i % 11 === 0 ? 0 : 1 + (i % 5) / 4));
    const fit = (workers: number) => new MiniBatchKMeans({ nClusters: K, seed: 9 }).fit(X, { workers, sampleWeight: weights });
    const two = fit(2);
    expect(fingerprint(two)).toEqual(fingerprint(fit(1)));
    expect(X.data).toEqual(before);
    // the model holds plain memory, never a buffer other threads can write
    expect(two.labels.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('refuses a bad workers value before fitting; fitStream has no full pass and so no workers option', async () => {
    expectSegmentkitError(
      () => new MiniBatchKMeans({ nClusters: 2 }).fit(X, { workers: 1.5 }),
      'E_PARAM',
      "MiniBatchKMeans.fit: workers ('auto' or a number of threads) must be an integer in [1, 256]",
    );
    async function* chunks() {
      yield [[0], [1], [10], [11]];
    }
    await expectSegmentkitErrorAsync(
      // @ts-expect-error workers is not a fitStream option
      () => new MiniBatchKMeans({ nClusters: 2 }).fitStream(chunks(), { workers: 2 }),
      'E_PARAM',
      'workers',
    );
  });
});
