import { KDTree, MODE_EUCLIDEAN, MODE_MANHATTAN, type DistanceMode } from '../dbscan/KDTree';
import { portableExp } from '../../core/portableMath';
import type { ClusterFacts } from './clusterSelection';
import type { CondensedTree } from './condensedTree';

// Soft membership and prediction for new rows, after the hdbscan library's `prediction` module (McInnes,
// Healy & Astels 2017): exemplars (the rows of each leaf that persist longest), a distance part (inverse
// distance to the nearest exemplar of each cluster), an outlier part (how deep into each cluster's density a
// row reaches before it separates from it, softmax-weighted) and the probability of being in any cluster.
// `approximatePredict` attaches a new row to its nearest training row under mutual reachability and walks the
// condensed tree up to the level the new row reaches, as the library's `approximate_predict`.

/** @internal What prediction needs of a fitted model. */
export interface PredictionState {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly mode: DistanceMode;
  readonly alpha: number;
  readonly minSamples: number;
  readonly coreDistances: Float64Array;
  readonly tree: CondensedTree;
  readonly facts: ClusterFacts;
  readonly selected: Int32Array;
}

function distance(mode: DistanceMode, a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  if (mode === MODE_MANHATTAN) {
    for (let t = 0; t < d; t++) s += Math.abs(a[ao + t]! - b[bo + t]!);
    return s;
  }
  for (let t = 0; t < d; t++) {
    const v = a[ao + t]! - b[bo + t]!;
    s += v * v;
  }
  return Math.sqrt(s);
}

/** For each cluster index, the selected cluster it lies in (itself or an ancestor), or −1. */
function selectedAncestor(state: PredictionState): Int32Array {
  const { facts, selected } = state;
  const out = new Int32Array(facts.count).fill(-1);
  for (let k = 0; k < selected.length; k++) out[selected[k]!] = k;
  // parents have lower indices than their children, so one pass from the root down suffices
  for (let c = 1; c < facts.count; c++) if (out[c] === -1) out[c] = out[facts.parent[c]!]!;
  return out;
}

/** Exemplar rows of each selected cluster: in every leaf below it (or itself), the rows leaving at the leaf's largest λ. */
function exemplars(state: PredictionState): Int32Array[] {
  const { facts, tree, selected, n } = state;
  const owner = selectedAncestor(state);
  const lists: number[][] = selected.length === 0 ? [] : Array.from(selected, () => []);
  const isLeaf = (c: number): boolean => facts.childStart[c + 1] === facts.childStart[c];
  for (let r = 0; r < tree.child.length; r++) {
    const x = tree.child[r]!;
    if (x >= n) continue;
    const c = tree.parent[r]! - n;
    const k = owner[c]!;
    if (k < 0 || !isLeaf(c)) continue;
    if (tree.lambda[r] === facts.death[c]) lists[k]!.push(x);
  }
  return lists.map((list) => Int32Array.from(list.sort((a, b) => a - b)));
}

/** λ up to which row x (leaving cluster `c` at λ `l`) and selected cluster `s` stay connected. */
function mergeHeight(facts: ClusterFacts, c: number, l: number, s: number): number {
  // ancestor-or-self in either direction: together until x leaves
  for (let v = c; v >= 0; v = facts.parent[v]!) if (v === s) return l;
  for (let v = s; v >= 0; v = facts.parent[v]!) if (v === c) return l;
  let a = c;
  let b = s;
  while (a !== b) {
    if (a > b) a = facts.parent[a]!;
    else b = facts.parent[b]!;
  }
  return facts.death[a]!;
}

/** height / λmax in [0, 1], with ∞ / ∞ = 1. */
function depth(height: number, maxLambda: number): number {
  if (maxLambda === Number.POSITIVE_INFINITY) return height === Number.POSITIVE_INFINITY ? 1 : 0;
  if (maxLambda === 0) return 1;
  const u = height / maxLambda;
  return u > 1 ? 1 : u;
}

/**
 * @internal
 * Membership of each row in each selected cluster (n × k, row-major); each row sums to its probability of
 * being in some cluster (≤ 1).
 */
