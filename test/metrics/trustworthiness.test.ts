import { SegmentkitError, trustworthiness } from 'segmentkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReference } from '../helpers/reference';

interface Ref {
  X: number[][];
  embeddings: Record<string, number[][]>;
  cases: { embedding: string; nNeighbors: number; value: number }[];
}
const ref = loadReference<Ref>('trustworthiness.json');

describe('trustworthiness equals scikit-learn 1.2', () => {
  it('PCA, two raw columns and a random projection of 200 × 6 blobs, k = 1 … 99', () => {
    for (const c of ref.cases) {
      const value = trustworthiness(ref.X, ref.embeddings[c.embedding]!, { nNeighbors: c.nNeighbors });
      // the penalty is an integer sum and the scaling is written as scikit-learn writes it: the same double
      expect(value).toBe(c.value);
    }
  });
});

describe('trustworthiness: invariants', () => {
  it('an embedding that keeps every distance (a rotation and a shift) scores 1; a scale by 2^±600 changes nothing', () => {
    const X = ref.X.slice(0, 60);
    const turned = X.map((row) => row.map((v, j) => (j === 0 ? row[1]! + 3 : j === 1 ? -row[0]! : v)));
    expect(trustworthiness(X, turned, { nNeighbors: 7 })).toBe(1);
    const E = ref.embeddings.pca2!.slice(0, 60);
    const base = trustworthiness(X, E, { nNeighbors: 7 });
    expect(
      trustworthiness(
        X.map((r) => r.map((v) => v * 2 ** 600)),
        E.map((r) => r.map((v) => v * 2 ** -600)),
        { nNeighbors: 7 },
      ),
    ).toBe(base);
  });
  it('in [0, 1], and the same for rows in another order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 9 }), (shift, k) => {
        const n = 20;
        const X = Array.from({ length: n }, (_, i) => [Math.sin(i + shift), Math.cos(3 * i), i % 5]);
        const E = X.map((r) => [r[0]! + r[2]! / 10]);
        const t = trustworthiness(X, E, { nNeighbors: k });
        const order = Array.from({ length: n }, (_, i) => (i * 7 + shift) % n);
        const t2 = trustworthiness(
          order.map((i) => X[i]!),
          order.map((i) => E[i]!),
          { nNeighbors: k },
        );
        return t >= 0 && t <= 1 && Math.abs(t - t2) < 1e-12;
      }),
      { seed: 20261202, numRuns: 60 },
    );
  });
  it('refuses what it cannot measure, with the fix', () => {
    expect(() => trustworthiness([[0], [1], [2]], [[0], [1]])).toThrow(/same rows projected/);
    expect(() => trustworthiness([[0], [1], [2], [3]], [[0], [1], [2], [3]], { nNeighbors: 2 })).toThrow(/below n \/ 2/);
    expect(() => trustworthiness([[0], [1], [2], [3]], [[0], [1], [2], [3]], { nNeighbors: 0.5 })).toThrow(SegmentkitError);
    expect(() => trustworthiness([[0], [1], [2], [3]], [[0], [1], [2], [3]], { neighbors: 1 } as never)).toThrow(/nNeighbors/);
  });
});
