import { describe, expect, it } from 'vitest';
import { MiniBatchKMeans } from 'segmentkit';

import { loadReference } from '../../helpers/reference';

interface Step {
  batch: number[][];
  sampleWeight: number[] | null;
  centroids: number[][];
  counts: number[];
  labels: number[];
  inertia: number;
}
const ref = loadReference<{ cases: { name: string; init: number[][]; steps: Step[] }[] }>('minibatch_kmeans.json');

describe('MiniBatchKMeans.partialFit matches scikit-learn 1.2 (explicit init, no reassignment; test/reference/scripts/minibatch_kmeans.py)', () => {
  for (const c of ref.cases) {
    it(`${c.name}: centroids, counts, labels and inertia after every batch`, () => {
      const estimator = new MiniBatchKMeans({ nClusters: c.init.length, init: c.init, reassignmentRatio: 0, batchSize: 100 });
      let model = estimator.partialFit(
        c.steps[0]!.batch,
        c.steps[0]!.sampleWeight === null ? {} : { sampleWeight: c.steps[0]!.sampleWeight },
      );
      c.steps.forEach((step, index) => {
        if (index > 0) model = model.partialFit(step.batch, step.sampleWeight === null ? {} : { sampleWeight: step.sampleWeight });
        step.centroids.forEach((row, j) =>
          row.forEach((v, t) => expect(Math.abs(model.centroids[j]![t]! - v)).toBeLessThan(1e-12 * Math.max(1, Math.abs(v)))),
        );
        expect(model.counts).toEqual(step.counts);
        expect(Array.from(model.labels)).toEqual(step.labels);
        expect(Math.abs(model.inertia - step.inertia) / step.inertia).toBeLessThan(1e-12);
        expect(model.nSteps).toBe(index + 1);
      });
    });
  }
});
