import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  AgglomerativeClustering,
  AgglomerativeClusteringModel,
  type AgglomerativeProgress,
  CONDENSED_LINKAGE_MAX_ROWS,
  dendrogramData,
  type Linkage,
} from 'segmentkit';

import { expectSegmentkitError } from '../../helpers/expectError';

const LINKAGES: Linkage[] = ['ward', 'complete', 'average', 'single'];

/**
 * Independent cubic agglomeration: repeatedly merge the pair of clusters with the smallest linkage distance,
 * computed from the member rows (ward: √(2|A||B|/(|A|+|B|))·‖mean A − mean B‖). Returns each merge as the sorted
 * row set it forms, with its height.
 */
function naiveLinkage(X: number[][], linkage: Linkage): { sets: Set<string>; heights: number[] } {
  const dist = (a: number[], b: number[]): number => Math.sqrt(a.reduce((s, v, t) => s + (v - b[t]!) ** 2, 0));
  const mean = (rows: number[]): number[] => X[0]!.map((_, t) => rows.reduce((s, i) => s + X[i]![t]!, 0) / rows.length);
  const between = (A: number[], B: number[]): number => {
    if (linkage === 'ward') return Math.sqrt((2 * A.length * B.length) / (A.length + B.length)) * dist(mean(A), mean(B));
    const all = A.flatMap((i) => B.map((j) => dist(X[i]!, X[j]!)));
    if (linkage === 'single') return Math.min(...all);
    if (linkage === 'complete') return Math.max(...all);
    return all.reduce((s, v) => s + v, 0) / all.length;
  };
  let clusters = X.map((_, i) => [i]);
  const sets = new Set<string>();
  const heights: number[] = [];
  while (clusters.length > 1) {
    let best = Infinity;
    let pair = [0, 1];
    for (let p = 0; p < clusters.length; p++) {
      for (let q = p + 1; q < clusters.length; q++) {
        const h = between(clusters[p]!, clusters[q]!);
        if (h < best) [best, pair] = [h, [p, q]];
      }
    }
    const merged = [...clusters[pair[0]!]!, ...clusters[pair[1]!]!].sort((a, b) => a - b);
    sets.add(merged.join(','));
    heights.push(best);
    clusters = clusters.filter((_, k) => k !== pair[0] && k !== pair[1]).concat([merged]);
  }
  return { sets, heights: heights.sort((a, b) => a - b) };
}

function clusterSets(Z: number[][], n: number): Set<string> {
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const out = new Set<string>();
  for (const row of Z) {
    const merged = [...members[row[0]!]!, ...members[row[1]!]!].sort((p, q) => p - q);
    members.push(merged);
    out.add(merged.join(','));
  }
  return out;
}

/**
 * Continuous pseudo-random rows in [-10, 10) from a seed, so that no two distances tie (fast-check's own doubles
 * favour 0, tiny and subnormal values, whose squares underflow and tie).
 */
const continuousRows = (minRows: number, maxRows: number): fc.Arbitrary<number[][]> =>
  fc
    .record({
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
      n: fc.integer({ min: minRows, max: maxRows }),
      d: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ seed, n, d }) => {
      let state = seed;
      const next = (): number => {
        state = (state * 48271) % 2147483647; // Lehmer: exact in doubles, never 0
        return state / 2147483647;
      };
      return Array.from({ length: n }, () => Array.from({ length: d }, () => 20 * next() - 10));
    });

