import fc from 'fast-check';
import { explainSegments, featurePipeline, KMeans, LogTransformer, makeBlobs, StandardScaler } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

describe('explainSegments (IMM and ExKMC expansion)', () => {
  it('finds the cut with the fewest mistakes (hand-worked)', () => {
    // centres (segment means): 1, 5 and (8 + 9 + 10 + 4.9) / 4 = 7.975; the row 4.9 of segment 2 sits on segment
    // 1's side of every cut between the centres 5 and 7.975, so IMM cuts at 3 (between rows 2 and 4, no mistake)
    // and then at (6 + 7.975) / 2 = 6.9875 (between the last row of segment 1 and centre 2), one mistake
    const X = [[0], [1], [2], [4], [5], [6], [8], [9], [10], [4.9]].map(([v]) => [v!, 0]);
    const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
    const e = explainSegments(X, labels, { featureNames: ['spend', 'other'] });
    expect(e.nLeaves).toBe(3);
    expect(e.segments.map((s) => s.rules)).toEqual([['spend ≤ 3'], ['spend > 3 and spend ≤ 6.987'], ['spend > 6.987']]);
    expect(e.fidelity).toBe(0.9);
    expect(Array.from(e.predict([[4.9, 0]]))).toEqual([1]);
  });

  it('explains a k-means model with one leaf per centre, cost ratio ≥ 1 (the theorem’s shape)', () => {
    const { X } = makeBlobs({ nSamples: 1500, nFeatures: 4, centers: 5, clusterStd: 1.5, seed: 12 });
    const model = new KMeans({ nClusters: 5, seed: 1 }).fit(X);
    const e = explainSegments(X, model);
    expect(e.nLeaves).toBe(5);
    for (const s of e.segments) expect(s.rules.length).toBe(1);
    expect(e.costRatio!).toBeGreaterThanOrEqual(1);
    expect(e.fidelity).toBeGreaterThan(0.8);
    const more = explainSegments(X, model, { maxLeaves: 12 });
    expect(more.nLeaves).toBeLessThanOrEqual(12);
    expect(more.fidelity).toBeGreaterThanOrEqual(e.fidelity);
    expect(more.costRatio!).toBeLessThanOrEqual(e.costRatio! + 1e-12);
  });

  it('every leaf of an IMM tree holds one centre, whatever the data (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 10_000 }), (k, seed) => {
        const { X, labels } = makeBlobs({ nSamples: 120, nFeatures: 3, centers: k, clusterStd: 2.5, seed });
        const e = explainSegments(X, labels);
        const leafSegments = e.nodes.filter((node) => node.kind === 'leaf').map((node) => (node as { segment: number }).segment);
        expect(leafSegments.sort()).toEqual(Array.from({ length: k }, (_, c) => c));
      }),
      { numRuns: 25 },
    );
  });

  it('writes rules in original units through the pipeline', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ spend: i < 100 ? 20 + (i % 10) : 900 + 10 * (i % 10), visits: 1 + (i % 4) }));
    const pipeline = featurePipeline({
      numeric: { spend: [new LogTransformer(), new StandardScaler()], visits: new StandardScaler() },
    }).fit(rows);
    const X = pipeline.transform(rows).X;
    const e = explainSegments(
      X,
      rows.map((_, i) => (i < 100 ? 0 : 1)),
      { pipeline },
    );
    const rule = e.segments[0]!.rules[0]!;
    const threshold = Number(rule.replace(/^spend ≤ /, '').replace(/,/g, ''));
    expect(rule).toMatch(/^spend ≤ /);
    expect(threshold).toBeGreaterThan(29);
    expect(threshold).toBeLessThan(900);
  });

  it('refuses bad input with typed errors', () => {
    expectSegmentkitError(() => explainSegments([[1], [2]], [0]), 'E_SHAPE');
    expectSegmentkitError(() => explainSegments([[1], [2]], [0, -1]), 'E_PARSE', /labels\[1\]/);
    expectSegmentkitError(() => explainSegments([[1], [2]], [0, 1], { maxLeaves: 1 }), 'E_PARAM', /maxLeaves/);
    expectSegmentkitError(() => explainSegments([[1], [2]], { centroids: [[1, 2]] }), 'E_SHAPE');
    expectSegmentkitError(() => explainSegments([[1], [2]], [0, 1]).predict([[1, 2]]), 'E_SHAPE');
  });
});
