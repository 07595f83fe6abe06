import { describe, expect, it } from 'vitest';
import { makeBlobs } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

describe('makeBlobs', () => {
  it('returns n × d rows, labels and k centres, splitting rows as evenly as scikit-learn does', () => {
    const { X, labels, centers } = makeBlobs({ nSamples: 10, centers: 3, nFeatures: 4, seed: 1 });
    expect([X.rows, X.cols, X.data.length, labels.length, centers.length]).toEqual([10, 4, 40, 10, 3]);
    const counts = [0, 0, 0];
    labels.forEach((l) => (counts[l]! += 1));
    expect(counts).toEqual([4, 3, 3]);
  });

  it('is deterministic for a seed', () => {
    expect(makeBlobs({ seed: 3 }).X.data).toEqual(makeBlobs({ seed: 3 }).X.data);
    expect(makeBlobs({ seed: 3 }).X.data).not.toEqual(makeBlobs({ seed: 4 }).X.data);
  });

  it('places rows at the given centres (std 0) and keeps blob order without shuffle', () => {
    const { X, labels } = makeBlobs({
      nSamples: 4,
      centers: [
        [1, 1],
        [5, -5],
      ],
      clusterStd: 0,
      shuffle: false,
    });
    expect(Array.from(labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(X.data)).toEqual([1, 1, 1, 1, 5, -5, 5, -5]);
  });

  it('draws each blob around its centre with the requested spread', () => {
    const { X, labels, centers } = makeBlobs({ nSamples: 20_000, centers: 2, nFeatures: 2, clusterStd: [0.5, 2], seed: 9 });
    for (let c = 0; c < 2; c++) {
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < X.rows; i++) {
        if (labels[i] !== c) continue;
        const v = X.data[i * 2]! - centers[c]![0]!;
        n++;
        sum += v;
        sumSq += v * v;
      }
      const std = Math.sqrt(sumSq / n - (sum / n) ** 2);
      expect(Math.abs(sum / n)).toBeLessThan(0.1);
      expect(std).toBeCloseTo(c === 0 ? 0.5 : 2, 1);
    }
  });

  it('rejects bad options clearly', () => {
    expectSegmentkitError(() => makeBlobs({ nSamples: 0 }), 'E_PARAM', /nSamples/);
    expectSegmentkitError(() => makeBlobs({ clusterStd: [1, 2] }), 'E_PARAM', /clusterStd has 2 entries but there are 3 centres/);
    expectSegmentkitError(() => makeBlobs({ nSample: 10 } as never), 'E_PARAM', /did you mean 'nSamples'/);
    expectSegmentkitError(() => makeBlobs({ centers: [[1, 2], [3]] }), 'E_SHAPE');
    expectSegmentkitError(() => makeBlobs({ centers: [[1, 2]], nFeatures: 3 }), 'E_PARAM');
  });
});
