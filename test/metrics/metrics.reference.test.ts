import { describe, expect, it } from 'vitest';
import {
  adjustedMutualInfoScore,
  adjustedRandScore,
  type AverageMethod,
  calinskiHarabaszScore,
  completenessScore,
  contingencyMatrix,
  daviesBouldinScore,
  fowlkesMallowsScore,
  homogeneityScore,
  inertia,
  type Label,
  mutualInfoScore,
  normalizedMutualInfoScore,
  pairConfusionMatrix,
  randScore,
  type SilhouetteMetric,
  silhouetteSamples,
  silhouetteScore,
  vMeasureScore,
} from 'segmentkit';

import { loadReference } from '../helpers/reference';

interface InternalCase {
  name: string;
  X: number[][];
  labels: Label[];
  noise?: 'exclude';
  kept?: number[];
  silhouette: Partial<Record<SilhouetteMetric, { score: number; samples: number[] }>>;
  daviesBouldin: number;
  calinskiHarabasz: number;
  inertia: number;
}

interface ExternalCase {
  name: string;
  labelsTrue: Label[];
  labelsPred: Label[];
  noise?: 'exclude';
  /** Scores that are 0/0 in exact arithmetic for this case (both libraries return rounding noise): not compared. */
  indeterminate?: string[];
  values: Record<string, number>;
  pairConfusion: number[][];
  contingency?: number[][];
}

const ref = loadReference<{ internal: InternalCase[]; external: ExternalCase[] }>('metrics.json');

/**
 * The contract: equal to scikit-learn within 1e-9 relative. Scores that are 0 in exact arithmetic come out of
 * both libraries as rounding noise of either sign (AMI of singletons against pairs: 3e-15 there, −2e-14 here),
 * so the comparison has an absolute floor of 1e-13; every score compared here is at most about 10 in size.
 */
function expectClose(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected);
  const allowed = Math.max(1e-9 * Math.abs(expected), 1e-13);
  if (!(error <= allowed))
    throw new Error(`${what}: got ${actual}, scikit-learn ${expected} (relative error ${error / Math.abs(expected)})`);
}

describe('internal scores match scikit-learn 1.2 (test/reference/scripts/metrics.py)', () => {
  for (const c of ref.internal) {
    const options = c.noise === undefined ? {} : { noise: c.noise };
    for (const [metric, expected] of Object.entries(c.silhouette) as [SilhouetteMetric, { score: number; samples: number[] }][]) {
      it(`${c.name}: silhouetteScore and silhouetteSamples with metric '${metric}'`, () => {
        expectClose(silhouetteScore(c.X, c.labels, { ...options, metric }), expected.score, 'score');
        const samples = silhouetteSamples(c.X, c.labels, { ...options, metric });
        const rows = c.kept ?? c.X.map((_, i) => i);
        expect(samples.length).toBe(c.X.length);
        rows.forEach((i, r) => expectClose(samples[i]!, expected.samples[r]!, `samples[${i}]`));
        if (c.kept !== undefined) expect(samples.filter(Number.isNaN).length).toBe(c.X.length - c.kept.length);
      });
    }
    it(`${c.name}: daviesBouldinScore, calinskiHarabaszScore and inertia`, () => {
      expectClose(daviesBouldinScore(c.X, c.labels, options), c.daviesBouldin, 'Davies–Bouldin');
      expectClose(calinskiHarabaszScore(c.X, c.labels, options), c.calinskiHarabasz, 'Calinski–Harabasz');
      expectClose(inertia(c.X, c.labels, options), c.inertia, 'inertia');
    });
  }
});

describe('label comparisons match scikit-learn 1.2 (test/reference/scripts/metrics.py)', () => {
  const METHODS: AverageMethod[] = ['arithmetic', 'geometric', 'min', 'max'];
  for (const c of ref.external) {
    it(`${c.name}: every score, the pair confusion matrix and the contingency table`, () => {
      const { labelsTrue: a, labelsPred: b, values: v } = c;
      const o = c.noise === undefined ? {} : { noise: c.noise };
      expectClose(adjustedRandScore(a, b, o), v.adjustedRand!, 'adjustedRandScore');
      expectClose(randScore(a, b, o), v.rand!, 'randScore');
      expectClose(homogeneityScore(a, b, o), v.homogeneity!, 'homogeneityScore');
      expectClose(completenessScore(a, b, o), v.completeness!, 'completenessScore');
      expectClose(vMeasureScore(a, b, o), v.vMeasure!, 'vMeasureScore');
      expectClose(vMeasureScore(a, b, { ...o, beta: 2 }), v.vMeasureBeta2!, 'vMeasureScore beta 2');
      expectClose(fowlkesMallowsScore(a, b, o), v.fowlkesMallows!, 'fowlkesMallowsScore');
      if (v.mutualInfo !== undefined) expectClose(mutualInfoScore(a, b, o), v.mutualInfo, 'mutualInfoScore');
      for (const averageMethod of METHODS) {
        expectClose(normalizedMutualInfoScore(a, b, { ...o, averageMethod }), v[`nmi_${averageMethod}`]!, `NMI ${averageMethod}`);
        if (c.indeterminate?.includes(`ami_${averageMethod}`)) continue;
        expectClose(adjustedMutualInfoScore(a, b, { ...o, averageMethod }), v[`ami_${averageMethod}`]!, `AMI ${averageMethod}`);
      }
      expect(pairConfusionMatrix(a, b, o)).toEqual(c.pairConfusion);
      if (c.contingency !== undefined) expect(contingencyMatrix(a, b, o)).toEqual(c.contingency);
    });
  }
});
