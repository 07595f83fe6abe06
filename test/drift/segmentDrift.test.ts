import { describe, expect, it } from 'vitest';
import { centroidDrift, kmeans, KMeansModel, segmentDrift } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { closeTo, driftReference as ref } from './driftReference';

describe('segmentDrift', () => {
  it('matches numpy PSI and scipy chi2_contingency on segment labels (test/reference/scripts/drift.py)', () => {
    const c = ref.segmentDrift;
    const result = segmentDrift(Int32Array.from(c.reference), Int32Array.from(c.current));
    expect(result.segments.map((s) => s.segment)).toEqual(c.segments);
    result.segments.forEach((s, k) => {
      expect(s.referenceShare).toBe(c.referenceShares[k]);
      expect(s.currentShare).toBe(c.currentShares[k]);
      expect(s.change).toBeCloseTo(c.currentShares[k]! - c.referenceShares[k]!, 15);
      expect(closeTo(s.contribution, c.contributions[k]!, 1e-12)).toBe(true);
    });
    expect(closeTo(result.psi, c.psi, 1e-12)).toBe(true);
    expect(result.chiSquare.dof).toBe(c.chiSquare.dof);
    expect(closeTo(result.chiSquare.statistic, c.chiSquare.statistic, 1e-9)).toBe(true);
    expect(closeTo(result.chiSquare.pValue, c.chiSquare.pValue, 1e-8)).toBe(true);
    expect(result.psiBand).toBe(c.psi < 0.1 ? 'stable' : c.psi < 0.25 ? 'moderate' : 'significant');
  });

  it('names new and vanished segments (string labels, −1 noise included)', () => {
    const result = segmentDrift(['a', 'a', 'b', -1], ['a', 'c', 'c', -1]);
    expect(result.segments.map((s) => s.segment)).toEqual([-1, 'a', 'b', 'c']);
    expect(result.newSegments).toEqual(['c']);
    expect(result.vanishedSegments).toEqual(['b']);
    expect(result).toMatchObject({ referenceRows: 4, currentRows: 4 });
  });

  it('a single segment on both sides: PSI 0, chi-square dof 0, p-value 1', () => {
    expect(segmentDrift([1, 1], [1])).toMatchObject({ psi: 0, psiBand: 'stable', chiSquare: { statistic: 0, pValue: 1, dof: 0 } });
  });

  it('rejects empty or missing labels and bad options', () => {
    expectSegmentkitError(() => segmentDrift([], [1]), 'E_EMPTY', /referenceLabels is empty/);
    expectSegmentkitError(() => segmentDrift([1, null as never], [1]), 'E_PARSE', /referenceLabels\[1\]/);
    expectSegmentkitError(() => segmentDrift([1], [1], { psiBands: [0.3, 0.1] }), 'E_PARAM', /psiBands/);
  });
});

function modelWith(centroids: number[][]): KMeansModel {
  return KMeansModel.fromJSON({
    kind: 'KMeansModel',
    version: 1,
    params: { nClusters: centroids.length, init: 'explicit', nInit: 1, maxIter: 1, tol: 0, algorithm: 'lloyd' },
    centroids,
    labels: [],
    inertia: 0,
    nIter: 0,
    converged: true,
    seed: 0,
    stats: { algorithm: 'lloyd', distanceEvaluations: 0, lloydDistanceEvaluations: 0 },
  });
}

