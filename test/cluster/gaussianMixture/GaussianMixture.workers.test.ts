import { GaussianMixture, makeBlobs } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { createEmWorkspace, emIteration } from '../../../src/cluster/gaussianMixture/emIteration';
import { precisionFromCovariance } from '../../../src/cluster/gaussianMixture/gaussianParameters';
import { threadPool, workerFailureCount } from '../../../src/parallel/threadPool';
import { expectSegmentkitError } from '../../helpers/expectError';

// 21 000 rows: 165 blocks of 128, eleven claims of 16 blocks (the last one short), shared out differently by
// 2, 3 and 4 threads; overlapping blobs, so many rows have several non-negligible responsibilities
const { X } = makeBlobs({ nSamples: 21_000, nFeatures: 6, centers: 5, clusterStd: 3, seed: 12 });

const bitsOf = (values: ArrayLike<number>) => Array.from(new BigInt64Array(Float64Array.from(values).buffer));

function fingerprint(model: ReturnType<GaussianMixture['fit']>): unknown {
  return {
    weights: bitsOf(model.weights),
    means: bitsOf(model.means.flat()),
    covariances: bitsOf((model.covariances as number[] | number[][] | number[][][]).flat(2) as number[]),
    lowerBound: model.lowerBound,
    nIter: model.nIter,
  };
}

// a kernel that failed in a worker would have made every comparison below pass vacuously on one thread
afterAll(() => expect(workerFailureCount()).toBe(0));

describe('GaussianMixture workers', () => {
  for (const covarianceType of ['full', 'tied', 'diag', 'spherical'] as const) {
    it(`${covarianceType}: the model is bit-identical for 1, 2, 3 and 4 threads`, () => {
      const fit = (workers: number) =>
        new GaussianMixture({ nComponents: 5, covarianceType, seed: 2, nInit: 2, tol: 0, maxIter: 12 }).fit(X, { workers });
      const one = fingerprint(fit(1));
      for (const workers of [2, 3, 4]) expect(fingerprint(fit(workers))).toEqual(one);
    });
  }

  it("'auto' gives the model of one thread; the caller's X is not written", () => {
    const before = Float64Array.from(X.data);
    const fit = (workers: number | 'auto') => new GaussianMixture({ nComponents: 4, seed: 7 }).fit(X, { workers });
    expect(fingerprint(fit('auto'))).toEqual(fingerprint(fit(1)));
    expect(X.data).toEqual(before);
  });

  it('splitting the blocks into waves (bounded memory for the block sums) changes no bit, on one thread or two', () => {
    const n = 3000;
    const d = 4;
    const k = 3;
    const data = X.data.slice(0, n * d);
    const means = data.slice(0, k * d);
    const covariances = new Float64Array(k * d * d);
    for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) covariances[c * d * d + t * d + t] = 4 + c;
    const current = {
      type: 'full' as const,
      k,
      d,
      weights: Float64Array.from([0.2, 0.3, 0.5]),
      means,
      covariances,
      ...precisionFromCovariance('full', k, d, covariances, 'test'),
    };
    const whole = emIteration(data, n, current, 1e-6, 'test');
    // one claim of 16 blocks per wave: 24 blocks → 2 waves
    for (const pool of [null, threadPool(2)]) {
      const waves = emIteration(data, n, current, 1e-6, 'test', createEmWorkspace(data, n, d, k, 'full', pool, 1));
      expect(waves.lowerBound).toBe(whole.lowerBound);
      expect(bitsOf(waves.parameters.means)).toEqual(bitsOf(whole.parameters.means));
      expect(bitsOf(waves.parameters.covariances!)).toEqual(bitsOf(whole.parameters.covariances!));
      expect(bitsOf(waves.parameters.weights)).toEqual(bitsOf(whole.parameters.weights));
    }
  });

  it('refuses a bad workers value before fitting', () => {
    expectSegmentkitError(
      () => new GaussianMixture({ nComponents: 2 }).fit(X, { workers: 1.5 }),
      'E_PARAM',
      "GaussianMixture.fit: workers ('auto' or a number of threads) must be an integer in [1, 256]",
    );
  });
});
