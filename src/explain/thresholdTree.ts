import type { Matrix } from '../core/Matrix';
import { sortFloat64WithPayload } from '../core/sortFloat64';

/** One node of a threshold tree: a leaf with its segment, or a cut `x[feature] ≤ threshold`. */
export type ThresholdNode = ThresholdLeaf | ThresholdSplit;

/** A leaf of a threshold tree. */
export interface ThresholdLeaf {
  /** Marks a leaf. */
  readonly kind: 'leaf';
  /** The segment every row reaching this leaf is given. */
  readonly segment: number;
}

/** A cut of a threshold tree: rows with `x[feature] ≤ threshold` go left. */
export interface ThresholdSplit {
  /** Marks a cut. */
  readonly kind: 'split';
  /** Column index of the feature cut. */
  readonly feature: number;
  /** The cut point, in the units the tree was built on. */
  readonly threshold: number;
  /** Index of the node for rows at or below the threshold. */
  readonly left: number;
  /** Index of the node for rows above it. */
  readonly right: number;
}

/** @internal Squared distance of row i of X to centre c. */
function squaredDistance(data: Float64Array, i: number, centers: Float64Array, c: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = data[i * d + j]! - centers[c * d + j]!;
    s += diff * diff;
  }
  return s;
}

/**
 * @internal
 * IMM (Dasgupta, Frost, Moshkovitz, Rashtchian, ICML 2020): grow a tree with one leaf per centre. At a node with
 * centres C and the rows whose own centre is in C, try every axis cut that separates at least two centres and
 * take the one that sends the fewest rows away from their centre ("mistakes"; ties: lower feature, then lower
 * threshold); mistaken rows leave the construction, the rest and the centres go down their side. Per feature
 * the rows stay presorted (a stable partition per cut), so a level costs O(n · d).
 */
