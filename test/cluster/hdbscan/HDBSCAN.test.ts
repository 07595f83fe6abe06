import fc from 'fast-check';
import { HDBSCAN, HDBSCANModel, makeBlobs, type HDBSCANProgress } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../../helpers/expectError';

/**
 * HDBSCAN written out on all pairs, as the hdbscan library describes it: Prim's algorithm on the full mutual
 * reachability graph (ties to the lowest row), a stable sort of its edges, binary single linkage, the condensed
 * tree breadth first, excess of mass with ties to the parent, labels by the selected ancestor.
 */
function naiveHdbscan(X: number[][], minClusterSize: number, minSamples: number): number[] {
  const n = X.length;
  const dist = (a: number, b: number) => Math.sqrt(X[a]!.reduce((s, v, t) => s + (v - X[b]![t]!) ** 2, 0));
  const core = X.map((_, i) => X.map((__, j) => dist(i, j)).sort((a, b) => a - b)[minSamples - 1]!);
  const mr = (a: number, b: number) => Math.max(core[a]!, core[b]!, dist(a, b));
  const inTree = new Array<boolean>(n).fill(false);
  const key = new Array<number>(n).fill(Infinity);
  const via = new Array<number>(n).fill(-1);
  const edges: [number, number, number][] = [];
  let v = 0;
  for (let step = 0; step < n; step++) {
    inTree[v] = true;
    if (via[v]! >= 0) edges.push([via[v]!, v, key[v]!]);
    let next = -1;
    for (let u = 0; u < n; u++) {
      if (inTree[u]) continue;
      if (mr(v, u) < key[u]!) {
        key[u] = mr(v, u);
        via[u] = v;
      }
      if (next < 0 || key[u]! < key[next]!) next = u;
    }
    v = next;
  }
  const sorted = edges.map((e, k) => [e, k] as const).sort((a, b) => a[0][2] - b[0][2] || a[1] - b[1]);
  // binary dendrogram: node ids ≥ n, children and members
  const parentOf = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parentOf[x] === x ? x : (parentOf[x] = find(parentOf[x]!)));
  const nodeOf = Array.from({ length: n }, (_, i) => i);
  const kids: number[][] = [];
  const height: number[] = [];
  const members: number[][] = X.map((_, i) => [i]);
  for (const [[a, b, w]] of sorted) {
    const ra = find(a);
    const rb = find(b);
    const node = n + kids.length;
    kids.push([nodeOf[ra]!, nodeOf[rb]!]);
    height.push(w);
    members[node] = [...members[nodeOf[ra]!]!, ...members[nodeOf[rb]!]!];
    parentOf[rb] = ra;
    nodeOf[ra] = node;
  }
  // condensed tree
  type Row = { parent: number; child: number; lambda: number; size: number };
  const rows: Row[] = [];
  let next = 1;
  const queue: [number, number][] = [[2 * n - 2, 0]];
  const size = (node: number) => members[node]!.length;
  while (queue.length > 0) {
    const [node, cluster] = queue.shift()!;
    if (node < n) continue;
    const [l, r] = kids[node - n]!;
    const lambda = height[node - n]! > 0 ? 1 / height[node - n]! : Infinity;
    const bigL = size(l!) >= minClusterSize;
    const bigR = size(r!) >= minClusterSize;
    const ordered = [l!, r!].sort((a, b) => Math.min(...members[a]!) - Math.min(...members[b]!));
    for (const child of ordered) {
      const big = child === l ? bigL : bigR;
      if (!big) for (const p of members[child]!) rows.push({ parent: cluster, child: -1 - p, lambda, size: 1 });
      else if (bigL && bigR) {
        const id = next++;
        rows.push({ parent: cluster, child: id, lambda, size: size(child) });
        queue.push([child, id]);
      } else queue.push([child, cluster]);
    }
  }
  const count = next;
  const birth = new Array<number>(count).fill(0);
  const up = new Array<number>(count).fill(-1);
  for (const row of rows) if (row.child >= 0) [birth[row.child], up[row.child]] = [row.lambda, row.parent];
  const stability = new Array<number>(count).fill(0);
  for (const row of rows) stability[row.parent]! += (row.lambda === birth[row.parent] ? 0 : row.lambda - birth[row.parent]!) * row.size;
  const selected = new Array<boolean>(count).fill(true);
  selected[0] = false;
  const children = (c: number) => rows.filter((row) => row.parent === c && row.child >= 0).map((row) => row.child);
  const below = (c: number): number[] => children(c).flatMap((k) => [k, ...below(k)]);
  for (let c = count - 1; c >= 1; c--) {
    const subtree = children(c).reduce((s, k) => s + stability[k]!, 0);
    if (subtree > stability[c]!) {
      selected[c] = false;
      stability[c] = subtree;
    } else for (const k of below(c)) selected[k] = false;
  }
  const labelOf = new Map<number, number>();
  for (let c = 0; c < count; c++) if (selected[c]) labelOf.set(c, labelOf.size);
  return X.map((_, i) => {
    let c = rows.find((row) => row.child === -1 - i)!.parent;
    while (c >= 0 && !selected[c]) c = up[c]!;
    return c >= 0 ? labelOf.get(c)! : -1;
  });
}

