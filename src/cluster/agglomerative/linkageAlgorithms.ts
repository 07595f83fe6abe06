// The three merge algorithms behind AgglomerativeClustering, each a port of the one scipy 1.10 runs
// (scipy/cluster/_hierarchy.pyx), with the same scan order and tie-breaking:
//
// - ward: scipy's nearest-neighbour chain (`nn_chain`), but on cluster centroids and sizes instead of a
//   condensed distance matrix, so memory is O(n·d) instead of O(n²). The Ward distance between clusters A and
//   B is √(2|A||B| / (|A| + |B|)) · ‖c_A − c_B‖, equal to scipy's Lance–Williams update to rounding (for two
//   single rows it is exactly scipy's: √(Σ (x − y)²)).
// - complete, average: scipy's `nn_chain` on the condensed matrix of Euclidean distances (√(Σ (x − y)²),
//   summed in column order as scipy's `pdist`), with its Lance–Williams updates: O(n²) memory.
// - single: scipy's `mst_single_linkage` (Prim's algorithm from row 0) with distances computed on the fly:
//   O(n) memory.
//
// Every function returns the merges in the order found; `finishLinkage` sorts them by height and numbers the
// new clusters n, n + 1, … as scipy's `label`.

import { squaredDifferences } from '../../core/squaredEuclidean';
import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { SegmentkitError } from '../../core/SegmentkitError';
import { KDTree, MODE_EUCLIDEAN } from '../dbscan/KDTree';
import type { AgglomerativeProgress } from './agglomerativeParams';

/** @internal Merges in the order found: slots `a[k] < b[k]` (scipy's convention) or Prim's (current, new) pair, at height `height[k]`. */
export interface RawMerges {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly height: Float64Array;
}

/** @internal Execution controls threaded through the merge loops. */
export interface MergeControls {
  readonly context: string;
  readonly signal: AbortSignalLike | undefined;
  readonly onProgress: ((event: AgglomerativeProgress) => void) | undefined;
}

const REPORT_EVERY = 1024;

/**
 * A nearest-neighbour chain is at most n long and every step finds a neighbour; a chain that would grow past that
 * (distances that cannot be compared, such as NaN) would loop for ever, so it stops with an error instead.
 */
function chainBroken(controls: MergeControls): SegmentkitError {
  throwIfAborted(controls.signal, controls.context);
  return new SegmentkitError(
    'E_CONVERGENCE',
    `${controls.context}: the merge distances cannot be compared (they overflowed or are NaN); rescale X (divide it by a power of ten) first`,
  );
}

function report(controls: MergeControls, done: number, total: number, phase: 'distances' | 'merging'): void {
  throwIfAborted(controls.signal, controls.context);
  controls.onProgress?.({ phase, done, total });
}

/**
 * @internal
 * Ward linkage by scipy's nearest-neighbour chain, on centroids. Slots 0..n−1 start as the rows; merging slots
 * x < y drops x and puts the merged cluster in slot y. The chain starts at the lowest live slot; the nearest
 * neighbour of the chain's tip prefers the previous chain element on ties, then the lowest slot.
 *
 * The live centroids sit in a k-d tree whose nodes keep a tight box and the smallest cluster size below them,
 * so a search skips every node where even the lightest cluster at the nearest corner of the box would cost
 * more than the best merge found so far (Ward's cost 2·n_x·n_p/(n_x + n_p)·‖c_x − c_p‖² grows with n_p).
 * After a merge only the two leaves involved and their ancestors are updated.
 */
