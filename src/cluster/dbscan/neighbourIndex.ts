import { squaredDifferences } from '../../core/squaredEuclidean';
import type { NeighbourIndex } from './dbscanLabels';
import { runCalls, threadCalls } from '../../parallel/rowBlocks';
import { sharedBuffer, type ThreadPool } from '../../parallel/threadPool';
import { CORE_ROWS_KERNELS } from './coreRowsKernel';
import { MODE_COSINE, MODE_MANHATTAN, type DistanceMode, type KDTree } from './KDTree';

/**
 * @internal
 * Largest dimension for which 'auto' picks the uniform grid. Measured on 20 000 blobs with 5 % noise (see the
 * density guide): the grid is 3× faster than the k-d tree in 2-D, 1.7–1.9× in 3-D and only 1.2× in 4-D, where
 * its 81 neighbouring cells per query make it fragile on spread data; the tree takes over from 4-D.
 */
export const GRID_MAX_DIMENSIONS = 3;
/** @internal A grid is built only when its bounding box needs at most this many cells per row (8 bytes each). */
export const GRID_CELLS_PER_ROW = 16;
/** @internal Largest dimension for which a grid can be requested explicitly (3^d neighbouring cells per query). */
export const GRID_HARD_MAX_DIMENSIONS = 6;

/** @internal A radius index over rows `data` (n × d) for the per-row rule "comparable distance ≤ threshold". */
export function kdTreeNeighbours(tree: KDTree, threshold: number): NeighbourIndex {
  const { prune, inner, innerDiameter } = tree.pruneBounds(threshold);
  const data = tree.data;
  const d = tree.d;
  return {
    countNeighbours: (i, limit) => tree.countWithin(data, i * d, threshold, prune, inner, innerDiameter, limit, tree.leafOf[i]!),
    coreFlags: (minSamples, pool, report) => treeCoreFlags(tree, threshold, minSamples, pool, report),
    collectLiveNeighbours: (i, out) => tree.collectAlive(data, i * d, threshold, prune, inner, innerDiameter, out),
    remove: (i) => tree.remove(i),
    get distanceEvaluations() {
      return tree.distanceEvaluations;
    },
  };
}

/** Rows a thread claims at a time in the core test, and rows between two progress reports. */
const CORE_CLAIM_ROWS = 256;
const CORE_WAVE_ROWS = 65_536;

/**
 * The core flags of DBSCAN on the threads of `pool`: the kernel `coreRowBlocks` runs the tree's own count
 * (`treeCountWithin`, what `countWithin` runs) for every row, in waves of {@link CORE_WAVE_ROWS} rows with
 * progress between them; the flags and the evaluation count are the one-thread pass's.
 */
function treeCoreFlags(tree: KDTree, threshold: number, minSamples: number, pool: ThreadPool, report: (done: number) => void): Uint8Array {
  const { n, d } = tree;
  const { prune, inner, innerDiameter } = tree.pruneBounds(threshold);
  // shared buffers made here, not with rowBlocks' helpers: every call of those passes `pool !== null`, which
  // the browser build (no pool) folds to false, dropping their shared branch from a KMeans-only bundle
  const core = new Uint8Array(sharedBuffer(n), 0, n);
  const blocks = Math.ceil(n / CORE_CLAIM_ROWS);
  const evaluations = new Float64Array(sharedBuffer(8 * blocks), 0, blocks);
  const claim = new Int32Array(sharedBuffer(4), 0, 1);
  const data = new Float64Array(sharedBuffer(tree.data.byteLength), 0, tree.data.length);
  data.set(tree.data);
  const points = new Float64Array(sharedBuffer(tree.points.byteLength), 0, tree.points.length);
  points.set(tree.points);
  for (let first = 0; first < n; first += CORE_WAVE_ROWS) {
    if (first > 0) report(first);
    const end = Math.min(n, first + CORE_WAVE_ROWS);
    // the kernel claims blocks of a range that starts at row 0: offset the counter so it starts at this wave
    claim[0] = first / CORE_CLAIM_ROWS;
    const call = [
      claim,
      end,
      CORE_CLAIM_ROWS,
      data,
      points,
      d,
      tree.mode,
      tree.start,
      tree.end,
      tree.lower,
      tree.upper,
      tree.diameter,
      tree.firstLeaf,
      tree.leafOf,
      tree.stack.length,
      threshold,
      prune,
      inner,
      innerDiameter,
      minSamples,
      core,
      evaluations,
    ];
    runCalls(pool, CORE_ROWS_KERNELS, 0, threadCalls(pool, call));
  }
  let total = 0;
  for (let b = 0; b < blocks; b++) total += evaluations[b]!;
  tree.distanceEvaluations += total;
  // the caller keeps plain memory, never a buffer other threads can write
  return Uint8Array.from(core);
}

