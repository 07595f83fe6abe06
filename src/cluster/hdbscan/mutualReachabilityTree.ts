import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { KDTree, MODE_EUCLIDEAN, type DistanceMode } from '../dbscan/KDTree';
import type { HDBSCANProgress } from './hdbscanParams';

// The minimum spanning tree of the mutual reachability graph, d_mr(a, b) = max(core(a), core(b), d(a, b) / α),
// without the n × n matrix: Borůvka's algorithm over the k-d tree. Each round finds, for every component, its
// lightest edge to another component, and adds them all; components at least halve per round. Edges are
// ordered totally by (weight, lower row, higher row), so the tree is unique and independent of the order
// rows are visited in (with ties in the weights, several trees would be minimal; any of them gives the same
// hierarchy of clusters, see condensedTree.ts).
//
// What keeps a round cheap:
// - a node of the k-d tree whose rows all belong to the querying row's component is skipped, and so is any
//   node whose lower bound max(core(row), min core in the node, box distance / α) exceeds the best edge the
//   component has so far;
// - a row remembers its nearest other-component row from the last full search: components only merge, so
//   while that row is still in another component it stays the nearest, and no search is needed;
// - a row whose search found nothing below its component's bound remembers the bound, which only rises.
// All of it in the k-d tree's comparable units (squared distances for Euclidean), converted once at the end.

const PROGRESS_EVERY = 4096;
/** Most neighbour ids kept for the first round (2^25 ids, 128 MiB). */
const NEIGHBOURS_LIMIT = 33554432;

/** @internal The tree: `n − 1` edges (a, b, weight), weights in the metric's units. */
export interface SpanningTree {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
  /** Core distance of each row in the metric's units. */
  readonly coreDistances: Float64Array;
}

/** @internal Union–find with path halving and union by size. */
export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const { parent } = this;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }
  /** Join the sets of a and b; returns the new root. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra]! < this.size[rb]! || (this.size[ra] === this.size[rb] && rb < ra)) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra] = this.size[ra]! + this.size[rb]!;
    return ra;
  }
}

/** Whether edge (w, a, b) comes before (W, A, B): lighter, or as light with the lower (lo, hi) pair. */
function edgeBefore(w: number, a: number, b: number, W: number, A: number, B: number): boolean {
  if (w !== W) return w < W;
  const lo = a < b ? a : b;
  const LO = A < B ? A : B;
  if (lo !== LO) return lo < LO;
  return (a < b ? b : a) < (A < B ? B : A);
}

/**
 * @internal
 * Core distances (distance to the `minSamples`-th nearest row, itself counted) and the mutual reachability
 * minimum spanning tree of `n` rows of `d` values.
 */