describe('HDBSCAN', () => {
  it('equals HDBSCAN written out on all pairs (fast-check, 60 random tables)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 70 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (n, d, minClusterSize, minSamples, seed) => {
          const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: 3, clusterStd: 1.5, seed });
          const rows = Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * d, (i + 1) * d)));
          const model = new HDBSCAN({ minClusterSize, minSamples }).fit(X);
          expect(Array.from(model.labels)).toEqual(naiveHdbscan(rows, minClusterSize, minSamples));
        },
      ),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('finds blobs of any density and marks far rows as noise with high outlier scores', () => {
    const { X } = makeBlobs({
      nSamples: 600,
      nFeatures: 2,
      centers: [
        [0, 0],
        [8, 8],
        [-8, 8],
      ],
      clusterStd: [0.5, 1.5, 1],
      seed: 7,
    });
    const rows = [...Array.from({ length: 600 }, (_, i) => [X.data[2 * i]!, X.data[2 * i + 1]!]), [40, -40], [-40, 40]];
    const model = new HDBSCAN({ minClusterSize: 15 }).fit(rows);
    expect(model.nClusters).toBe(3);
    expect(Array.from(model.labels.subarray(600))).toEqual([-1, -1]);
    expect(model.outlierScores[600]).toBeGreaterThan(0.9);
    expect(model.clusterSizes.reduce((a, b) => a + b, 0) + model.nNoise).toBe(602);
    for (const p of model.probabilities) expect(p >= 0 && p <= 1).toBe(true);
    for (const s of model.outlierScores) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('is deterministic and gives the same partition when the rows are reordered', () => {
    const { X } = makeBlobs({ nSamples: 2000, nFeatures: 4, centers: 5, clusterStd: 1.2, seed: 11 });
    const a = new HDBSCAN({ minClusterSize: 20 }).fit(X);
    const b = new HDBSCAN({ minClusterSize: 20 }).fit(X);
    expect(b.labels).toEqual(a.labels);
    expect(b.outlierScores).toEqual(a.outlierScores);
    const n = 2000;
    const perm = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const rows = perm.map((i) => Array.from(X.data.subarray(i * 4, i * 4 + 4)));
    const c = new HDBSCAN({ minClusterSize: 20 }).fit(rows);
    const pairs = new Map<number, number>();
    perm.forEach((i, k) => {
      const mine = a.labels[i]!;
      const theirs = c.labels[k]!;
      if (mine < 0) expect(theirs).toBe(-1);
      else {
        if (!pairs.has(mine)) pairs.set(mine, theirs);
        expect(theirs).toBe(pairs.get(mine));
      }
    });
  });

  it("'leaf' gives more, smaller clusters; clusterSelectionEpsilon merges clusters closer than it", () => {
    const X = [
      ...[0, 0.1, 0.2, 0.3, 0.4].map((v) => [v]),
      ...[1.4, 1.5, 1.6, 1.7, 1.8].map((v) => [v]),
      ...[20, 20.1, 20.2, 20.3, 20.4].map((v) => [v]),
    ];
    const eom = new HDBSCAN({ minClusterSize: 3 }).fit(X);
    const leaf = new HDBSCAN({ minClusterSize: 3, clusterSelectionMethod: 'leaf' }).fit(X);
    expect(leaf.nClusters).toBeGreaterThanOrEqual(eom.nClusters);
    expect(leaf.nClusters).toBe(3);
    const merged = new HDBSCAN({ minClusterSize: 3, clusterSelectionMethod: 'leaf', clusterSelectionEpsilon: 2 }).fit(X);
    expect(Array.from(merged.labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('allowSingleCluster lets one blob be one cluster; maxClusterSize splits a large one', () => {
    const { X } = makeBlobs({ nSamples: 300, nFeatures: 2, centers: 1, clusterStd: 1, seed: 3 });
    const single = new HDBSCAN({ minClusterSize: 10, allowSingleCluster: true }).fit(X);
    expect(single.nClusters).toBe(1);
    const { X: two } = makeBlobs({
      nSamples: 400,
      nFeatures: 2,
      centers: [
        [0, 0],
        [3, 0],
      ],
      clusterStd: 1,
      seed: 5,
    });
    const free = new HDBSCAN({ minClusterSize: 20 }).fit(two);
    const capped = new HDBSCAN({ minClusterSize: 20, maxClusterSize: 150 }).fit(two);
    expect(Math.max(...capped.clusterSizes)).toBeLessThanOrEqual(150);
    expect(capped.nClusters).toBeGreaterThanOrEqual(free.nClusters);
  });

  it('handles exact duplicates (distance 0, λ = ∞) without NaN', () => {
    const X = [[0], [0], [0], [0], [5], [5], [5], [5], [9]];
    const model = new HDBSCAN({ minClusterSize: 3 }).fit(X);
    // row 8 leaves the 5s' cluster at distance 4 (λ 0.25), so it belongs to it; that cluster's λmax is ∞
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    for (const v of [...model.probabilities, ...model.outlierScores, ...model.clusterPersistence]) expect(Number.isNaN(v)).toBe(false);
    expect(Array.from(model.outlierScores.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(model.outlierScores[8]).toBe(1);
  });

  it('manhattan and alpha change the distances as documented', () => {
    const X = [
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
      [6, 6],
      [7, 7],
      [6, 7],
      [7, 6],
    ];
    const m = new HDBSCAN({ minClusterSize: 3, minSamples: 2, metric: 'manhattan' }).fit(X);
    expect(Array.from(m.coreDistances)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(m.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const a = new HDBSCAN({ minClusterSize: 3, minSamples: 2, alpha: 2 }).fit(X);
    // distances halve before the mutual reachability, the core distances do not (as scikit-learn's tree algorithms)
    expect(Array.from(a.coreDistances)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const split = a.condensedTree.lambda[Array.from(a.condensedTree.child).indexOf(9)]!;
    expect(split).toBeCloseTo(1 / (Math.hypot(5, 5) / 2), 12);
  });

  it('approximatePredict returns the training labels for most training rows; predict is its labels', () => {
    const { X } = makeBlobs({ nSamples: 1500, nFeatures: 3, centers: 4, clusterStd: 1, seed: 21 });
    const model = new HDBSCAN({ minClusterSize: 25 }).fit(X);
    const { labels, strengths } = model.approximatePredict(X);
    let same = 0;
    for (let i = 0; i < 1500; i++) if (labels[i] === model.labels[i]) same++;
    expect(same / 1500).toBeGreaterThan(0.97);
    for (const s of strengths) expect(s >= 0 && s <= 1).toBe(true);
    expect(model.predict(X)).toEqual(labels);
  });

  it('softMembership: rows sum to at most 1, and the largest entry is the row’s own cluster for clustered rows', () => {
    const { X } = makeBlobs({ nSamples: 800, nFeatures: 2, centers: 3, clusterStd: 0.8, seed: 13 });
    const model = new HDBSCAN({ minClusterSize: 20 }).fit(X);
    const soft = model.softMembership();
    expect([soft.rows, soft.cols]).toEqual([800, model.nClusters]);
    let agree = 0;
    let clustered = 0;
    for (let i = 0; i < 800; i++) {
      const row = Array.from(soft.data.subarray(i * soft.cols, (i + 1) * soft.cols));
      const sum = row.reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(1 + 1e-12);
      for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
      if (model.labels[i]! >= 0) {
        clustered++;
        if (row.indexOf(Math.max(...row)) === model.labels[i]) agree++;
      }
    }
    expect(agree / clustered).toBeGreaterThan(0.95);
    const fresh = model.softMembership([[100, 100]]);
    expect(fresh.rows).toBe(1);
  });

  it('reports progress by phase and stops with E_ABORTED when the signal fires', () => {
    const { X } = makeBlobs({ nSamples: 9000, nFeatures: 2, centers: 3, seed: 1 });
    const events: HDBSCANProgress[] = [];
    new HDBSCAN().fit(X, { onProgress: (e) => events.push(e) });
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['index', 'core', 'tree', 'condense']));
    const controller = new AbortController();
    expectSegmentkitError(
      () => new HDBSCAN().fit(X, { signal: controller.signal, onProgress: (e) => e.phase === 'core' && controller.abort() }),
      'E_ABORTED',
    );
  });

  it('refuses bad parameters and inputs with typed errors', () => {
    expectSegmentkitError(() => new HDBSCAN({ minClusterSize: 1 }), 'E_PARAM', /minClusterSize/);
    expectSegmentkitError(() => new HDBSCAN({ minSamples: 0 }), 'E_PARAM', /minSamples/);
    expectSegmentkitError(() => new HDBSCAN({ alpha: 0 }), 'E_PARAM', /alpha/);
    expectSegmentkitError(() => new HDBSCAN({ clusterSelectionMethod: 'best' as 'eom' }), 'E_PARAM');
    expectSegmentkitError(() => new HDBSCAN({ minClusterSize: 5 }).fit([[0], [1], [2]]), 'E_PARAM', /at most the number of rows \(3\)/);
    expectSegmentkitError(() => new HDBSCAN().fit([[0], [Number.NaN]]), 'E_NOT_FINITE');
    expectSegmentkitError(() => new HDBSCAN({ minClusterSize: 2 }).fit([[1e300], [-1e300]]), 'E_DOMAIN', /rescale/);
    const model = new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [5], [5.1]]);
    expectSegmentkitError(() => model.approximatePredict([[1, 2]]), 'E_SHAPE');
  });

  it('JSON round trip; a label that does not belong to the rows is refused', () => {
    const { X } = makeBlobs({ nSamples: 300, nFeatures: 2, centers: 3, seed: 4 });
    const model = new HDBSCAN({ minClusterSize: 10 }).fit(X);
    const json = JSON.parse(JSON.stringify(model));
    const back = HDBSCANModel.fromJSON(json);
    expect(back.labels).toEqual(model.labels);
    expect(back.outlierScores).toEqual(model.outlierScores);
    expect(back.condensedTree).toEqual(model.condensedTree);
    const tampered = { ...json, labels: [...json.labels] };
    tampered.labels[0] = tampered.labels[0] === 0 ? 1 : 0;
    expectSegmentkitError(() => HDBSCANModel.fromJSON(tampered), 'E_MODEL', /labels\[0\]/);
    expectSegmentkitError(() => HDBSCANModel.fromJSON({ ...json, data: [] }), 'E_MODEL', /data/);
    expectSegmentkitError(() => HDBSCANModel.fromJSON({ ...json, params: { ...json.params, minSamples: 0 } }), 'E_MODEL');
  });

  it('prints a summary', () => {
    const model = new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [5], [5.1], [40]]);
    const inspect = (model as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!;
    expect(inspect.call(model)).toBe(
      'HDBSCANModel { nClusters: 2, noise: 1, rows: 5, minClusterSize: 2, minSamples: 2, metric: euclidean, selection: eom, sizes: [2, 2] }',
    );
  });
});
