import { makeBlobs, PCA } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { workerFailureCount } from '../../src/parallel/threadPool';
import { expectSegmentkitError } from '../helpers/expectError';

// 41 000 rows: five chunks of 8 192 (the last one short), shared out differently by 2, 3 and 4 threads
const { X } = makeBlobs({ nSamples: 41_000, nFeatures: 12, centers: 4, clusterStd: 3, seed: 5 });

const bitsOf = (values: ArrayLike<number>) => Array.from(new BigInt64Array(Float64Array.from(values).buffer));

afterAll(() => expect(workerFailureCount()).toBe(0));

describe('PCA workers', () => {
  it('the full solver gives bit-identical components and variances for 1, 2, 3 and 4 threads', () => {
    const fit = (workers: number) => new PCA().fit(X, { workers });
    const one = fit(1);
    for (const workers of [2, 3, 4]) {
      const model = fit(workers);
      expect(bitsOf(model.components.flat())).toEqual(bitsOf(one.components.flat()));
      expect(bitsOf(model.explainedVariance)).toEqual(bitsOf(one.explainedVariance));
    }
  });

  it('below one chunk of rows the cross-product is the same as summing every block in order', () => {
    // 8 000 rows: one chunk, so the result is the plain running sum (checked against an independent loop)
    const n = 8000;
    const d = X.cols;
    const small = { data: X.data.subarray(0, n * d), rows: n, cols: d };
    const model = new PCA().fit(small, { workers: 2 });
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += small.data[i * d + j]! / n;
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) total += (small.data[i * d + j]! - mean[j]!) ** 2;
    const explained = model.explainedVariance.reduce((a, b) => a + b, 0);
    expect(explained).toBeCloseTo(total / (n - 1), 8);
  });

  it('refuses a bad workers value, for the randomized solver too', () => {
    expectSegmentkitError(
      () => new PCA({ nComponents: 2, svdSolver: 'randomized' }).fit(X, { workers: -1 }),
      'E_PARAM',
      'PCA.fit: workers',
    );
  });
});
