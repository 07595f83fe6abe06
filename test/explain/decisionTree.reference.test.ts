import { DecisionTreeClassifier, type DecisionTreeParams } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { loadReference } from '../helpers/reference';

interface Case {
  name: string;
  X: number[][];
  y: (number | string)[];
  params: Record<string, unknown>;
  classes: (number | string)[];
  left: number[];
  right: number[];
  feature: number[];
  threshold: number[];
  nSamples: number[];
  weightedNSamples: number[];
  impurity: number[];
  value: number[];
  proba: number[];
  importances: number[];
}
const ref = loadReference<{ cases: Case[] }>('decision_tree.json');

function toParams(p: Record<string, unknown>): DecisionTreeParams {
  const map: Record<string, string> = {
    max_depth: 'maxDepth',
    min_samples_leaf: 'minSamplesLeaf',
    min_samples_split: 'minSamplesSplit',
    min_impurity_decrease: 'minImpurityDecrease',
    class_weight: 'classWeight',
    criterion: 'criterion',
  };
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [map[k]!, v])) as DecisionTreeParams;
}

describe('DecisionTreeClassifier equals scikit-learn 1.2 (test/reference/scripts/decision_tree.py)', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const model = new DecisionTreeClassifier(toParams(c.params)).fit(c.X, c.y);
      expect(model.classes).toEqual(c.classes);
      const t = model.tree;
      expect(Array.from(t.feature)).toEqual(c.feature);
      expect(Array.from(t.left)).toEqual(c.left);
      expect(Array.from(t.right)).toEqual(c.right);
      expect(Array.from(t.nSamples)).toEqual(c.nSamples);
      // thresholds: the same midpoints (scikit-learn stores -2 for leaves)
      expect(Array.from(t.threshold)).toEqual(c.threshold);
      t.weightedNSamples.forEach((w, i) => expect(w).toBeCloseTo(c.weightedNSamples[i]!, 9));
      t.impurity.forEach((v, i) => expect(v).toBeCloseTo(c.impurity[i]!, 12));
      t.value.forEach((v, i) => expect(v).toBeCloseTo(c.value[i]!, 9));
      const proba = model.predictProba(c.X).data;
      proba.forEach((v, i) => expect(v).toBeCloseTo(c.proba[i]!, 12));
      model.featureImportances.forEach((v, i) => expect(v).toBeCloseTo(c.importances[i]!, 12));
    });
  }
});
