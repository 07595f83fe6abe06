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
import { float64Buffer, int32Buffer, runCalls, sharedCopy, threadCalls } from '../../parallel/rowBlocks';
import type { ThreadPool } from '../../parallel/threadPool';
import { DISTANCE_MATRIX_KERNELS } from './distanceMatrixKernel';
import { CHAIN_CONTROL_LENGTH, CHAIN_KERNELS } from './chainKernel';
import { reusedDistanceMatrix, simdDistanceMatrix, simdDistanceWave } from './distanceSimd';
import { PRIM_CONTROL_LENGTH, PRIM_KERNELS } from './primKernel';
import { type PrimArrays, releasePrimArrays, simdPrimArrays } from './primSimd';
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

/**
 * @internal
 * Up to this many rows complete and average linkage keep the full n × n distance matrix (at most 512 MiB), whose
 * rows are contiguous: the chain's scans read one row instead of a row and a column of the condensed matrix,
 * about twice as fast (5 000 × 8: 0.33 s against 0.62 s for the merges). Above it, the condensed matrix (half
 * the memory). The merges are the same either way.
 */
export const FULL_DISTANCE_MATRIX_MAX_ROWS = 8192;

/** Rows of the distance matrix a thread claims at a time, and rows between two progress reports. */
const DISTANCE_CLAIM_ROWS = 16;

/**
 * @internal
 * Euclidean distances (scipy's `pdist`: √(Σ (x − y)²), columns in order): the full n × n matrix when `full`,
 * else the condensed one, computed on the threads of `pool` (each row by one thread: the same matrix for every
 * thread count) in waves of {@link REPORT_EVERY} rows, with progress and abort checks between waves. The full
 * matrix comes from the WebAssembly SIMD kernel when there is one (distanceSimd.ts; a view of its memory, rows
 * written whole), else from the scalar kernel (upper halves, then mirrored): the same bits either way. On
 * threads the matrix is a reused kernel memory when there is one: give it back with `releaseDistanceMatrix`.
 */
export function distanceMatrix(
  X: Float64Array,
  n: number,
  d: number,
  full: boolean,
  pool: ThreadPool | null,
  controls: MergeControls,
): Float64Array {
  const shared = pool !== null;
  const claim = int32Buffer(1, shared);
  const simd = full ? simdDistanceMatrix(X, n, d) : null;
  if (simd !== null) {
    for (let first = 0; first < n; first += REPORT_EVERY) {
      report(controls, first, n, 'distances');
      simdDistanceWave(simd, n, d, pool, first, Math.min(n, first + REPORT_EVERY), DISTANCE_CLAIM_ROWS, claim);
    }
    report(controls, n, n, 'distances');
    return simd.D;
  }
  const length = full ? n * n : (n * (n - 1)) / 2;
  const reused = shared ? reusedDistanceMatrix(length) : null;
  const D = reused ?? float64Buffer(length, shared);
  // the kernels write every entry but the full matrix's diagonal
  if (reused !== null && full) for (let i = 0; i < n; i++) D[i * n + i] = 0;
  const rows = sharedCopy(X, shared);
  for (let first = 0; first < n; first += REPORT_EVERY) {
    report(controls, first, n, 'distances');
    const end = Math.min(n, first + REPORT_EVERY);
    claim[0] = 0;
    runCalls(pool, DISTANCE_MATRIX_KERNELS, 0, threadCalls(pool, [claim, rows, n, d, D, full, first, end, DISTANCE_CLAIM_ROWS]));
    if (!full) continue;
    // every row up to `end` now has its upper half: copy it into the lower half of this wave's rows
    claim[0] = 0;
    runCalls(pool, DISTANCE_MATRIX_KERNELS, 1, threadCalls(pool, [claim, D, n, first, end, DISTANCE_CLAIM_ROWS]));
  }
  report(controls, n, n, 'distances');
  return D;
}

/**
 * scipy's `nn_chain` over a distance matrix reached through `scan` and `update`: merging slots x < y drops x and
 * puts the merged cluster in slot y. The chain starts at the lowest live slot; the nearest neighbour of the chain's
 * tip prefers the previous chain element on ties, then the lowest slot. `scan(x, best)` lowers `best.distance` /
 * sets `best.slot` to the nearest live slot other than x whose distance is below `best.distance`, in slot order;
 * `update(x, y, nx, ny)` applies the Lance–Williams update to the distances of slot y.
 */
