// Unit tests of internals too: countContingency, encodeLabels, expectedMutualInformation, logFactorial, pairwiseSum (imported from src/, not part of the public API).
import fc from 'fast-check';
import {
  adjustedMutualInfoScore,
  adjustedRandScore,
  completenessScore,
  contingencyMatrix,
  fowlkesMallowsScore,
  homogeneityScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  pairConfusionMatrix,
  randScore,
  vMeasureScore,
} from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { countContingency } from '../../src/metrics/contingency';
import { encodeLabels } from '../../src/metrics/encodeLabels';
import { expectedMutualInformation } from '../../src/metrics/expectedMutualInformation';
import { logFactorial } from '../../src/core/logFactorial';
import { pairwiseSum } from '../../src/metrics/pairwiseSum';
import { expectSegmentkitError } from '../helpers/expectError';

const labelling = (n: number, k: number) => fc.array(fc.integer({ min: -1, max: k - 1 }), { minLength: n, maxLength: n });
const pairOfLabellings = fc
  .integer({ min: 2, max: 60 })
  .chain((n) =>
    fc.tuple(labelling(n, 5), labelling(n, 7), fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8], { minLength: 9, maxLength: 9 })),
  );

const SYMMETRIC = [
  adjustedRandScore,
  randScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  adjustedMutualInfoScore,
  vMeasureScore,
  fowlkesMallowsScore,
];
const ALL = [...SYMMETRIC, homogeneityScore, completenessScore];