export function wardChain(X: Float64Array, n: number, d: number, controls: MergeControls): RawMerges {
  const tree = new KDTree(X.subarray(0, n * d), n, d, MODE_EUCLIDEAN);
  const { points, order, positionOf, start, alive, lower, upper, firstLeaf, leafOf, stack, bounds } = tree;
  const size = new Float64Array(n).fill(1);
  const minSize = new Float64Array(tree.nNodes).fill(1);
  const isLive = new Uint8Array(n).fill(1);
  let lowestLive = 0;
  const chain = new Int32Array(n);
  let chainLength = 0;
  const a = new Int32Array(n - 1);
  const b = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);

  /** Ward cost between the cluster at position px (size sx) and the one at position pp (size sp). */
  const cost = (px: number, sx: number, pp: number, sp: number): number => {
    const ox = px * d;
    const op = pp * d;
    return ((2 * sx * sp) / (sx + sp)) * squaredDifferences(points, ox, points, op, d);
  };

  /** Recompute the smallest live cluster size of a leaf and its ancestors (the tree keeps the boxes). */
  const refreshSizes = (leaf: number): void => {
    const s = start[leaf]!;
    const e = s + alive[leaf]!;
    let smallest = Infinity;
    for (let p = s; p < e; p++) smallest = Math.min(smallest, size[order[p]!]!);
    minSize[leaf] = smallest;
    for (let node = leaf; node > 0; ) {
      node = (node - 1) >> 1;
      const l = 2 * node + 1;
      minSize[node] = Math.min(alive[l]! > 0 ? minSize[l]! : Infinity, alive[l + 1]! > 0 ? minSize[l + 1]! : Infinity);
    }
  };

  for (let k = 0; k < n - 1; k++) {
    if (k % REPORT_EVERY === 0) report(controls, k, n - 1, 'merging');
    if (chainLength === 0) {
      while (isLive[lowestLive] === 0) lowestLive++;
      chain[chainLength++] = lowestLive;
    }
    let x = 0;
    let y = 0;
    let best = 0;
    for (;;) {
      x = chain[chainLength - 1]!;
      const px = positionOf[x]!;
      const sx = size[x]!;
      const ox = px * d;
      let bestSlot = -1;
      let preferPrevious = false;
      best = Infinity;
      if (chainLength > 1) {
        bestSlot = chain[chainLength - 2]!;
        best = cost(px, sx, positionOf[bestSlot]!, size[bestSlot]!);
        preferPrevious = true;
      }
      let sp = 0;
      stack[sp] = 0;
      bounds[sp++] = 0;
      while (sp > 0) {
        const node = stack[--sp]!;
        if (bounds[sp]! > best) continue;
        if (node >= firstLeaf) {
          const e = start[node]! + alive[node]!;
          for (let p = start[node]!; p < e; p++) {
            if (p === px) continue;
            const slot = order[p]!;
            const value = cost(px, sx, p, size[slot]!);
            if (value < best || (value === best && !preferPrevious && slot < bestSlot)) {
              best = value;
              bestSlot = slot;
              preferPrevious = false;
            }
          }
          continue;
        }
        const l = 2 * node + 1;
        const r = l + 1;
        // lower bounds for the children: nearest box corner, lightest cluster; a hair lower so rounding
        // can never prune a candidate whose computed cost ties or beats `best`
        let bl = Infinity;
        let br = Infinity;
        if (alive[l]! > 0)
          bl = ((2 * sx * minSize[l]!) / (sx + minSize[l]!)) * boxDistance(lower, upper, l * d, points, ox, d) * (1 - 1e-9);
        if (alive[r]! > 0)
          br = ((2 * sx * minSize[r]!) / (sx + minSize[r]!)) * boxDistance(lower, upper, r * d, points, ox, d) * (1 - 1e-9);
        if (bl <= br) {
          if (br <= best) {
            stack[sp] = r;
            bounds[sp++] = br;
          }
          if (bl <= best) {
            stack[sp] = l;
            bounds[sp++] = bl;
          }
        } else {
          if (bl <= best) {
            stack[sp] = l;
            bounds[sp++] = bl;
          }
          if (br <= best) {
            stack[sp] = r;
            bounds[sp++] = br;
          }
        }
      }
      y = bestSlot;
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      if (y < 0 || chainLength >= n) throw chainBroken(controls);
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) [x, y] = [y, x];
    a[k] = x;
    b[k] = y;
    height[k] = Math.sqrt(best);
    // the merged centroid replaces y's; x leaves the tree
    const px = positionOf[x]!;
    const py = positionOf[y]!;
    const nx = size[x]!;
    const ny = size[y]!;
    const total = nx + ny;
    for (let t = 0; t < d; t++) points[py * d + t] = (nx * points[px * d + t]! + ny * points[py * d + t]!) / total;
    size[y] = total;
    isLive[x] = 0;
    tree.remove(x); // also shrinks the boxes on x's path
    tree.refresh(leafOf[y]!);
    refreshSizes(leafOf[x]!);
    refreshSizes(leafOf[y]!);
  }
  report(controls, n - 1, n - 1, 'merging');
  return { a, b, height };
}