function nearestNeighbourChain(
  n: number,
  distance: (x: number, y: number) => number,
  scan: (x: number, best: { slot: number; distance: number }) => void,
  update: (x: number, y: number, nx: number, ny: number) => void,
  size: Int32Array,
  controls: MergeControls,
): RawMerges {
  const chain = new Int32Array(n);
  let chainLength = 0;
  const a = new Int32Array(n - 1);
  const b = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  const best = { slot: 0, distance: Infinity };
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
    for (;;) {
      x = chain[chainLength - 1]!;
      if (chainLength > 1) {
        best.slot = chain[chainLength - 2]!;
        best.distance = distance(x, best.slot);
      } else {
        best.slot = 0;
        best.distance = Infinity;
      }
      scan(x, best);
      if (chainLength > 1 && best.slot === chain[chainLength - 2]) break;
      if (best.slot === x || chainLength >= n) throw chainBroken(controls);
      chain[chainLength++] = best.slot;
    }
    chainLength -= 2;
    let y = best.slot;
    if (x > y) [x, y] = [y, x];
    const nx = size[x]!;
    const ny = size[y]!;
    a[k] = x;
    b[k] = y;
    height[k] = best.distance;
    size[x] = 0;
    size[y] = nx + ny;
    update(x, y, nx, ny);
  }
  report(controls, n - 1, n - 1, 'merging');
  return { a, b, height };
}

/**
 * @internal
 * Scans and updates over fewer live slots than this are done by the driver alone: below it, handing half of one
 * to the helper costs about as much as it saves.
 */
const CHAIN_PARALLEL_FROM = 256;

/**
 * @internal
 * Complete or average linkage: scipy's `nn_chain` with its Lance–Williams updates (complete: max(d_xi, d_yi);
 * average: (n_x d_xi + n_y d_yi) / (n_x + n_y)) on the full n × n matrix `D` (from {@link distanceMatrix}, in
 * shared memory when `pool` is given; overwritten), kept symmetric. With a pool, a second thread takes half of
 * every long scan and update (chainKernel.ts): the same merges, bit for bit, for every thread count. Runs in
 * waves of {@link REPORT_EVERY} merges, with progress and abort checks between them.
 */
export function fullMatrixChain(
  D: Float64Array,
  n: number,
  method: 'complete' | 'average',
  pool: ThreadPool | null,
  controls: MergeControls,
): RawMerges & { readonly helperTasks: number } {
  const shared = pool !== null;
  const size = int32Buffer(n, shared).fill(1);
  // the live slots in increasing order: scans and updates visit only them (half the work over a whole run), in
  // slot order, so ties are broken as scipy breaks them
  const live = int32Buffer(n, shared);
  for (let i = 0; i < n; i++) live[i] = i;
  const chain = int32Buffer(n, shared);
  const state = int32Buffer(3, shared);
  state[2] = n;
  const a = int32Buffer(n - 1, shared);
  const b = int32Buffer(n - 1, shared);
  const height = float64Buffer(n - 1, shared);
  const control = int32Buffer(CHAIN_CONTROL_LENGTH, shared);
  const found = float64Buffer(2, shared);
  // the driver and at most one helper: the chain has one scan and one update at a time to split
  const threads = pool === null ? 1 : 2;
  const average = method === 'average';
  // scans and updates the helper did (for the tests: whether the second thread took part)
  let helperTasks = 0;
  for (let k = 0; k < n - 1; k = state[0]!) {
    report(controls, k, n - 1, 'merging');
    const end = Math.min(n - 1, k + REPORT_EVERY);
    control[9] = 0;
    const calls = Array.from({ length: threads }, (_, role) => [
      role,
      D,
      n,
      average,
      state,
      chain,
      size,
      live,
      a,
      b,
      height,
      control,
      found,
      end,
      threads > 1,
      CHAIN_PARALLEL_FROM,
    ]);
    const [status, tasks = 0] = runCalls(pool, CHAIN_KERNELS, 0, calls);
    if (status !== 0) throw chainBroken(controls);
    helperTasks += tasks;
  }
  report(controls, n - 1, n - 1, 'merging');
  return { a: a.slice(), b: b.slice(), height: height.slice(), helperTasks };
}

/**
 * @internal
 * Complete or average linkage on the condensed matrix `D` (overwritten), as {@link fullMatrixChain}: half the
 * memory, but every scan and update also walks a column of the matrix.
 */