describe('label comparisons: invariances', () => {
  it('every score is unchanged by renaming the labels (integers → other integers → strings)', () => {
    fc.assert(
      fc.property(pairOfLabellings, ([a, b, perm]) => {
        const renamedA = a.map((v) => perm[v + 1]! * 10 - 3);
        const renamedB = b.map((v) => `segment ${perm[v + 1]}`);
        for (const score of ALL) {
          const original = score(a, b);
          const renamed = score(renamedA, renamedB);
          expect(Math.abs(renamed - original)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(original)));
        }
      }),
    );
  });

  it('ARI, Rand, MI, NMI, AMI, V-measure and Fowlkes–Mallows are symmetric; homogeneity(a, b) = completeness(b, a)', () => {
    fc.assert(
      fc.property(pairOfLabellings, ([a, b]) => {
        for (const score of SYMMETRIC) expect(Math.abs(score(a, b) - score(b, a))).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(homogeneityScore(a, b) - completenessScore(b, a))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('scores stay in their ranges and a labelling compared with itself scores 1', () => {
    fc.assert(
      fc.property(pairOfLabellings, ([a, b]) => {
        expect(adjustedRandScore(a, b)).toBeGreaterThanOrEqual(-0.5 - 1e-12);
        expect(adjustedRandScore(a, b)).toBeLessThanOrEqual(1 + 1e-12);
        for (const score of [
          randScore,
          normalizedMutualInfoScore,
          vMeasureScore,
          fowlkesMallowsScore,
          homogeneityScore,
          completenessScore,
        ]) {
          expect(score(a, b)).toBeGreaterThanOrEqual(-1e-12);
          expect(score(a, b)).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(adjustedRandScore(a, a)).toBe(1);
        expect(normalizedMutualInfoScore(a, a)).toBeCloseTo(1, 12);
      }),
    );
  });

  it("{ noise: 'exclude' } equals scoring the rows where neither labelling is −1", () => {
    fc.assert(
      fc.property(pairOfLabellings, ([a, b]) => {
        const keep = a.map((_, i) => i).filter((i) => a[i] !== -1 && b[i] !== -1);
        const ka = keep.map((i) => a[i]!);
        const kb = keep.map((i) => b[i]!);
        expect(adjustedRandScore(a, b, { noise: 'exclude' })).toBe(adjustedRandScore(ka, kb));
        expect(vMeasureScore(a, b, { noise: 'exclude' })).toBe(vMeasureScore(ka, kb));
        expect(pairConfusionMatrix(a, b, { noise: 'exclude' })).toEqual(pairConfusionMatrix(ka, kb));
      }),
    );
  });

  it('the pair confusion matrix counts ordered pairs: its entries sum to n(n − 1)', () => {
    fc.assert(
      fc.property(pairOfLabellings, ([a, b]) => {
        const [[tn, fp], [fn, tp]] = pairConfusionMatrix(a, b) as [[number, number], [number, number]];
        expect(tn + fp + fn + tp).toBe(a.length * (a.length - 1));
      }),
    );
  });

  it('NMI with the arithmetic average equals the V-measure', () => {
    fc.assert(
      fc.property(pairOfLabellings, ([a, b]) => {
        expect(Math.abs(normalizedMutualInfoScore(a, b) - vMeasureScore(a, b))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});

describe('label comparisons: hand-checked values and conventions', () => {
  it('matches the worked examples of scikit-learn 1.2', () => {
    expect(adjustedRandScore([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714285714, 15);
    expect(adjustedRandScore([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 15);
    expect(adjustedRandScore([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(randScore([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.8333333333333334, 15);
    expect(pairConfusionMatrix([0, 0, 1, 1], [1, 1, 0, 0])).toEqual([
      [8, 0],
      [0, 4],
    ]);
    expect(completenessScore([0, 1, 2, 3], [0, 0, 1, 1])).toBeCloseTo(1, 12);
    expect(fowlkesMallowsScore([0, 1, 2], [0, 1, 2])).toBe(0);
  });

  it('one-cluster and empty labellings follow scikit-learn', () => {
    expect(adjustedRandScore([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(normalizedMutualInfoScore([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(adjustedMutualInfoScore([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(normalizedMutualInfoScore([0, 0, 1], [5, 5, 5])).toBe(0);
    expect(homogeneityScore([0, 0, 1], [5, 5, 5])).toBe(0);
    expect(completenessScore([0, 0, 1], [5, 5, 5])).toBe(1);
    expect(adjustedRandScore([], [])).toBe(1);
    expect(vMeasureScore([], [])).toBe(1);
    expect(fowlkesMallowsScore([], [])).toBe(0);
    expectSegmentkitError(() => mutualInfoScore([], []), 'E_EMPTY');
    expect(contingencyMatrix([], [])).toEqual([]);
  });

  it('contingencyMatrix orders rows and columns by sorted label (numbers, then strings) and names them', () => {
    const table = contingencyMatrix(['b', 'a', 'b', 'c'], [10, -1, 2, 'x']);
    expect(table).toEqual([
      [1, 0, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(table.rowLabels).toEqual(['a', 'b', 'c']);
    expect(table.colLabels).toEqual([-1, 2, 10, 'x']);
    expect(Object.keys(table)).toEqual(['0', '1', '2']);
  });

  it('accepts typed arrays of labels and wide integer ranges', () => {
    const a = Int32Array.from([5, 5, 9, 9, 1_000_000_000, 1_000_000_000]);
    const b = [-7, -7, 3, 3, 3, 3];
    expect(adjustedRandScore(a, b)).toBeCloseTo(adjustedRandScore([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 1]), 15);
  });

  it('ARI of a large labelling is formed from exact pair counts', () => {
    const n = 200_000;
    const a = new Int32Array(n).map((_, i) => i % 3);
    const b = new Int32Array(n).map((_, i) => (i % 3 === 0 ? 0 : 1));
    // closed form: groups of n/3 (a) against groups of n/3 and 2n/3 (b)
    const value = adjustedRandScore(a, b);
    expect(value).toBeGreaterThan(0.5);
    expect(value).toBeLessThan(0.6);
    expect(adjustedRandScore(a, a)).toBe(1);
  });

  it('rejects labellings of different lengths, non-integer numbers, holes and unknown options', () => {
    expectSegmentkitError(() => adjustedRandScore([0, 1], [0]), 'E_SHAPE', /labelsTrue has 2 entries but labelsPred has 1/);
    expectSegmentkitError(() => adjustedRandScore([0, 1.5], [0, 1]), 'E_LABELS', /labelsTrue\[1\] is 1.5/);
    expectSegmentkitError(() => adjustedRandScore([0, NaN], [0, 1]), 'E_LABELS');
    expectSegmentkitError(() => adjustedRandScore([-1, 0, 0.5], [0, 1, 1], { noise: 'exclude' }), 'E_LABELS', /labelsTrue\[2\]/);
    expectSegmentkitError(() => adjustedRandScore([0, undefined as unknown as number], [0, 1]), 'E_LABELS');
    expectSegmentkitError(() => adjustedRandScore(5 as unknown as number[], [0]), 'E_SHAPE');
    expectSegmentkitError(() => adjustedRandScore([0], [0], { nosie: 'exclude' } as object), 'E_PARAM', /did you mean 'noise'/);
    expectSegmentkitError(() => normalizedMutualInfoScore([0], [0], { averageMethod: 'harmonic' as 'min' }), 'E_PARAM');
    expectSegmentkitError(() => adjustedRandScore([0], [0], { noise: 'drop' as 'exclude' }), 'E_PARAM');
  });
});

describe('label comparison internals', () => {
  it('contingency counting lists every non-zero cell once, row-major, with its count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 80 }),
        (pairs) => {
          const a = encodeLabels(
            pairs.map((p) => p[0]),
            't',
          );
          const b = encodeLabels(
            pairs.map((p) => p[1]),
            't',
          );
          const sparse = countContingency(a.codes, a.classes.length, b.codes, b.classes.length);
          const cells = new Map<string, number>();
          pairs.forEach(([x, y]) => cells.set(`${x},${y}`, (cells.get(`${x},${y}`) ?? 0) + 1));
          expect(sparse.cellCount.length).toBe(cells.size);
          for (let p = 0; p < sparse.cellCount.length; p++) {
            const key = `${a.classes[sparse.cellRow[p]!]},${b.classes[sparse.cellCol[p]!]}`;
            expect(sparse.cellCount[p]).toBe(cells.get(key));
            if (p > 0)
              expect(sparse.cellRow[p]! * 1e6 + sparse.cellCol[p]!).toBeGreaterThan(sparse.cellRow[p - 1]! * 1e6 + sparse.cellCol[p - 1]!);
          }
        },
      ),
    );
  });

  it('the sorted (sparse) counting path, taken when the table dwarfs the row count, agrees with the dense one', () => {
    const n = 3000;
    const a = encodeLabels(
      Array.from({ length: n }, (_, i) => (i * 7919) % 2500),
      't',
    );
    const b = encodeLabels(
      Array.from({ length: n }, (_, i) => i % 700),
      't',
    );
    expect(a.classes.length * b.classes.length).toBeGreaterThan(4 * n + 65_536);
    const sparse = countContingency(a.codes, a.classes.length, b.codes, b.classes.length);
    const dense = new Map<string, number>();
    for (let i = 0; i < n; i++) dense.set(`${a.codes[i]},${b.codes[i]}`, (dense.get(`${a.codes[i]},${b.codes[i]}`) ?? 0) + 1);
    expect(sparse.cellCount.length).toBe(dense.size);
    for (let p = 0; p < sparse.cellCount.length; p++)
      expect(sparse.cellCount[p]).toBe(dense.get(`${sparse.cellRow[p]},${sparse.cellCol[p]}`));
  });

  it('pairwiseSum reproduces NumPy blocks: exact on integers, same order rules', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(pairwiseSum(values)).toBe(500500);
    expect(pairwiseSum([1e16, 1, -1e16])).toBe(0); // plain loop below 8 values, as NumPy
  });

  it('logFactorial is exact to a few ulps on both sides of the table/series switch', () => {
    let exact = 0;
    for (let m = 1; m <= 400; m++) {
      exact += Math.log(m); // reference only for the relative check below
      expect(Math.abs(logFactorial(m) - exact)).toBeLessThanOrEqual(1e-13 * Math.max(1, exact));
    }
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
  });

  it('expected mutual information equals a direct hypergeometric sum on small tables', () => {
    const a = encodeLabels([0, 0, 0, 1, 1, 2, 2, 2, 2, 2], 't');
    const b = encodeLabels([0, 1, 1, 1, 0, 0, 1, 1, 0, 1], 't');
    const c = countContingency(a.codes, 3, b.codes, 2);
    const N = 10;
    const logChoose = (n: number, k: number): number => logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    let direct = 0;
    for (const ai of c.rowSums) {
      for (const bj of c.colSums) {
        for (let nij = Math.max(1, ai + bj - N); nij <= Math.min(ai, bj); nij++) {
          const probability = Math.exp(logChoose(ai, nij) + logChoose(N - ai, bj - nij) - logChoose(N, bj));
          direct += (nij / N) * Math.log((N * nij) / (ai * bj)) * probability;
        }
      }
    }
    expect(expectedMutualInformation(c)).toBeCloseTo(direct, 13);
  });
});