export function buildIMM(X: Matrix, labels: Int32Array, centers: Float64Array, k: number): ThresholdNode[] {
  const { rows: n, cols: d, data } = X;
  const sorted = new Int32Array(n * d);
  const column = new Float64Array(n);
  const rowIndex = Int32Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = data[i * d + j]!;
    sorted.set(sortFloat64WithPayload(column, rowIndex).payload, j * n);
  }
  const nodes: ThresholdNode[] = [];
  const leftCount = new Float64Array(k);
  const perCenter = new Float64Array(k);
  const centerLeft = new Uint8Array(k);
  const side = new Uint8Array(n); // 0 left, 1 right, 2 mistake
  const scratch = new Int32Array(n);
  const centerOrder = new Int32Array(k);
  // a node to build: its rows (a range of every feature's sorted list), its centres, and where to attach it
  const build = (start: number, end: number, nodeCenters: number[]): number => {
    const id = nodes.length;
    if (nodeCenters.length === 1) {
      nodes.push({ kind: 'leaf', segment: nodeCenters[0]! });
      return id;
    }
    nodes.push({ kind: 'leaf', segment: nodeCenters[0]! }); // a temporary leaf, replaced below
    perCenter.fill(0);
    for (let p = start; p < end; p++) perCenter[labels[sorted[p]!]!]!++;
    let bestMistakes = Number.POSITIVE_INFINITY;
    let bestFeature = -1;
    let bestThreshold = 0;
    for (let j = 0; j < d; j++) {
      const base = j * n;
      // the node's centres sorted by this coordinate
      nodeCenters.forEach((c, i) => {
        centerOrder[i] = c;
      });
      const m = nodeCenters.length;
      const cs = Array.from(centerOrder.subarray(0, m)).sort((a, b) => centers[a * d + j]! - centers[b * d + j]! || a - b);
      leftCount.fill(0);
      centerLeft.fill(0);
      let mistakes = 0;
      let p = start;
      let q = 0;
      while (p < end || q < m) {
        const pv = p < end ? data[sorted[base + p]! * d + j]! : Number.POSITIVE_INFINITY;
        const qv = q < m ? centers[cs[q]! * d + j]! : Number.POSITIVE_INFINITY;
        const v = Math.min(pv, qv);
        while (p < end && data[sorted[base + p]! * d + j]! === v) {
          const c = labels[sorted[base + p]!]!;
          mistakes += centerLeft[c] === 1 ? -1 : 1;
          leftCount[c]!++;
          p++;
        }
        while (q < m && centers[cs[q]! * d + j]! === v) {
          const c = cs[q]!;
          mistakes += perCenter[c]! - 2 * leftCount[c]!;
          centerLeft[c] = 1;
          q++;
        }
        if (q === 0 || q === m) continue;
        const next = Math.min(p < end ? data[sorted[base + p]! * d + j]! : Number.POSITIVE_INFINITY, centers[cs[q]! * d + j]!);
        if (mistakes < bestMistakes) {
          bestMistakes = mistakes;
          bestFeature = j;
          bestThreshold = v / 2 + next / 2;
        }
      }
    }
    // centres that coincide in every coordinate cannot be separated: the first one takes the leaf
    if (bestFeature < 0) {
      nodes[id] = { kind: 'leaf', segment: nodeCenters[0]! };
      return id;
    }
    // partition: rows on their centre's side go down, mistakes are dropped from every feature's list
    const j = bestFeature;
    for (let p = start; p < end; p++) {
      const i = sorted[p]!;
      const goesLeft = data[i * d + j]! <= bestThreshold;
      const centreLeft = centers[labels[i]! * d + j]! <= bestThreshold;
      side[i] = goesLeft !== centreLeft ? 2 : goesLeft ? 0 : 1;
    }
    let middle = start;
    let stop = start;
    for (let f = 0; f < d; f++) {
      const base = f * n;
      let l = start;
      let r = 0;
      for (let p = start; p < end; p++) {
        const i = sorted[base + p]!;
        if (side[i] === 0) sorted[base + l++] = i;
        else if (side[i] === 1) scratch[r++] = i;
      }
      for (let t = 0; t < r; t++) sorted[base + l + t] = scratch[t]!;
      middle = l;
      stop = l + r;
    }
    const leftCenters = nodeCenters.filter((c) => centers[c * d + j]! <= bestThreshold);
    const rightCenters = nodeCenters.filter((c) => centers[c * d + j]! > bestThreshold);
    const left = build(start, middle, leftCenters);
    const right = build(middle, stop, rightCenters);
    nodes[id] = { kind: 'split', feature: j, threshold: bestThreshold, left, right };
    return id;
  };
  build(
    0,
    n,
    Array.from({ length: k }, (_, c) => c),
  );
  return nodes;
}

/** @internal The leaf each row reaches. */
export function routeRows(nodes: readonly ThresholdNode[], X: Matrix): Int32Array {
  const out = new Int32Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let node = 0;
    for (;;) {
      const current = nodes[node]!;
      if (current.kind === 'leaf') break;
      node = X.data[i * X.cols + current.feature]! <= current.threshold ? current.left : current.right;
    }
    out[i] = node;
  }
  return out;
}

/**
 * @internal
 * ExKMC-style expansion (Frost, Moshkovitz, Rashtchian 2020): while there are fewer than `maxLeaves` leaves,
 * split the leaf whose best cut lowers the surrogate cost most, where each side is labelled with the centre that
 * minimises Σ ‖x − μ‖² of its rows (computed from running sums: S₂ − 2 μ·S₁ + n ‖μ‖²).
 */