export function softMembership(
  state: PredictionState,
  rows: Float64Array,
  count: number,
  place: Int32Array,
  lambdaOf: Float64Array,
): Float64Array {
  const { data, d, mode, facts, selected } = state;
  const k = selected.length;
  const out = new Float64Array(count * k);
  if (k === 0) return out;
  const ex = exemplars(state);
  const distPart = new Float64Array(k);
  const scores = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    const io = i * d;
    // distance part: 1 / distance to the nearest exemplar; an exemplar at distance 0 takes it all
    let zero = false;
    for (let j = 0; j < k; j++) {
      let best = Number.POSITIVE_INFINITY;
      const list = ex[j]!;
      for (let e = 0; e < list.length; e++) {
        const v = distance(mode, rows, io, data, list[e]! * d, d);
        if (v < best) best = v;
      }
      distPart[j] = best;
      if (best === 0) zero = true;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) {
      distPart[j] = zero ? (distPart[j] === 0 ? 1 : 0) : 1 / distPart[j]!;
      sum += distPart[j]!;
    }
    for (let j = 0; j < k; j++) distPart[j] = distPart[j]! / sum;
    // outlier part: softmax of λmax / (λmax − merge height), computed as 1 / (1 − depth)
    let nearestDepth = -1;
    let top = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const s = selected[j]!;
      const u = depth(mergeHeight(facts, place[i]!, lambdaOf[i]!, s), facts.subtreeDeath[s]!);
      if (u > nearestDepth) nearestDepth = u;
      scores[j] = u >= 1 ? Number.POSITIVE_INFINITY : 1 / (1 - u);
      if (scores[j]! > top) top = scores[j]!;
    }
    let total = 0;
    for (let j = 0; j < k; j++) {
      const s = scores[j]!;
      const outlier = top === Number.POSITIVE_INFINITY ? (s === top ? 1 : 0) : portableExp(s - top);
      const combined = Math.sqrt(distPart[j]!) * outlier * outlier;
      scores[j] = combined;
      total += combined;
    }
    for (let j = 0; j < k; j++) out[i * k + j] = total > 0 ? (scores[j]! / total) * nearestDepth : 0;
  }
  return out;
}

/** @internal Where a new row attaches: the cluster index it reaches and the λ there, per row. */
export interface Attachment {
  /** Cluster index (−0 based on the condensed tree) each row ends in. */
  readonly place: Int32Array;
  /** λ at which the row would leave that cluster. */
  readonly lambda: Float64Array;
}

/** @internal Attach `count` new rows (row-major, d values) to the condensed tree. */
export function attachRows(state: PredictionState, rows: Float64Array, count: number): Attachment {
  const { data, n, d, mode, alpha, minSamples, coreDistances, tree, facts } = state;
  const index = new KDTree(data, n, d, mode);
  const euclidean = mode === MODE_EUCLIDEAN;
  // the new row counts as its own first neighbour, so its core distance is that of its (minSamples − 1)-th training row
  const k = Math.min(Math.max(1, minSamples - 1), n);
  const rowCore = Float64Array.from(coreDistances, (c) => (euclidean ? c * c : c));
  const nodeMinCore = minCorePerNode(index, rowCore);
  const bounds = new Float64Array(index.stack.length); // the search's stack of node bounds, reused row after row
  const heap = new Float64Array(k);
  const place = new Int32Array(count);
  const lambdaOut = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const io = i * d;
    let core = 0;
    if (minSamples > 1) {
      const c = index.kthDistance(rows, io, k, heap);
      core = euclidean ? Math.sqrt(c) : c;
    }
    const { row: best, weight: bestWeight } = nearestReachable(
      index,
      nodeMinCore,
      rowCore,
      bounds,
      rows,
      io,
      euclidean ? core * core : core,
      alpha,
    );
    const lambdaNew = bestWeight > 0 ? 1 / bestWeight : Number.POSITIVE_INFINITY;
    const r = facts.rowOfPoint[best]!;
    let c = tree.parent[r]! - n;
    let l: number;
    if (tree.lambda[r]! <= lambdaNew) l = tree.lambda[r]!;
    else {
      l = lambdaNew;
      while (c > 0 && facts.birth[c]! >= lambdaNew) c = facts.parent[c]!;
    }
    place[i] = c;
    lambdaOut[i] = l;
  }
  return { place, lambda: lambdaOut };
}