/**
 * @internal
 * A uniform grid of cells a little wider than the radius (so every neighbour lies in one of the 3^d cells
 * around a row), or null when the bounding box would need more than {@link GRID_CELLS_PER_ROW} cells per row
 * (very spread data with a tiny radius: the k-d tree handles it).
 */
export class GridIndex implements NeighbourIndex {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly mode: DistanceMode;
  readonly threshold: number;
  /** cells per dimension */
  readonly extent: Int32Array;
  /** cell of each row */
  readonly cellOf: Int32Array;
  /** rows sorted by cell; cell c holds cellRows[cellStart[c] .. cellStart[c + 1]) */
  readonly cellStart: Int32Array;
  readonly cellRows: Int32Array;
  readonly cellAlive: Int32Array;
  readonly removed: Uint8Array;
  readonly offsets: Int32Array;
  readonly offsetSteps: Int32Array;
  distanceEvaluations = 0;

  private constructor(
    data: Float64Array,
    n: number,
    d: number,
    mode: DistanceMode,
    threshold: number,
    side: number,
    minimum: Float64Array,
    extent: Int32Array,
    cells: number,
  ) {
    this.data = data;
    this.n = n;
    this.d = d;
    this.mode = mode;
    this.threshold = threshold;
    this.extent = extent;
    const cellOf = new Int32Array(n);
    const cellStart = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      let cell = 0;
      for (let t = 0; t < d; t++) {
        let c = Math.floor((data[i * d + t]! - minimum[t]!) / side);
        if (c >= extent[t]!) c = extent[t]! - 1;
        cell = cell * extent[t]! + c;
      }
      cellOf[i] = cell;
      cellStart[cell + 1]!++;
    }
    for (let c = 0; c < cells; c++) cellStart[c + 1]! += cellStart[c]!;
    const fill = cellStart.slice(0, cells);
    const cellRows = new Int32Array(n);
    for (let i = 0; i < n; i++) cellRows[fill[cellOf[i]!]!++] = i;
    const cellAlive = new Int32Array(cells);
    for (let c = 0; c < cells; c++) cellAlive[c] = cellStart[c + 1]! - cellStart[c]!;
    this.cellOf = cellOf;
    this.cellStart = cellStart;
    this.cellRows = cellRows;
    this.cellAlive = cellAlive;
    this.removed = new Uint8Array(n);
    // the 3^d neighbouring cells as offsets in every dimension: offsets[k * d + t] ∈ {-1, 0, 1}; the own cell first
    const count = 3 ** d;
    const offsets = new Int32Array(count * d);
    const steps = new Int32Array(count);
    for (let code = 0; code < count; code++) {
      let rest = code;
      for (let t = d - 1; t >= 0; t--) {
        offsets[code * d + t] = (rest % 3) - 1;
        rest = Math.floor(rest / 3);
      }
    }
    // the all-zero offset (the row's own cell) goes first: dense neighbourhoods are counted there
    const own = (count - 1) / 2;
    for (let t = 0; t < d; t++) {
      offsets[own * d + t] = offsets[t]!;
      offsets[t] = 0;
    }
    for (let k = 0; k < count; k++) {
      let step = 0;
      for (let t = 0; t < d; t++) step = step * extent[t]! + offsets[k * d + t]!;
      steps[k] = step;
    }
    this.offsets = offsets;
    this.offsetSteps = steps;
  }

  /** Build a grid for the rule, or null when the data is too spread for one. */
  static create(data: Float64Array, n: number, d: number, mode: DistanceMode, threshold: number, eps: number): GridIndex | null {
    // neighbours differ by at most eps per coordinate (Euclidean, Manhattan) or by √(2 eps) (cosine on unit
    // rows); the cell is 1e-6 wider so rounding in the cell computation cannot push a neighbour two cells away
    const reach = mode === MODE_COSINE ? Math.sqrt(2 * eps) * (1 + 1e-9) + 1e-12 : eps;
    const side = reach * (1 + 1e-6);
    const minimum = new Float64Array(d).fill(Infinity);
    const maximum = new Float64Array(d).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t]!;
        if (v < minimum[t]!) minimum[t] = v;
        if (v > maximum[t]!) maximum[t] = v;
      }
    }
    const extent = new Int32Array(d);
    let cells = 1;
    const limit = Math.max(1024, GRID_CELLS_PER_ROW * n);
    for (let t = 0; t < d; t++) {
      const e = Math.floor((maximum[t]! - minimum[t]!) / side) + 1;
      if (!(e <= limit)) return null;
      extent[t] = e;
      cells *= e;
      if (cells > limit) return null;
    }
    return new GridIndex(data, n, d, mode, threshold, side, minimum, extent, cells);
  }

  #distance(i: number, j: number): number {
    const { data, d } = this;
    const a = i * d;
    const b = j * d;
    let s = 0;
    if (this.mode === MODE_MANHATTAN) {
      for (let t = 0; t < d; t++) s += Math.abs(data[a + t]! - data[b + t]!);
      return s;
    }
    if (this.mode === MODE_COSINE) {
      for (let t = 0; t < d; t++) s += data[a + t]! * data[b + t]!;
      const c = 1 - s;
      return c < 0 ? 0 : c > 2 ? 2 : c;
    }
    return squaredDifferences(data, a, data, b, d);
  }

  /** Whether the neighbouring cell `k` of `cell` exists (stays inside the grid in every dimension). */
  #inside(cell: number, k: number): boolean {
    const { d, extent, offsets } = this;
    let rest = cell;
    for (let t = d - 1; t >= 0; t--) {
      const e = extent[t]!;
      const c = rest % e;
      rest = (rest - c) / e;
      const o = offsets[k * d + t]!;
      if ((o < 0 && c === 0) || (o > 0 && c === e - 1)) return false;
    }
    return true;
  }

  countNeighbours(i: number, limit: number): number {
    const { cellOf, cellStart, cellRows, offsetSteps, threshold } = this;
    const cell = cellOf[i]!;
    let count = 0;
    let evaluations = 0;
    for (let k = 0; k < offsetSteps.length; k++) {
      if (k > 0 && !this.#inside(cell, k)) continue;
      const c = cell + offsetSteps[k]!;
      const e = cellStart[c + 1]!;
      for (let p = cellStart[c]!; p < e; p++) {
        evaluations++;
        if (this.#distance(i, cellRows[p]!) <= threshold && ++count >= limit) {
          this.distanceEvaluations += evaluations;
          return count;
        }
      }
    }
    this.distanceEvaluations += evaluations;
    return count;
  }

  collectLiveNeighbours(i: number, out: Int32Array): number {
    const { cellOf, cellStart, cellRows, cellAlive, removed, offsetSteps, threshold } = this;
    const cell = cellOf[i]!;
    let k = 0;
    let evaluations = 0;
    for (let s = 0; s < offsetSteps.length; s++) {
      if (s > 0 && !this.#inside(cell, s)) continue;
      const c = cell + offsetSteps[s]!;
      if (cellAlive[c] === 0) continue;
      const e = cellStart[c + 1]!;
      for (let p = cellStart[c]!; p < e; p++) {
        const j = cellRows[p]!;
        if (removed[j] !== 0) continue;
        evaluations++;
        if (this.#distance(i, j) <= threshold) out[k++] = j;
      }
    }
    this.distanceEvaluations += evaluations;
    return k;
  }

  remove(i: number): void {
    this.removed[i] = 1;
    this.cellAlive[this.cellOf[i]!]!--;
  }
}
