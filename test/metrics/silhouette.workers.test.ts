import { makeBlobs, silhouetteSamples, silhouetteScore } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { workerFailureCount } from '../../src/parallel/threadPool';

// 12 000 rows in 3 clusters, the largest (about 9 500 rows) spanning two rounds of 8 192 rows; every round is
// split into sixteen partitions whatever the thread count
const { X, labels } = makeBlobs({
  nSamples: 12_000,
  nFeatures: 5,
  centers: [
    [0, 0, 0, 0, 0],
    [4, 4, 0, 0, 0],
    [0, 4, 4, 0, 0],
  ],
  clusterStd: 2,
  seed: 4,
});
const uneven = Array.from(labels, (label, i) => (i % 4 !== 3 ? 0 : label));

const bits = (values: Float64Array) => Array.from(new BigInt64Array(values.buffer.slice(0)));

// a kernel that failed in a worker would have made every comparison below pass vacuously on one thread
afterAll(() => expect(workerFailureCount()).toBe(0));

describe('silhouette workers', () => {
  for (const metric of ['euclidean', 'sqeuclidean', 'manhattan', 'cosine'] as const) {
    it(`${metric}: every value is bit-identical for 1, 2, 3 and 4 threads`, () => {
      const one = bits(silhouetteSamples(X, uneven, { metric, workers: 1 }));
      for (const workers of [2, 3, 4]) expect(bits(silhouetteSamples(X, uneven, { metric, workers }))).toEqual(one);
    });
  }

  it("silhouetteScore is the same number for 'auto' and for one thread", () => {
    expect(silhouetteScore(X, labels, { workers: 'auto' })).toBe(silhouetteScore(X, labels, { workers: 1 }));
  });

  it('an independent all-pairs loop agrees to 1e-12', () => {
    const n = 700;
    const d = X.cols;
    const values = silhouetteSamples({ data: X.data.subarray(0, n * d), rows: n, cols: d }, uneven.slice(0, n), { workers: 2 });
    for (const i of [0, 1, 2, 350, 699]) {
      const sums = new Map<number, { total: number; size: number }>();
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (X.data[i * d + t]! - X.data[j * d + t]!) ** 2;
        const entry = sums.get(uneven[j]!) ?? { total: 0, size: 0 };
        entry.total += Math.sqrt(s);
        entry.size += 1;
        sums.set(uneven[j]!, entry);
      }
      const own = sums.get(uneven[i]!)!;
      const a = own.total / (own.size - 1);
      let b = Infinity;
      for (const [label, { total, size }] of sums) if (label !== uneven[i]) b = Math.min(b, total / size);
      expect(values[i]).toBeCloseTo((b - a) / Math.max(a, b), 12);
    }
  });
});