/** @internal Labels and strengths of attached rows. */
export function predictLabels(state: PredictionState, attachment: Attachment): { labels: Int32Array; strengths: Float64Array } {
  const owner = selectedAncestor(state);
  const count = attachment.place.length;
  const labels = new Int32Array(count).fill(-1);
  const strengths = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const label = owner[attachment.place[i]!]!;
    if (label < 0) continue;
    labels[i] = label;
    const max = state.facts.subtreeDeath[state.selected[label]!]!;
    strengths[i] = depth(attachment.lambda[i]!, max);
  }
  return { labels, strengths };
}

/** The smallest core distance of each k-d tree node, in the tree's comparable units. */
function minCorePerNode(index: KDTree, rowCore: Float64Array): Float64Array {
  const { nNodes, firstLeaf, start, end, order } = index;
  const out = new Float64Array(nNodes).fill(Number.POSITIVE_INFINITY);
  for (let node = nNodes - 1; node >= 0; node--) {
    let m = Number.POSITIVE_INFINITY;
    if (node >= firstLeaf) {
      for (let p = start[node]!; p < end[node]!; p++) {
        const v = rowCore[order[p]!]!;
        if (v < m) m = v;
      }
    } else m = Math.min(out[2 * node + 1]!, out[2 * node + 2]!);
    out[node] = m;
  }
  return out;
}

/**
 * The training row nearest to a query under mutual reachability max(core(q), core(j), d(q, j) / α), ties to the
 * lowest row index; the weight in the metric's units. A depth-first search of the k-d tree pruned by box
 * distances and the nodes' smallest core distances (comparable units throughout).
 */
function nearestReachable(
  index: KDTree,
  nodeMinCore: Float64Array,
  rowCore: Float64Array,
  bounds: Float64Array,
  q: Float64Array,
  qo: number,
  coreC: number,
  alpha: number,
): { row: number; weight: number } {
  const { stack, firstLeaf, start, end, order, mode } = index;
  const euclidean = mode === MODE_EUCLIDEAN;
  const alphaC = euclidean ? alpha * alpha : alpha;
  let best = -1;
  let bestWeight = Number.POSITIVE_INFINITY;
  let sp = 0;
  stack[sp] = 0;
  bounds[sp++] = 0;
  const bound = (node: number): number => {
    let box = index.comparableLowerBound(index.boxMin(q, qo, node));
    if (alphaC !== 1) box /= alphaC;
    const m = nodeMinCore[node]!;
    const a = box > coreC ? box : coreC;
    return a > m ? a : m;
  };
  while (sp > 0) {
    const node = stack[--sp]!;
    if (bounds[sp]! > bestWeight) continue;
    if (node >= firstLeaf) {
      for (let p = start[node]!; p < end[node]!; p++) {
        let w = index.pointDistance(q, qo, p);
        if (alphaC !== 1) w /= alphaC;
        if (w < coreC) w = coreC;
        const j = order[p]!;
        const cj = rowCore[j]!;
        if (w < cj) w = cj;
        if (w < bestWeight || (w === bestWeight && j < best)) {
          bestWeight = w;
          best = j;
        }
      }
      continue;
    }
    const left = 2 * node + 1;
    const bl = bound(left);
    const br = bound(left + 1);
    if (bl <= br) {
      stack[sp] = left + 1;
      bounds[sp++] = br;
      stack[sp] = left;
      bounds[sp++] = bl;
    } else {
      stack[sp] = left;
      bounds[sp++] = bl;
      stack[sp] = left + 1;
      bounds[sp++] = br;
    }
  }
  return { row: best, weight: euclidean ? Math.sqrt(bestWeight) : bestWeight };
}