export function expandTree(nodes: ThresholdNode[], X: Matrix, centers: Float64Array, k: number, maxLeaves: number): void {
  const { rows: n, cols: d, data } = X;
  const centerNorms = new Float64Array(k);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centerNorms[c]! += centers[c * d + j]! ** 2;
  const bestCost = (s1: Float64Array, s2: number, count: number): [number, number] => {
    let best = Number.POSITIVE_INFINITY;
    let label = 0;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += centers[c * d + j]! * s1[j]!;
      const cost = s2 - 2 * dot + count * centerNorms[c]!;
      if (cost < best) {
        best = cost;
        label = c;
      }
    }
    return [best, label];
  };
  const rowNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) rowNorm[i]! += data[i * d + j]! ** 2;
  type Candidate = { gain: number; feature: number; threshold: number; left: number; right: number };
  const cache = new Map<number, Candidate | null>();
  const search = (leaf: number, members: number[]): Candidate | null => {
    if (members.length < 2) return null;
    const total = new Float64Array(d);
    let totalS2 = 0;
    for (const i of members) {
      for (let j = 0; j < d; j++) total[j]! += data[i * d + j]!;
      totalS2 += rowNorm[i]!;
    }
    const current = (nodes[leaf] as { segment: number }).segment;
    let currentCost = totalS2 + members.length * centerNorms[current]!;
    for (let j = 0; j < d; j++) currentCost -= 2 * centers[current * d + j]! * total[j]!;
    let best: Candidate | null = null;
    const s1 = new Float64Array(d);
    const r1 = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const order = [...members].sort((a, b) => data[a * d + j]! - data[b * d + j]! || a - b);
      s1.fill(0);
      let s2 = 0;
      for (let p = 0; p < order.length - 1; p++) {
        const i = order[p]!;
        for (let f = 0; f < d; f++) s1[f]! += data[i * d + f]!;
        s2 += rowNorm[i]!;
        const v = data[i * d + j]!;
        const next = data[order[p + 1]! * d + j]!;
        if (next === v) continue;
        for (let f = 0; f < d; f++) r1[f] = total[f]! - s1[f]!;
        const [costLeft, left] = bestCost(s1, s2, p + 1);
        const [costRight, right] = bestCost(r1, totalS2 - s2, order.length - p - 1);
        const gain = currentCost - costLeft - costRight;
        if (left !== right && gain > 1e-12 * Math.max(1, currentCost) && (best === null || gain > best.gain)) {
          best = { gain, feature: j, threshold: v / 2 + next / 2, left, right };
        }
      }
    }
    return best;
  };
  let leaves = nodes.filter((node) => node.kind === 'leaf').length;
  while (leaves < maxLeaves) {
    const reached = routeRows(nodes, X);
    const members = new Map<number, number[]>();
    reached.forEach((leaf, i) => {
      const list = members.get(leaf);
      if (list === undefined) members.set(leaf, [i]);
      else list.push(i);
    });
    let chosen: { leaf: number; candidate: Candidate } | null = null;
    for (let leaf = 0; leaf < nodes.length; leaf++) {
      if (nodes[leaf]!.kind !== 'leaf') continue;
      if (!cache.has(leaf)) cache.set(leaf, search(leaf, members.get(leaf) ?? []));
      const candidate = cache.get(leaf)!;
      if (candidate !== null && (chosen === null || candidate.gain > chosen.candidate.gain)) chosen = { leaf, candidate };
    }
    if (chosen === null) break;
    const { leaf, candidate } = chosen;
    const left = nodes.length;
    nodes.push({ kind: 'leaf', segment: candidate.left });
    nodes.push({ kind: 'leaf', segment: candidate.right });
    nodes[leaf] = { kind: 'split', feature: candidate.feature, threshold: candidate.threshold, left, right: left + 1 };
    cache.delete(leaf);
    leaves++;
  }
}

/** @internal Σ ‖x − μ_label‖² with the given centres. */
export function costWithCenters(X: Matrix, labels: ArrayLike<number>, centers: Float64Array): number {
  let cost = 0;
  for (let i = 0; i < X.rows; i++) cost += squaredDistance(X.data, i, centers, labels[i]!, X.cols);
  return cost;
}