describe('centroidDrift', () => {
  it('matches numpy: nearest-centroid counts, spreads, current centres and shifts (test/reference/scripts/drift.py)', () => {
    const c = ref.centroidDrift;
    const result = centroidDrift(modelWith(c.centroids), c.current, { reference: c.reference });
    result.segments.forEach((s, j) => {
      const e = c.segments[j]!;
      expect(s.referenceCount).toBe(e.referenceCount);
      expect(s.currentCount).toBe(e.currentCount);
      expect(closeTo(s.spread, e.spread, 1e-12)).toBe(true);
      s.currentCentre!.forEach((v, d) =>
        expect(closeTo(v, e.currentCentre[d]!, 1e-12) || Math.abs(v - e.currentCentre[d]!) < 1e-14).toBe(true),
      );
      expect(closeTo(s.shift!, e.shift, 1e-10)).toBe(true);
      expect(closeTo(s.relativeShift!, e.relativeShift, 1e-10)).toBe(true);
      expect(closeTo(s.spreadRatio!, e.currentSpread / e.spread, 1e-10)).toBe(true);
      expect(s.noise).toBeCloseTo(1 / Math.sqrt(e.currentCount), 15);
    });
    // the script moved segments 1 and 2 by 1 and 1.5 units; segment 0 stayed
    expect(result.segments.map((s) => s.drifted)).toEqual(c.segments.map((e) => e.relativeShift >= 0.25));
    expect(result.maxRelativeShift).toBeCloseTo(Math.max(...c.segments.map((e) => e.relativeShift)), 10);
  });

  it('takes precomputed spreads instead of reference rows', () => {
    const model = kmeans([[0], [2], [10], [12]], { nClusters: 2, init: [[1], [11]] });
    const result = centroidDrift(model, [[1.5], [2.5], [11]], { spreads: [1, 2], threshold: 0.5 });
    expect(result.segments.map((s) => [s.referenceCount, s.relativeShift, s.drifted])).toEqual([
      [null, 1, true],
      [null, 0, false],
    ]);
  });

  it('a segment with no current rows has null shifts and does not drift', () => {
    const model = kmeans([[0], [2], [10], [12]], { nClusters: 2, init: [[1], [11]] });
    const result = centroidDrift(model, [[1.5]], { reference: [[0], [2], [10], [12]] });
    expect(result.segments[1]).toMatchObject({ currentCount: 0, shift: null, relativeShift: null, drifted: false });
  });

  it('rejects a missing spread source, wrong widths and non-models', () => {
    const model = kmeans([[0], [2], [10], [12]], { nClusters: 2, init: [[1], [11]] });
    expectSegmentkitError(() => centroidDrift(model, [[1]], {}), 'E_PARAM', /pass options.reference/);
    expectSegmentkitError(
      () => centroidDrift(model, [[1, 2]], { spreads: [1, 1] }),
      'E_SHAPE',
      /current has 2 columns but the model has 1/,
    );
    expectSegmentkitError(() => centroidDrift(model, [[1]], { spreads: [1] }), 'E_SHAPE', /spreads has 1 entries but 2/);
    expectSegmentkitError(() => centroidDrift({} as never, [[1]], { spreads: [1] }), 'E_PARAM', /fitted centroid model/);
    expectSegmentkitError(
      () => centroidDrift({ centroids: [[0]], predict: () => [5] }, [[1]], { spreads: [1] }),
      'E_LABELS',
      /returned 5 for row 0/,
    );
  });
});

describe('centroidDrift in original units', () => {
  it('reports each segment move in the units of the data through the fitted pipeline', async () => {
    const { KMeans, StandardScaler, featurePipeline } = await import('segmentkit');
    const before = [
      { spend: 10, visits: 1 },
      { spend: 12, visits: 2 },
      { spend: 100, visits: 10 },
      { spend: 110, visits: 12 },
    ];
    const after = [
      { spend: 20, visits: 1 },
      { spend: 22, visits: 2 },
      { spend: 105, visits: 11 },
      { spend: 111, visits: 11 },
    ];
    const pipeline = featurePipeline({ numeric: { spend: new StandardScaler(), visits: new StandardScaler() } }).fit(before);
    const X = pipeline.transform(before).X;
    const model = new KMeans({ nClusters: 2, seed: 1 }).fit(X);
    const result = centroidDrift(model, pipeline.transform(after).X, { reference: X, pipeline });
    const low = result.segments.find((s) => (s.inUnits!.centroid.spend as number) < 50)!;
    const high = result.segments.find((s) => (s.inUnits!.centroid.spend as number) > 50)!;
    expect(low.inUnits!.centroid.spend).toBeCloseTo(11, 10);
    expect(low.inUnits!.change.spend).toBeCloseTo(10, 10);
    expect(low.inUnits!.change.visits).toBeCloseTo(0, 10);
    expect(high.inUnits!.change.spend).toBeCloseTo(3, 10);
    expect(high.inUnits!.current.visits).toBeCloseTo(11, 10);
    expect(centroidDrift(model, pipeline.transform(after).X, { reference: X }).segments[0]!.inUnits).toBeNull();
    expectSegmentkitError(
      () => centroidDrift(model, X, { reference: X, pipeline: {} as never }),
      'E_PARAM',
      /pipeline must be the fitted feature pipeline/,
    );
    expectSegmentkitError(() => centroidDrift(model, X, undefined as never), 'E_PARAM', /pass options with reference/);
  });
});
