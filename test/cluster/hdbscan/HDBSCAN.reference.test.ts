import { HDBSCAN } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { loadReference, relativeError } from '../../helpers/reference';

// R's dbscan::hdbscan (test/reference/scripts/hdbscan.R): labels (0 = noise there), GLOSH scores, core distances.
interface HDBSCANCase {
  name: string;
  minPts: number;
  data: number[][];
  cluster: number[];
  outlier_scores: number[];
  coredist: number[];
}

const ref = loadReference<{ reference: string; cases: HDBSCANCase[] }>('hdbscan.json');

/** Rows whose labels disagree once R's cluster numbers are mapped to ours (noise must be noise on both sides). */
function disagreements(ours: Int32Array, theirs: number[]): number {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  let bad = 0;
  for (let i = 0; i < theirs.length; i++) {
    const r = theirs[i]! - 1;
    const o = ours[i]!;
    if (r < 0 || o < 0) {
      if (r < 0 !== o < 0) bad++;
      continue;
    }
    if (!map.has(r) && !back.has(o)) {
      map.set(r, o);
      back.set(o, r);
    }
    if (map.get(r) !== o) bad++;
  }
  return bad;
}

// R condenses a little differently from scikit-learn and the hdbscan library (which segmentkit follows): a branch
// smaller than minPts stays in its cluster until its rows become singletons, instead of leaving at the split. On
// continuous data this never changed a label; on integer data with many exactly equal distances it can.
const KNOWN_DIFFERENCES: Record<string, number> = {
  'Mall customers: income and spending score (integers, many ties)': 12,
};

describe(`HDBSCAN labels equal ${ref.reference}`, () => {
  it('has the reference cases', () => {
    expect(ref.cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const c of ref.cases) {
    it(c.name, () => {
      const model = new HDBSCAN({ minClusterSize: c.minPts, minSamples: c.minPts }).fit(c.data);
      let worst = 0;
      for (let i = 0; i < c.coredist.length; i++) worst = Math.max(worst, relativeError(model.coreDistances[i]!, c.coredist[i]!));
      expect(worst, 'core distances').toBeLessThanOrEqual(1e-12);
      const known = KNOWN_DIFFERENCES[c.name];
      if (known === undefined) {
        expect(model.nClusters).toBe(new Set(c.cluster.filter((v) => v > 0)).size);
        expect(disagreements(model.labels, c.cluster)).toBe(0);
      } else expect(disagreements(model.labels, c.cluster)).toBeLessThanOrEqual(known);
      // GLOSH follows the hdbscan library (a row's own λ against its cluster's largest); R measures rows of small
      // branches later, so the scores differ in value but rank outliers alike: R's top 5 % are in our top 15 %
      const n = c.data.length;
      const rank = (scores: ArrayLike<number>) => Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
      const theirsTop = rank(c.outlier_scores).slice(0, Math.ceil(0.05 * n));
      const oursTop = new Set(rank(model.outlierScores).slice(0, Math.ceil(0.15 * n)));
      const found = theirsTop.filter((i) => oursTop.has(i)).length;
      expect(found / theirsTop.length, 'R top outliers in ours').toBeGreaterThanOrEqual(0.8);
    });
  }
});

describe('HDBSCAN on a hand-derived case', () => {
  // 1-D rows 0, 1, 2 | 10, 11, 12 | 30, minClusterSize 3, minSamples 2: every core distance is 1 except 30's (18).
  // The root sheds 30 at λ = 1/18, splits at distance 8 into A = {0, 1, 2} and B = {10, 11, 12} (born at λ = 1/8),
  // whose rows all leave at λ = 1: stability 3 × (1 − 1/8) = 2.625 each, persistence 2.625 / (3 × 1) = 0.875.
  const X = [[0], [1], [2], [10], [11], [12], [30]];
  const model = new HDBSCAN({ minClusterSize: 3, minSamples: 2 }).fit(X);

  it('labels, probabilities, persistence', () => {
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(Array.from(model.probabilities)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(Array.from(model.clusterPersistence)).toEqual([0.875, 0.875]);
    expect(Array.from(model.coreDistances)).toEqual([1, 1, 1, 1, 1, 1, 18]);
  });

  it('GLOSH: 1 − λ(row) / λmax', () => {
    expect(model.outlierScores[6]).toBeCloseTo(17 / 18, 15);
    expect(Array.from(model.outlierScores.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('the condensed tree', () => {
    const t = model.condensedTree;
    const clusterRows = Array.from(t.child.keys()).filter((r) => t.child[r]! >= 7);
    expect(clusterRows.map((r) => [t.parent[r], t.child[r], t.lambda[r], t.childSize[r]])).toEqual([
      [7, 8, 0.125, 3],
      [7, 9, 0.125, 3],
    ]);
    const row30 = Array.from(t.child).indexOf(6);
    expect([t.parent[row30], t.lambda[row30]]).toEqual([7, 1 / 18]);
    expect(Array.from(t.selectedClusters)).toEqual([8, 9]);
  });

  it('approximatePredict walks the tree to the level a new row reaches', () => {
    // 1.5: core 0.5, nearest under mutual reachability row 1 (weight 1 = λ 1, ties to the lower row): A, strength 1.
    // 6: core 4, weight 4 to rows 2 and 10 (row 2 first): λ 0.25 is above A's birth (0.125), so A, strength 0.25.
    // 20: core 8, weight 8 to row 12: λ 0.125 does not exceed B's birth, so the root: noise.
    const { labels, strengths } = model.approximatePredict([[1.5], [6], [20]]);
    expect(Array.from(labels)).toEqual([0, 0, -1]);
    expect(Array.from(strengths)).toEqual([1, 0.25, 0]);
  });
});
