import { DecisionTreeClassifier, makeBlobs, matrixToArrays, permutationImportance } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

describe('permutationImportance', () => {
  const { X, labels } = makeBlobs({ nSamples: 400, nFeatures: 3, centers: 2, clusterStd: 1, seed: 5 });
  // a useless fourth column of noise, and a model that only looks at column 0
  const rows = matrixToArrays(X).map((r, i) => [...r, (i * 7919) % 13]);
  const y = Array.from(labels);
  it('ranks the column the model uses first and gives unused columns exactly 0', () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 3 }).fit(rows, y);
    const used = new Set(Array.from(tree.tree.feature).filter((f) => f >= 0));
    const r = permutationImportance(tree, rows, y, { nRepeats: 8, seed: 3 });
    expect(r.baseline).toBeGreaterThan(0.95);
    for (let j = 0; j < 4; j++) if (!used.has(j)) expect(r.importancesMean[j]).toBe(0);
    expect(used.has(r.ranking[0]!)).toBe(true);
    expect(r.importances.every((drops) => drops.length === 8)).toBe(true);
    // invariants: the mean and std describe the repeats (std with ddof 0)
    r.importances.forEach((drops, j) => {
      const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
      expect(r.importancesMean[j]).toBeCloseTo(mean, 14);
      expect(r.importancesStd[j]).toBeCloseTo(Math.sqrt(drops.reduce((s, v) => s + (v - mean) ** 2, 0) / drops.length), 14);
    });
  });
  it('is deterministic for a seed, leaves X untouched and accepts a custom score', () => {
    const predict = (m: { data: Float64Array; rows: number; cols: number }) =>
      Array.from({ length: m.rows }, (_, i) => (m.data[i * m.cols]! > 0 ? 1 : 0));
    const snapshot = JSON.stringify(rows);
    const a = permutationImportance(predict, rows, y, { seed: 1 });
    const b = permutationImportance(predict, rows, y, { seed: 1 });
    expect(a).toEqual(b);
    expect(JSON.stringify(rows)).toBe(snapshot);
    const errors = permutationImportance(predict, rows, y, { scoring: (t, p) => -Array.from(t).filter((v, i) => v !== p[i]).length });
    expect(errors.importancesMean[1]).toBe(0);
  });
  it('refuses bad input', () => {
    expectSegmentkitError(() => permutationImportance({} as never, rows, y), 'E_PARAM', /predict/);
    expectSegmentkitError(() => permutationImportance(() => [1], rows, y), 'E_SHAPE', /predictions/);
    expectSegmentkitError(() => permutationImportance(() => y, rows, y.slice(1)), 'E_SHAPE');
    expectSegmentkitError(() => permutationImportance(() => y, rows, y, { nRepeats: 0 }), 'E_PARAM');
  });
});