export function condensedChain(D: Float64Array, n: number, method: 'complete' | 'average', controls: MergeControls): RawMerges {
  const size = new Int32Array(n).fill(1);
  const average = method === 'average';
  return nearestNeighbourChain(
    n,
    (x, y) => D[condensedIndex(n, x, y)]!,
    (x, best) => {
      let slot = best.slot;
      let min = best.distance;
      // rows i < x sit in column x of the condensed matrix, rows i > x in its row x (contiguous)
      let index = x - 1;
      for (let i = 0; i < x; i++) {
        if (size[i]! > 0) {
          const dist = D[index]!;
          if (dist < min) {
            min = dist;
            slot = i;
          }
        }
        index += n - i - 2;
      }
      const rowStart = condensedIndex(n, x, x + 1) - x - 1;
      for (let i = x + 1; i < n; i++) {
        if (size[i]! === 0) continue;
        const dist = D[rowStart + i]!;
        if (dist < min) {
          min = dist;
          slot = i;
        }
      }
      best.slot = slot;
      best.distance = min;
    },
    (x, y, nx, ny) => {
      // D[i, y] ← update(D[i, x], D[i, y]) for every live i, walking the condensed matrix by increments: column
      // entries (i below the pair) step by n − i − 2, row entries (i above) are contiguous
      const rowX = condensedIndex(n, x, x + 1) - x - 1;
      const rowY = y + 1 < n ? condensedIndex(n, y, y + 1) - y - 1 : 0;
      let ix = x - 1;
      let iy = y - 1;
      for (let i = 0; i < x; i++) {
        if (size[i]! !== 0) {
          const dxi = D[ix]!;
          const dyi = D[iy]!;
          D[iy] = average ? (nx * dxi + ny * dyi) / (nx + ny) : Math.max(dxi, dyi);
        }
        ix += n - i - 2;
        iy += n - i - 2;
      }
      // i = x is dead now; x < i < y: D[x, i] sits in row x, D[i, y] in column y
      iy += n - x - 2;
      for (let i = x + 1; i < y; i++) {
        if (size[i]! !== 0) {
          const dxi = D[rowX + i]!;
          const dyi = D[iy]!;
          D[iy] = average ? (nx * dxi + ny * dyi) / (nx + ny) : Math.max(dxi, dyi);
        }
        iy += n - i - 2;
      }
      for (let i = y + 1; i < n; i++) {
        if (size[i]! === 0) continue;
        const dxi = D[rowX + i]!;
        const dyi = D[rowY + i]!;
        D[rowY + i] = average ? (nx * dxi + ny * dyi) / (nx + ny) : Math.max(dxi, dyi);
      }
    },
    size,
    controls,
  );
}

/**
 * @internal
 * Scans over fewer rows than this are done by the driver alone: below it, handing half of one to the helper costs
 * about as much as it saves.
 */
const PRIM_PARALLEL_FROM = 1024;

/**
 * @internal
 * Single linkage by Prim's algorithm from row 0, as scipy's `mst_single_linkage` and scikit-learn's
 * `mst_linkage_core`: each step adds the row nearest to the tree (ties → lowest row) and records the pair
 * (last row added, new row) at that distance. The steps run in primKernel.ts: on the WebAssembly SIMD scan when
 * there is one (primSimd.ts), and with a pool, a second thread takes half of every long scan. The same merges,
 * bit for bit, either way. Runs in waves of {@link REPORT_EVERY} steps, with progress and abort checks between.
 */
export function primSingle(
  X: Float64Array,
  n: number,
  d: number,
  pool: ThreadPool | null,
  controls: MergeControls,
): RawMerges & { readonly helperTasks: number } {
  const shared = pool !== null;
  const simd = simdPrimArrays(n, d);
  const arrays: PrimArrays = simd ?? {
    module: null,
    memory: null,
    P: float64Buffer(n * d, shared),
    columns: new Float64Array(0),
    stride: 0,
    nearest: float64Buffer(n, shared),
    ids: float64Buffer(n, shared),
    x: float64Buffer(d, shared),
    out: float64Buffer(6, shared),
  };
  try {
    const { module, memory, P, columns, stride, nearest, ids, x, out } = arrays;
    // every row outside the tree but row 0, whose place the last row takes
    P.set(X.subarray(0, n * d));
    P.copyWithin(0, (n - 1) * d, n * d);
    x.set(X.subarray(0, d));
    nearest.fill(Infinity, 0, n);
    for (let p = 0; p < n; p++) ids[p] = p;
    ids[0] = n - 1;
    if (module !== null) for (let p = 0; p < n - 1; p++) for (let t = 0; t < d; t++) columns[t * stride + p] = P[p * d + t]!;
    const state = int32Buffer(3, shared);
    state[1] = n - 1;
    const a = int32Buffer(n - 1, shared);
    const b = int32Buffer(n - 1, shared);
    const height = float64Buffer(n - 1, shared);
    const control = int32Buffer(PRIM_CONTROL_LENGTH, shared);
    const threads = pool === null ? 1 : 2;
    let helperTasks = 0;
    for (let k = 0; k < n - 1; k = state[0]!) {
      report(controls, k, n - 1, 'merging');
      control[5] = 0;
      const end = Math.min(n - 1, k + REPORT_EVERY);
      const calls = Array.from({ length: threads }, (_, role) => [
        role,
        module,
        memory,
        P,
        columns,
        stride,
        d,
        nearest,
        ids,
        x,
        out,
        state,
        a,
        b,
        height,
        control,
        end,
        threads > 1,
        PRIM_PARALLEL_FROM,
      ]);
      const [status, tasks = 0] = runCalls(pool, PRIM_KERNELS, 0, calls);
      if (status !== 0) throw chainBroken(controls);
      helperTasks += tasks;
    }
    report(controls, n - 1, n - 1, 'merging');
    return { a: a.slice(), b: b.slice(), height: height.slice(), helperTasks };
  } finally {
    releasePrimArrays(arrays);
  }
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
