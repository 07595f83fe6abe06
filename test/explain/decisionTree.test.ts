import fc from 'fast-check';
import { DecisionTreeClassifier, DecisionTreeModel, makeBlobs, matrixToArrays } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

const { X, labels } = makeBlobs({ nSamples: 300, nFeatures: 3, centers: 3, clusterStd: 2, seed: 4 });
const rows = matrixToArrays(X);
const y = Array.from(labels, (l) => ['a', 'b', 'c'][l]!);

describe('DecisionTreeClassifier / DecisionTreeModel', () => {
  it('reproduces the training segments as rules whose leaves cover every row once', () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 4 }).fit(rows, y, { featureNames: ['spend', 'visits', 'days'] });
    const rules = tree.rules();
    expect(rules.length).toBe(tree.nLeaves);
    expect(rules.reduce((s, r) => s + r.samples, 0)).toBe(rows.length);
    expect(rules[0]!.text).toMatch(/spend|visits|days/);
    const accuracy = tree.predict(rows).filter((p, i) => p === y[i]).length / rows.length;
    expect(accuracy).toBeGreaterThan(0.9);
    expect(tree.featureImportances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(tree.depth).toBeLessThanOrEqual(4);
  });
  it('gives probabilities that sum to 1 and the same model after a JSON round trip', () => {
    const tree = new DecisionTreeClassifier({ criterion: 'entropy', minSamplesLeaf: 5 }).fit(rows, y);
    const proba = tree.predictProba(rows);
    for (let i = 0; i < proba.rows; i++) {
      let s = 0;
      for (let c = 0; c < proba.cols; c++) s += proba.data[i * proba.cols + c]!;
      expect(s).toBeCloseTo(1, 12);
    }
    const restored = DecisionTreeModel.fromJSON(JSON.parse(JSON.stringify(tree.toJSON())));
    expect(restored.predict(rows)).toEqual(tree.predict(rows));
    expect(Object.isFrozen(tree)).toBe(true);
  });
  it('is deterministic for a seed and does not modify its input (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const snapshot = JSON.stringify(rows);
        const a = new DecisionTreeClassifier({ seed, maxDepth: 3 }).fit(rows, y).toJSON();
        const b = new DecisionTreeClassifier({ seed, maxDepth: 3 }).fit(rows, y).toJSON();
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(JSON.stringify(rows)).toBe(snapshot);
      }),
      { numRuns: 10 },
    );
  });
  it('weights classes ("balanced" or per class)', () => {
    const few = rows.slice(0, 120);
    const skewed = few.map((_, i) => (i < 100 ? 'stay' : 'churn'));
    const plain = new DecisionTreeClassifier({ maxDepth: 1 }).fit(few, skewed);
    const balanced = new DecisionTreeClassifier({ maxDepth: 1, classWeight: 'balanced' }).fit(few, skewed);
    const manual = new DecisionTreeClassifier({ maxDepth: 1, classWeight: { churn: 5, stay: 1 } }).fit(few, skewed);
    expect(balanced.tree.weightedNSamples[0]).toBeCloseTo(120, 10);
    expect(manual.tree.weightedNSamples[0]).toBe(200);
    expect(plain.tree.weightedNSamples[0]).toBe(120);
  });
  it('refuses bad input with typed errors', () => {
    expectSegmentkitError(() => new DecisionTreeClassifier({ maxDepth: 0 }), 'E_PARAM', /maxDepth/);
    expectSegmentkitError(() => new DecisionTreeClassifier({ classWeight: { a: -1 } }), 'E_PARAM', /classWeight/);
    expectSegmentkitError(() => new DecisionTreeClassifier().fit(rows, y.slice(1)), 'E_SHAPE', /labels/);
    expectSegmentkitError(
      () => new DecisionTreeClassifier().fit(rows, y.map((v, i) => (i === 3 ? null : v)) as never),
      'E_PARSE',
      /y\[3\]/,
    );
    expectSegmentkitError(() => new DecisionTreeClassifier().fit([[1e39], [1]], [0, 1]), 'E_DOMAIN', /single precision/);
    const tree = new DecisionTreeClassifier().fit(rows, y);
    expectSegmentkitError(() => tree.predict([[1, 2]]), 'E_SHAPE');
    const json = tree.toJSON() as unknown as Record<string, unknown>;
    expectSegmentkitError(() => DecisionTreeModel.fromJSON({ ...json, left: [5, ...(json.left as number[]).slice(1)] }), 'E_MODEL');
    expectSegmentkitError(
      () => DecisionTreeModel.fromJSON({ ...json, feature: (json.feature as number[]).map((f) => (f >= 0 ? 99 : f)) }),
      'E_MODEL',
    );
  });
});