describe('AgglomerativeClustering', () => {
  it('rejects bad hyper-parameters with E_PARAM', () => {
    expectSegmentkitError(
      () => new AgglomerativeClustering({ linkage: 'centroid' as Linkage }),
      'E_PARAM',
      /linkage must be one of 'ward', 'complete', 'average', 'single'/,
    );
    expectSegmentkitError(() => new AgglomerativeClustering({ nClusters: 0 }), 'E_PARAM', /nClusters must be an integer ≥ 1/);
    expectSegmentkitError(
      () => new AgglomerativeClustering({ distanceThreshold: -1 }),
      'E_PARAM',
      /distanceThreshold must be a number ≥ 0/,
    );
    expectSegmentkitError(() => new AgglomerativeClustering({ nClusters: 2, distanceThreshold: 1 }), 'E_PARAM', /not both/);
    expectSegmentkitError(
      () => new AgglomerativeClustering({ n_clusters: 2 } as never),
      'E_PARAM',
      /unknown option 'n_clusters'; did you mean 'nClusters'/,
    );
  });

  it('fit(X) rejects a single row, more clusters than rows, NaN, and complete/average beyond the documented size', () => {
    expectSegmentkitError(() => new AgglomerativeClustering().fit([[1, 2]]), 'E_SHAPE', /at least 2/);
    expectSegmentkitError(
      () => new AgglomerativeClustering({ nClusters: 4 }).fit([[0], [1], [2]]),
      'E_PARAM',
      /nClusters = 4 but X has only 3 rows/,
    );
    expectSegmentkitError(() => new AgglomerativeClustering().fit([[0], [NaN]]), 'E_NOT_FINITE', /X\[1\]\[0\] is NaN/);
    const big = { data: new Float64Array(CONDENSED_LINKAGE_MAX_ROWS + 1), rows: CONDENSED_LINKAGE_MAX_ROWS + 1, cols: 1 };
    for (const linkage of ['complete', 'average'] as const) {
      expectSegmentkitError(
        () => new AgglomerativeClustering({ linkage }).fit(big),
        'E_PARAM',
        /limited to 16384 rows \(1 GiB\), X has 16385; use linkage 'ward' or 'single'/,
      );
    }
  });

  it('builds the same tree as an independent greedy agglomeration, for every linkage', () => {
    fc.assert(
      fc.property(continuousRows(2, 18), fc.constantFrom(...LINKAGES), (X, linkage) => {
        const tree = new AgglomerativeClustering({ linkage, nClusters: 1 }).fit(X);
        const expected = naiveLinkage(X, linkage);
        const Z = tree.linkageMatrix();
        expect(clusterSets(Z, X.length)).toEqual(expected.sets);
        Z.forEach((row, k) => expect(row[2]).toBeCloseTo(expected.heights[k]!, 9));
      }),
      { numRuns: 150 },
    );
  });

  it('permuting the rows gives the same clusters (renamed) at the same heights', () => {
    fc.assert(
      fc.property(continuousRows(3, 30), fc.constantFrom(...LINKAGES), fc.integer({ min: 1, max: 1000 }), (X, linkage, seed) => {
        const n = X.length;
        const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97) || a - b);
        const a = new AgglomerativeClustering({ linkage }).fit(X).linkageMatrix();
        const b = new AgglomerativeClustering({ linkage }).fit(perm.map((i) => X[i]!)).linkageMatrix();
        const renamed = new Set(
          [...clusterSets(b, n)].map((s) =>
            s
              .split(',')
              .map((p) => perm[Number(p)]!)
              .sort((u, v) => u - v)
              .join(','),
          ),
        );
        expect(renamed).toEqual(clusterSets(a, n));
        b.forEach((row, k) => expect(row[2]).toBeCloseTo(a[k]![2]!, 9));
      }),
      { numRuns: 100 },
    );
  });

  it('scaling X by a power of two scales every height exactly and keeps the tree and labels', () => {
    fc.assert(
      fc.property(continuousRows(2, 30), fc.constantFrom(...LINKAGES), fc.constantFrom(0.25, 4, 1024), (X, linkage, scale) => {
        const a = new AgglomerativeClustering({ linkage, nClusters: Math.min(3, X.length) }).fit(X);
        const b = new AgglomerativeClustering({ linkage, nClusters: Math.min(3, X.length) }).fit(X.map((r) => r.map((v) => v * scale)));
        expect(b.linkageMatrix()).toEqual(a.linkageMatrix().map(([p, q, h, c]) => [p, q, h! * scale, c]));
        expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      }),
      { numRuns: 100 },
    );
  });

  it('cuts are nested: the cut into k clusters refines the cut into k − 1; labels run 0..k−1', () => {
    fc.assert(
      fc.property(continuousRows(2, 40), fc.constantFrom(...LINKAGES), (X, linkage) => {
        const tree = new AgglomerativeClustering({ linkage }).fit(X);
        let coarser = tree.cut({ nClusters: 1 }).labels;
        for (let k = 2; k <= Math.min(X.length, 6); k++) {
          const finer = tree.cut({ nClusters: k }).labels;
          expect(new Set(finer).size).toBe(k);
          expect(Math.max(...finer)).toBe(k - 1);
          const parent = new Map<number, number>();
          finer.forEach((label, i) => {
            expect(parent.get(label) ?? coarser[i]).toBe(coarser[i]);
            parent.set(label, coarser[i]!);
          });
          coarser = finer;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reports merge progress and stops with E_ABORTED', () => {
    const X = Array.from({ length: 3000 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)]);
    for (const linkage of LINKAGES) {
      const events: AgglomerativeProgress[] = [];
      new AgglomerativeClustering({ linkage }).fit(X, { onProgress: (e) => events.push(e) });
      expect(events.at(-1)).toEqual({ phase: 'merging', done: 2999, total: 2999 });
      expect(events.some((e) => e.phase === 'distances')).toBe(linkage === 'complete' || linkage === 'average');
      const controller = new AbortController();
      expectSegmentkitError(
        () =>
          new AgglomerativeClustering({ linkage }).fit(X, {
            signal: controller.signal,
            onProgress: (e) => e.done > 1000 && controller.abort(),
          }),
        'E_ABORTED',
      );
    }
  });
});

describe('AgglomerativeClusteringModel', () => {
  const X = [
    [0, 0],
    [0, 1],
    [1, 0],
    [10, 10],
    [10, 11],
    [11, 10],
    [30, 0],
  ];
  const tree = new AgglomerativeClustering({ nClusters: 3 }).fit(X);

  it('exposes the tree, labels, sizes and centroids in the units of X', () => {
    expect(tree.nLeaves).toBe(7);
    expect(tree.children.length).toBe(6);
    expect(tree.distances.length).toBe(6);
    expect(tree.nClusters).toBe(3);
    expect(tree.clusterSizes.reduce((s, v) => s + v, 0)).toBe(7);
    const byLabel = tree.labels[0]!;
    expect(tree.centroids[byLabel]![0]).toBeCloseTo(1 / 3, 15);
    expect(tree.params).toEqual({ linkage: 'ward', nClusters: 3, distanceThreshold: null });
    expect(Object.isFrozen(tree)).toBe(true);
    expect(Object.isFrozen(tree.children)).toBe(true);
  });

  it('cut() validates its argument', () => {
    expectSegmentkitError(() => tree.cut({}), 'E_PARAM', /give nClusters or distanceThreshold/);
    expectSegmentkitError(() => tree.cut({ nClusters: 2, distanceThreshold: 1 }), 'E_PARAM', /not both/);
    expectSegmentkitError(() => tree.cut({ nClusters: 8 }), 'E_PARAM', /only 7 rows/);
    expectSegmentkitError(() => tree.cut({ distanceThreshold: -1 }), 'E_PARAM', /≥ 0/);
  });

  it("writing into one model's distances leaves its cuts, siblings and JSON unchanged", () => {
    const fitted = new AgglomerativeClustering({ linkage: 'ward' }).fit(X);
    const sibling = fitted.cut({ nClusters: 2 });
    const heights = Array.from(fitted.distances);
    const json = JSON.stringify(fitted.toJSON());
    const atThree = fitted.cut({ distanceThreshold: heights[heights.length - 3]! + 1e-9 }).nClusters;
    fitted.distances.fill(0);
    expect(fitted.cut({ distanceThreshold: heights[heights.length - 3]! + 1e-9 }).nClusters).toBe(atThree);
    expect(Array.from(sibling.distances)).toEqual(heights);
    expect(JSON.stringify(fitted.toJSON())).toBe(json);
    expect(fitted.linkageMatrix().map((row) => row[2])).toEqual(heights);
  });

  it('predict(X) gives the cluster of the nearest training row; training rows get their labels', () => {
    expect(Array.from(tree.predict(X))).toEqual(Array.from(tree.labels));
    expect(
      Array.from(
        tree.predict([
          [0.2, 0.2],
          [29, 1],
        ]),
      ),
    ).toEqual([tree.labels[0], tree.labels[6]]);
    expectSegmentkitError(() => tree.predict([[1]]), 'E_SHAPE', /X has 1 columns but the model was fitted on 2/);
  });

  it('round-trips through JSON (also a distance cut) and rejects inconsistent trees with E_MODEL', () => {
    for (const model of [tree, tree.cut({ distanceThreshold: 5 })]) {
      const json = JSON.parse(JSON.stringify(model));
      const restored = AgglomerativeClusteringModel.fromJSON(json);
      expect(restored.toJSON()).toEqual(model.toJSON());
      expect(Array.from(restored.labels)).toEqual(Array.from(model.labels));
    }
    const json = JSON.parse(JSON.stringify(tree));
    const children = json.children.map((pair: number[]) => [...pair]);
    expectSegmentkitError(
      () => AgglomerativeClusteringModel.fromJSON({ ...json, children: [[0, 12], ...children.slice(1)] }),
      'E_MODEL',
      /children\[0\]\[1\]/,
    );
    expectSegmentkitError(
      () => AgglomerativeClusteringModel.fromJSON({ ...json, children: [children[0], [children[0][0], 3], ...children.slice(2)] }),
      'E_MODEL',
      /not merged before/,
    );
    expectSegmentkitError(
      () => AgglomerativeClusteringModel.fromJSON({ ...json, distances: [...json.distances].reverse() }),
      'E_MODEL',
      /previous height/,
    );
    expectSegmentkitError(
      () => AgglomerativeClusteringModel.fromJSON({ ...json, params: { ...json.params, distanceThreshold: 2 } }),
      'E_MODEL',
      /exactly one/,
    );
    expectSegmentkitError(
      () => AgglomerativeClusteringModel.fromJSON({ ...json, params: { ...json.params, nClusters: 99 } }),
      'E_MODEL',
      /valid cut/,
    );
    expectSegmentkitError(() => AgglomerativeClusteringModel.fromJSON({ ...json, rows: json.rows.slice(1) }), 'E_MODEL');
  });

  it('prints a one-line summary in the REPL', () => {
    const inspect = (tree as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!;
    expect(inspect.call(tree)).toMatch(
      /^AgglomerativeClusteringModel \{ linkage: ward, nClusters: 3, rows: 7, nFeatures: 2, top merge height: [\d.]+, sizes: \[/,
    );
  });
});

describe('dendrogramData', () => {
  const X = Array.from({ length: 20 }, (_, i) => [Math.sin(i * 2.1) * 5, i % 4]);
  const tree = new AgglomerativeClustering({ linkage: 'average' }).fit(X);

  it('places every row at x = 5, 15, … and draws n − 1 links, each from its children up to its height', () => {
    const data = dendrogramData(tree);
    expect([...data.leaves].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(data.leafSizes.every((s) => s === 1)).toBe(true);
    expect(data.icoord.length).toBe(19);
    const xs = new Set(data.icoord.flatMap((link) => [link[0], link[3]]));
    for (let i = 0; i < 20; i++) expect(xs.has(10 * i + 5)).toBe(true);
    data.dcoord.forEach((link) => {
      expect(link[1]).toBe(link[2]);
      expect(link[0]).toBeLessThanOrEqual(link[1]!);
      expect(link[3]).toBeLessThanOrEqual(link[1]!);
    });
    expect(data.maxHeight).toBe(tree.distances[18]);
  });

  it('truncate shows the last clusters as leaves with their sizes', () => {
    const data = dendrogramData(tree, { truncate: 5 });
    expect(data.leaves.length).toBe(5);
    expect(data.leafSizes.reduce((s, v) => s + v, 0)).toBe(20);
    expect(data.icoord.length).toBe(4);
    expect(dendrogramData(tree, { truncate: 100 })).toEqual(dendrogramData(tree));
    expectSegmentkitError(() => dendrogramData(tree, { truncate: 0 }), 'E_PARAM', /truncate must be an integer ≥ 1/);
    expectSegmentkitError(() => dendrogramData(tree, { p: 3 } as never), 'E_PARAM', /unknown option 'p'/);
  });

  it('handles a deep chain (single linkage on a line of 5 000 rows) without recursion limits', () => {
    const line = Array.from({ length: 5000 }, (_, i) => [i * (1 + i / 1e4)]);
    const data = dendrogramData(new AgglomerativeClustering({ linkage: 'single' }).fit(line));
    expect(data.icoord.length).toBe(4999);
  });
});