/** Squared distance from the point at `po` to the box at `bo` (0 inside). */
function boxDistance(lower: Float64Array, upper: Float64Array, bo: number, points: Float64Array, po: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = points[po + t]!;
    const lo = lower[bo + t]! - v;
    const hi = v - upper[bo + t]!;
    if (lo > 0) s += lo * lo;
    else if (hi > 0) s += hi * hi;
  }
  return s;
}

/** @internal Index of pair (i, j), i ≠ j, in a condensed distance matrix of n rows (scipy's `condensed_index`). */
function condensedIndex(n: number, i: number, j: number): number {
  if (i < j) return n * i - (i * (i + 1)) / 2 + (j - i - 1);
  return n * j - (j * (j + 1)) / 2 + (i - j - 1);
}

/** @internal Condensed Euclidean distances (scipy's `pdist`: √(Σ (x − y)²), columns in order). */
export function condensedDistances(X: Float64Array, n: number, d: number, controls: MergeControls): Float64Array {
  const D = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (i % REPORT_EVERY === 0) report(controls, i, n, 'distances');
    const oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const oj = j * d;
      D[k++] = Math.sqrt(squaredDifferences(X, oi, X, oj, d));
    }
  }
  report(controls, n, n, 'distances');
  return D;
}

/**
 * @internal
 * Complete or average linkage: scipy's `nn_chain` on the condensed matrix `D` (overwritten), with its
 * Lance–Williams updates (complete: max(d_xi, d_yi); average: (n_x d_xi + n_y d_yi) / (n_x + n_y)).
 */