export function mutualReachabilityTree(
  data: Float64Array,
  n: number,
  d: number,
  mode: DistanceMode,
  minSamples: number,
  alpha: number,
  context: string,
  signal: AbortSignalLike | undefined,
  onProgress: ((event: HDBSCANProgress) => void) | undefined,
): SpanningTree {
  const tree = new KDTree(data, n, d, mode);
  throwIfAborted(signal, context);
  onProgress?.({ phase: 'index', done: n, total: n });
  const euclidean = mode === MODE_EUCLIDEAN;
  // distances are divided by α; in comparable units that is α² for squared distances
  const alphaC = euclidean ? alpha * alpha : alpha;
  const core = new Float64Array(n);
  const heap = new Float64Array(minSamples);
  // the neighbours are kept (when that fits in memory) for the first round's shortcut below
  const keep = n * minSamples <= NEIGHBOURS_LIMIT;
  const neighbours = new Int32Array(keep ? n * minSamples : minSamples);
  for (let i = 0; i < n; i++) {
    if (i % PROGRESS_EVERY === 0 && i > 0) {
      throwIfAborted(signal, context);
      onProgress?.({ phase: 'core', done: i, total: n });
    }
    core[i] = tree.kNearest(data, i * d, minSamples, heap, keep ? neighbours.subarray(i * minSamples, (i + 1) * minSamples) : neighbours);
  }
  onProgress?.({ phase: 'core', done: n, total: n });

  const { nNodes, firstLeaf, start, end, order, stack } = tree;
  // the smallest core distance per node (static), in tree order per leaf
  const nodeMinCore = new Float64Array(nNodes).fill(Number.POSITIVE_INFINITY);
  for (let node = nNodes - 1; node >= 0; node--) {
    let m = Number.POSITIVE_INFINITY;
    if (node >= firstLeaf) {
      for (let p = start[node]!; p < end[node]!; p++) if (core[order[p]!]! < m) m = core[order[p]!]!;
    } else {
      const l = 2 * node + 1;
      m = Math.min(nodeMinCore[l]!, nodeMinCore[l + 1]!);
    }
    nodeMinCore[node] = m;
  }
  const coreByPosition = new Float64Array(n);
  for (let p = 0; p < n; p++) coreByPosition[p] = core[order[p]!]!;

  const sets = new UnionFind(n);
  const component = new Int32Array(n); // by row
  const componentByPosition = new Int32Array(n);
  const nodeComponent = new Int32Array(nNodes); // -1 mixed, -2 empty
  const cachedNearest = new Int32Array(n).fill(-1);
  const cachedWeight = new Float64Array(n);
  const lowerBound = new Float64Array(n);
  const bestWeight = new Float64Array(n);
  const bestFrom = new Int32Array(n);
  const bestTo = new Int32Array(n);
  const bounds = new Float64Array(stack.length);
  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(Math.max(0, n - 1));
  const weight = new Float64Array(Math.max(0, n - 1));
  let edges = 0;
  if (keep) {
    // the lightest edge a row can have weighs its core distance; a neighbour within it whose own core distance is
    // no larger attains that (the lowest such row is taken), so most rows need no search in the first round
    for (let i = 0; i < n; i++) {
      let best = -1;
      for (let t = i * minSamples; t < (i + 1) * minSamples; t++) {
        const j = neighbours[t]!;
        if (j === i || core[j]! > core[i]! || (best >= 0 && j > best)) continue;
        let w = squaredOrManhattan(data, i * d, j * d, d, euclidean);
        if (alphaC !== 1) w /= alphaC;
        if (w <= core[i]!) best = j;
      }
      if (best >= 0) {
        cachedNearest[i] = best;
        cachedWeight[i] = core[i]!;
      }
    }
  }

  while (edges < n - 1) {
    throwIfAborted(signal, context);
    for (let i = 0; i < n; i++) {
      component[i] = sets.find(i);
      bestWeight[i] = Number.POSITIVE_INFINITY;
      bestFrom[i] = -1;
      bestTo[i] = -1;
    }
    for (let p = 0; p < n; p++) componentByPosition[p] = component[order[p]!]!;
    for (let node = nNodes - 1; node >= 0; node--) {
      if (node >= firstLeaf) {
        const s = start[node]!;
        const e = end[node]!;
        if (s === e) {
          nodeComponent[node] = -2;
          continue;
        }
        const c = componentByPosition[s]!;
        let same = c;
        for (let p = s + 1; p < e; p++) {
          if (componentByPosition[p] !== c) {
            same = -1;
            break;
          }
        }
        nodeComponent[node] = same;
      } else {
        const a = nodeComponent[2 * node + 1]!;
        const b = nodeComponent[2 * node + 2]!;
        nodeComponent[node] = a === -2 ? b : b === -2 ? a : a === b ? a : -1;
      }
    }

    // first the rows whose remembered nearest row is still in another component (no search), so that every
    // component has a bound before the searches of the second pass
    for (let p0 = 0; p0 < n; p0++) {
      const i = order[p0]!;
      const c = component[i]!;
      const cached = cachedNearest[i]!;
      if (cached < 0) continue;
      if (component[cached] !== c) {
        if (edgeBefore(cachedWeight[i]!, i, cached, bestWeight[c]!, bestFrom[c]!, bestTo[c]!)) {
          bestWeight[c] = cachedWeight[i]!;
          bestFrom[c] = i;
          bestTo[c] = cached;
        }
      } else {
        // joined since: the nearest row left in other components is at least as far
        if (cachedWeight[i]! > lowerBound[i]!) lowerBound[i] = cachedWeight[i]!;
        cachedNearest[i] = -1;
      }
    }
    for (let p0 = 0; p0 < n; p0++) {
      const i = order[p0]!;
      const c = component[i]!;
      if (cachedNearest[i]! >= 0) continue;
      const coreI = core[i]!;
      if (lowerBound[i]! > bestWeight[c]! || coreI > bestWeight[c]!) continue;
      // search for the nearest row of another component, bounded by the component's best so far
      const qo = i * d;
      let found = -1;
      let foundWeight = bestWeight[c]!;
      let foundA = bestFrom[c]!;
      let foundB = bestTo[c]!;
      let sp = 0;
      stack[sp] = 0;
      bounds[sp++] = 0;
      while (sp > 0) {
        const node = stack[--sp]!;
        const bound = bounds[sp]!;
        if (bound > foundWeight) continue;
        const nc = nodeComponent[node]!;
        if (nc === c || nc === -2) continue;
        if (node >= firstLeaf) {
          const e = end[node]!;
          for (let p = start[node]!; p < e; p++) {
            if (componentByPosition[p] === c) continue;
            const coreJ = coreByPosition[p]!;
            if (coreJ > foundWeight) continue;
            let w = tree.pointDistance(data, qo, p);
            if (alphaC !== 1) w /= alphaC;
            if (w < coreI) w = coreI;
            if (w < coreJ) w = coreJ;
            const j = order[p]!;
            if (edgeBefore(w, i, j, foundWeight, foundA, foundB)) {
              found = j;
              foundWeight = w;
              foundA = i;
              foundB = j;
            }
          }
          continue;
        }
        const left = 2 * node + 1;
        const right = left + 1;
        const bl = nodeBound(tree, data, qo, left, coreI, nodeMinCore, alphaC);
        const br = nodeBound(tree, data, qo, right, coreI, nodeMinCore, alphaC);
        // nearer child last, so it is searched first
        if (bl <= br) {
          stack[sp] = right;
          bounds[sp++] = br;
          stack[sp] = left;
          bounds[sp++] = bl;
        } else {
          stack[sp] = left;
          bounds[sp++] = bl;
          stack[sp] = right;
          bounds[sp++] = br;
        }
      }
      if (found >= 0) {
        cachedNearest[i] = found;
        cachedWeight[i] = foundWeight;
        bestWeight[c] = foundWeight;
        bestFrom[c] = i;
        bestTo[c] = found;
      } else {
        cachedNearest[i] = -1;
        lowerBound[i] = bestWeight[c]!;
      }
    }

    let added = 0;
    for (let c = 0; c < n; c++) {
      if (component[c] !== c || bestFrom[c]! < 0) continue;
      const a = bestFrom[c]!;
      const b = bestTo[c]!;
      if (sets.find(a) === sets.find(b)) continue; // both components chose the same edge
      sets.union(a, b);
      from[edges] = a < b ? a : b;
      to[edges] = a < b ? b : a;
      weight[edges] = bestWeight[c]!;
      edges++;
      added++;
    }
    onProgress?.({ phase: 'tree', done: edges, total: n - 1 });
    if (added === 0) break; // cannot happen for finite data; guards against an endless loop
  }

  const coreDistances = new Float64Array(n);
  for (let i = 0; i < n; i++) coreDistances[i] = euclidean ? Math.sqrt(core[i]!) : core[i]!;
  for (let e = 0; e < edges; e++) if (euclidean) weight[e] = Math.sqrt(weight[e]!);
  return { from, to, weight, coreDistances };
}

/** A lower bound of the mutual reachability from the query row to any row of `node` (comparable units). */
function nodeBound(
  tree: KDTree,
  data: Float64Array,
  qo: number,
  node: number,
  coreI: number,
  nodeMinCore: Float64Array,
  alphaC: number,
): number {
  let box = tree.comparableLowerBound(tree.boxMin(data, qo, node));
  if (alphaC !== 1) box /= alphaC;
  const m = nodeMinCore[node]!;
  return box > coreI ? (box > m ? box : m) : coreI > m ? coreI : m;
}

/** Σ (x − y)² or Σ |x − y| of two rows of the same buffer. */
function squaredOrManhattan(data: Float64Array, a: number, b: number, d: number, euclidean: boolean): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = data[a + t]! - data[b + t]!;
    s += euclidean ? v * v : Math.abs(v);
  }
  return s;
}