export function condensedChain(D: Float64Array, n: number, method: 'complete' | 'average', controls: MergeControls): RawMerges {
  const size = new Int32Array(n).fill(1);
  const chain = new Int32Array(n);
  let chainLength = 0;
  const a = new Int32Array(n - 1);
  const b = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  const average = method === 'average';
  for (let k = 0; k < n - 1; k++) {
    if (k % REPORT_EVERY === 0) report(controls, k, n - 1, 'merging');
    if (chainLength === 0) {
      chainLength = 1;
      for (let i = 0; i < n; i++) {
        if (size[i]! > 0) {
          chain[0] = i;
          break;
        }
      }
    }
    let x = 0;
    let y = 0;
    let currentMin = Infinity;
    for (;;) {
      x = chain[chainLength - 1]!;
      if (chainLength > 1) {
        y = chain[chainLength - 2]!;
        currentMin = D[condensedIndex(n, x, y)]!;
      } else currentMin = Infinity;
      // rows i < x sit in column x of the condensed matrix, rows i > x in its row x (contiguous)
      let index = x - 1;
      for (let i = 0; i < x; i++) {
        if (size[i]! > 0) {
          const dist = D[index]!;
          if (dist < currentMin) {
            currentMin = dist;
            y = i;
          }
        }
        index += n - i - 2;
      }
      const rowStart = condensedIndex(n, x, x + 1) - x - 1;
      for (let i = x + 1; i < n; i++) {
        if (size[i]! === 0) continue;
        const dist = D[rowStart + i]!;
        if (dist < currentMin) {
          currentMin = dist;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      if (y === x || chainLength >= n) throw chainBroken(controls);
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) [x, y] = [y, x];
    const nx = size[x]!;
    const ny = size[y]!;
    a[k] = x;
    b[k] = y;
    height[k] = currentMin;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      const ni = size[i]!;
      if (ni === 0 || i === y) continue;
      const ix = condensedIndex(n, i, x);
      const iy = condensedIndex(n, i, y);
      const dxi = D[ix]!;
      const dyi = D[iy]!;
      D[iy] = average ? (nx * dxi + ny * dyi) / (nx + ny) : Math.max(dxi, dyi);
    }
  }
  report(controls, n - 1, n - 1, 'merging');
  return { a, b, height };
}

/**
 * @internal
 * Single linkage by Prim's algorithm from row 0, as scipy's `mst_single_linkage` and scikit-learn's
 * `mst_linkage_core`: each step adds the row nearest to the tree (ties → lowest row) and records the pair
 * (last row added, new row) at that distance.
 */
export function primSingle(X: Float64Array, n: number, d: number, controls: MergeControls): RawMerges {
  const nearest = new Float64Array(n).fill(Infinity);
  // rows not yet in the tree, packed
  const outside = new Int32Array(n);
  for (let i = 0; i < n; i++) outside[i] = i;
  let remaining = n;
  const a = new Int32Array(n - 1);
  const b = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  let x = 0;
  // remove row 0
  outside[0] = outside[--remaining]!;
  for (let k = 0; k < n - 1; k++) {
    if (k % REPORT_EVERY === 0) report(controls, k, n - 1, 'merging');
    const ox = x * d;
    let best = Infinity;
    let bestRow = -1;
    let bestPosition = -1;
    for (let p = 0; p < remaining; p++) {
      const i = outside[p]!;
      const oi = i * d;
      const dist = Math.sqrt(squaredDifferences(X, ox, X, oi, d));
      let current = nearest[i]!;
      if (dist < current) {
        nearest[i] = dist;
        current = dist;
      }
      if (current < best || (current === best && i < bestRow)) {
        best = current;
        bestRow = i;
        bestPosition = p;
      }
    }
    if (bestRow < 0) throw chainBroken(controls);
    a[k] = x;
    b[k] = bestRow;
    height[k] = best;
    outside[bestPosition] = outside[--remaining]!;
    x = bestRow;
  }
  report(controls, n - 1, n - 1, 'merging');
  return { a, b, height };
}

/** @internal A finished tree: children (2 per merge, new clusters numbered n, n + 1, …), heights, sizes. */
export interface LinkageTree {
  /** children[2k], children[2k + 1]: the clusters merged at step k. */
  readonly children: Int32Array;
  readonly heights: Float64Array;
  readonly counts: Int32Array;
}

/**
 * @internal
 * Sort merges by height (stable, as numpy's mergesort) and relabel with a union-find that numbers the cluster
 * made at step k as n + k (scipy's `label`). `order` chooses the children order: `'sorted'` puts the smaller
 * id first (scipy's linkage matrix, and scikit-learn's `children_` for ward, complete and average);
 * `'as-found'` keeps the pair's order (scikit-learn's single linkage `_single_linkage_label`).
 */
export function finishLinkage(raw: RawMerges, n: number, order: 'sorted' | 'as-found'): LinkageTree {
  const m = n - 1;
  const index = Array.from({ length: m }, (_, k) => k);
  index.sort((p, q) => raw.height[p]! - raw.height[q]!);
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const clusterSize = new Int32Array(2 * n - 1);
  clusterSize.fill(1, 0, n);
  const find = (v: number): number => {
    let root = v;
    while (parent[root]! !== -1) root = parent[root]!;
    while (parent[v]! !== -1 && parent[v]! !== root) {
      const next = parent[v]!;
      parent[v] = root;
      v = next;
    }
    return root;
  };
  const children = new Int32Array(2 * m);
  const heights = new Float64Array(m);
  const counts = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const step = index[k]!;
    const rx = find(raw.a[step]!);
    const ry = find(raw.b[step]!);
    const label = n + k;
    if (order === 'sorted' && rx > ry) {
      children[2 * k] = ry;
      children[2 * k + 1] = rx;
    } else {
      children[2 * k] = rx;
      children[2 * k + 1] = ry;
    }
    parent[rx] = label;
    parent[ry] = label;
    clusterSize[label] = clusterSize[rx]! + clusterSize[ry]!;
    heights[k] = raw.height[step]!;
    counts[k] = clusterSize[label]!;
  }
  return { children, heights, counts };
}
