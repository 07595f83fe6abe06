import { squaredDifferences } from '../../core/squaredEuclidean';
import { binaryExponent } from '../../core/portableMath';
import { treeCountWithin } from './coreRowsKernel';

// A k-d tree over the rows of a row-major Float64Array, built once, queried by radius (count with early exit,
// or collect), nearest within a radius, and k nearest. Layout as scikit-learn's KDTree: an implicit complete
// binary tree (children of node i are 2i + 1 and 2i + 2), each node a contiguous range of a permutation of the
// rows, split at the middle position along the dimension of largest spread, with a tight bounding box per node.
// Rows can be removed (DBSCAN's expansion only looks for rows not yet labelled): every node counts its live
// rows and shrinks its box to them, so labelled regions stop costing. The Ward chain reuses the tree for live
// cluster centroids (it rewrites `points` and calls `refresh`).
//
// Distances come in three modes. The per-row test is the exact rule the caller defines (for Euclidean,
// Σ (x − y)² ≤ eps², the comparison scikit-learn's trees make); box bounds only prune or shortcut, with a
// relative margin of 1e-9 so that rounding in a bound can never change a row's verdict.

/** @internal Squared Euclidean (compare Σ d² with eps²). */
export const MODE_EUCLIDEAN = 0;
/** @internal Manhattan (compare Σ |d| with eps). */
export const MODE_MANHATTAN = 1;
/** @internal Cosine on unit-length rows: per row 1 − x·y clipped to [0, 2]; boxes bound the squared Euclidean distance (= 2 × cosine distance). */
export const MODE_COSINE = 2;

/** @internal One of the MODE_* constants. */
export type DistanceMode = 0 | 1 | 2;

const MARGIN = 1e-9;
const COSINE_ABSOLUTE_MARGIN = 1e-12;

/** @internal Rows per leaf. Measured on 20 000 blobs: 32 is 10–25 % faster than 16 for DBSCAN in 8 and 16 dimensions, even in 4, and fastest for the Ward chain. */
export const DEFAULT_LEAF_SIZE = 32;

/** @internal */
export class KDTree {
  /** The rows in their original order (query vectors are read from here; never written). */
  readonly data: Float64Array;
  /** The rows copied in tree order (position p holds row order[p]), so leaves are contiguous in memory. */
  readonly points: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly mode: DistanceMode;
  /** position → row id */
  readonly order: Int32Array;
  /** row id → position */
  readonly positionOf: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** nNodes × d lower / upper corners of the bounding boxes */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly nNodes: number;
  readonly firstLeaf: number;
  /**
   * per node, the built box's diameter in comparable units (squared diagonal, or summed widths for Manhattan);
   * not updated when boxes shrink, so it only ever over-estimates (it gates the inside-the-ball shortcut)
   */
  readonly diameter: Float64Array;
  /** row id → its leaf */
  readonly leafOf: Int32Array;
  /** live rows per node (all rows until {@link KDTree.remove}); the live rows of a leaf are the first ones of its range */
  readonly alive: Int32Array;
  readonly removed: Uint8Array;
  readonly stack: Int32Array;
  readonly bounds: Float64Array;
  /** Row–row distances evaluated so far (for statistics). */
  distanceEvaluations = 0;
  #ids: Int32Array = new Int32Array(0);
  readonly #tally = new Float64Array(1);

  constructor(data: Float64Array, n: number, d: number, mode: DistanceMode, leafSize: number = DEFAULT_LEAF_SIZE) {
    this.data = data;
    this.n = n;
    this.d = d;
    this.mode = mode;
    const levels = n <= 1 ? 1 : 1 + binaryExponent(Math.max(1, (n - 1) / leafSize));
    const nNodes = 2 ** levels - 1;
    this.nNodes = nNodes;
    this.firstLeaf = 2 ** (levels - 1) - 1;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.order = order;
    this.start = new Int32Array(nNodes);
    this.end = new Int32Array(nNodes);
    this.lower = new Float64Array(nNodes * d);
    this.upper = new Float64Array(nNodes * d);
    this.leafOf = new Int32Array(n);
    this.diameter = new Float64Array(nNodes);
    this.alive = new Int32Array(nNodes);
    this.removed = new Uint8Array(n);
    this.stack = new Int32Array(2 * levels + 4);
    this.bounds = new Float64Array(2 * levels + 4);
    this.points = new Float64Array(n * d);
    this.positionOf = new Int32Array(n);
    this.#build();
    for (let p = 0; p < n; p++) {
      const id = order[p]!;
      this.positionOf[id] = p;
      this.points.set(data.subarray(id * d, id * d + d), p * d);
    }
  }

  #build(): void {
    const { data, d, order, start, end, lower, upper, firstLeaf, nNodes, leafOf, alive } = this;
    start[0] = 0;
    end[0] = this.n;
    for (let node = 0; node < firstLeaf; node++) {
      const s = start[node]!;
      const e = end[node]!;
      // dimension of largest spread
      let dim = 0;
      let widest = -1;
      for (let t = 0; t < d; t++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let p = s; p < e; p++) {
          const v = data[order[p]! * d + t]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        if (hi - lo > widest) {
          widest = hi - lo;
          dim = t;
        }
      }
      const mid = s + ((e - s) >> 1);
      selectNth(order, data, d, dim, s, e - 1, mid);
      const left = 2 * node + 1;
      start[left] = s;
      end[left] = mid;
      start[left + 1] = mid;
      end[left + 1] = e;
    }
    for (let node = nNodes - 1; node >= 0; node--) {
      const o = node * d;
      if (node >= firstLeaf) {
        for (let t = 0; t < d; t++) {
          lower[o + t] = Infinity;
          upper[o + t] = -Infinity;
        }
        for (let p = start[node]!; p < end[node]!; p++) {
          const id = order[p]!;
          leafOf[id] = node;
          const r = id * d;
          for (let t = 0; t < d; t++) {
            const v = data[r + t]!;
            if (v < lower[o + t]!) lower[o + t] = v;
            if (v > upper[o + t]!) upper[o + t] = v;
          }
        }
      } else {
        const a = (2 * node + 1) * d;
        const b = a + d;
        for (let t = 0; t < d; t++) {
          lower[o + t] = Math.min(lower[a + t]!, lower[b + t]!);
          upper[o + t] = Math.max(upper[a + t]!, upper[b + t]!);
        }
      }
      alive[node] = end[node]! - start[node]!;
      let diameter = 0;
      for (let t = 0; t < d; t++) {
        const w = upper[o + t]! - lower[o + t]!;
        diameter += this.mode === MODE_MANHATTAN ? w : w * w;
      }
      this.diameter[node] = diameter;
    }
  }

  /** Smallest possible box distance (squared Euclidean, or Manhattan) from q to node's box. */
  boxMin(q: Float64Array, qo: number, node: number): number {
    const { lower, upper, d } = this;
    const o = node * d;
    let s = 0;
    if (this.mode === MODE_MANHATTAN) {
      for (let t = 0; t < d; t++) {
        const v = q[qo + t]!;
        const lo = lower[o + t]! - v;
        const hi = v - upper[o + t]!;
        if (lo > 0) s += lo;
        else if (hi > 0) s += hi;
      }
    } else {
      for (let t = 0; t < d; t++) {
        const v = q[qo + t]!;
        const lo = lower[o + t]! - v;
        const hi = v - upper[o + t]!;
        if (lo > 0) s += lo * lo;
        else if (hi > 0) s += hi * hi;
      }
    }
    return s;
  }

  /** Largest possible box distance from q to a point of node's box. */
  boxMax(q: Float64Array, qo: number, node: number): number {
    const { lower, upper, d } = this;
    const o = node * d;
    let s = 0;
    if (this.mode === MODE_MANHATTAN) {
      for (let t = 0; t < d; t++) {
        const v = q[qo + t]!;
        s += Math.max(v - lower[o + t]!, upper[o + t]! - v);
      }
    } else {
      for (let t = 0; t < d; t++) {
        const v = q[qo + t]!;
        const w = Math.max(v - lower[o + t]!, upper[o + t]! - v);
        s += w * w;
      }
    }
    return s;
  }

  /** The comparable distance from q of the row at position `position`: Σ d², Σ |d|, or clipped 1 − x·y. */
  pointDistance(q: Float64Array, qo: number, position: number): number {
    const { points: data, d } = this;
    const r = position * d;
    let s = 0;
    if (this.mode === MODE_EUCLIDEAN) return squaredDifferences(q, qo, data, r, d);
    if (this.mode === MODE_MANHATTAN) {
      for (let t = 0; t < d; t++) s += Math.abs(q[qo + t]! - data[r + t]!);
      return s;
    }
    for (let t = 0; t < d; t++) s += q[qo + t]! * data[r + t]!;
    const c = 1 - s;
    return c < 0 ? 0 : c > 2 ? 2 : c;
  }

  /** Box-bound thresholds for a radius rule with per-row threshold `threshold` (comparable units). */
  pruneBounds(threshold: number): { prune: number; inner: number; innerDiameter: number } {
    // a box can only lie inside the ball when its diameter is at most the ball's: (2r)² = 4 r² in squared
    // units, 2r for Manhattan; checked first because it is one comparison where boxMax costs d
    if (this.mode === MODE_COSINE) {
      const inner = 2 * threshold * (1 - MARGIN) - COSINE_ABSOLUTE_MARGIN;
      return { prune: 2 * threshold * (1 + MARGIN) + COSINE_ABSOLUTE_MARGIN, inner, innerDiameter: 4 * inner * (1 + MARGIN) };
    }
    const inner = threshold * (1 - MARGIN);
    return { prune: threshold * (1 + MARGIN), inner, innerDiameter: (this.mode === MODE_MANHATTAN ? 2 : 4) * inner * (1 + MARGIN) };
  }

  /** A lower bound of the comparable distance from a box bound (for nearest-neighbour pruning). */
  comparableLowerBound(box: number): number {
    if (this.mode === MODE_COSINE) return 0.5 * box * (1 - MARGIN) - COSINE_ABSOLUTE_MARGIN;
    return box * (1 - MARGIN);
  }

  /**
   * Number of rows (live or not) whose distance from q passes `threshold`, counting up to `limit` (stops
   * there). Nearer subtrees first, so dense neighbourhoods stop after a few rows; `firstLeafToScan` (the query
   * row's own leaf) is scanned before the descent and skipped during it.
   */
  countWithin(
    q: Float64Array,
    qo: number,
    threshold: number,
    prune: number,
    inner: number,
    innerDiameter: number,
    limit: number,
    firstLeafToScan = -1,
  ): number {
    const tally = this.#tally;
    tally[0] = 0;
    const count = treeCountWithin(
      q,
      qo,
      this.points,
      this.d,
      this.mode,
      this.start,
      this.end,
      this.lower,
      this.upper,
      this.diameter,
      this.firstLeaf,
      threshold,
      prune,
      inner,
      innerDiameter,
      limit,
      firstLeafToScan,
      this.stack,
      this.bounds,
      tally,
    );
    this.distanceEvaluations += tally[0]!;
    return count;
  }

  /** Write the live rows within the radius rule into `out` (any order) and return how many. */
  collectAlive(
    q: Float64Array,
    qo: number,
    threshold: number,
    prune: number,
    inner: number,
    innerDiameter: number,
    out: Int32Array,
  ): number {
    const { stack, start, end, order, firstLeaf, alive, removed, diameter } = this;
    let k = 0;
    let sp = 0;
    let evaluations = 0;
    if (alive[0]! === 0) return 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp]!;
      if (this.boxMin(q, qo, node) > prune) continue;
      if (node >= firstLeaf) {
        // live rows first in a leaf
        const s = start[node]!;
        const e = s + alive[node]!;
        if (diameter[node]! <= innerDiameter && this.boxMax(q, qo, node) <= inner) {
          for (let p = s; p < e; p++) out[k++] = order[p]!;
          continue;
        }
        for (let p = s; p < e; p++) {
          evaluations++;
          if (this.pointDistance(q, qo, p) <= threshold) out[k++] = order[p]!;
        }
        continue;
      }
      if (diameter[node]! <= innerDiameter && this.boxMax(q, qo, node) <= inner) {
        const e = end[node]!;
        for (let p = start[node]!; p < e; p++) {
          const id = order[p]!;
          if (removed[id] === 0) out[k++] = id;
        }
        continue;
      }
      const left = 2 * node + 1;
      if (alive[left]! > 0) stack[sp++] = left;
      if (alive[left + 1]! > 0) stack[sp++] = left + 1;
    }
    this.distanceEvaluations += evaluations;
    return k;
  }

  /**
   * Remove row `id` from {@link KDTree.collectAlive}: it is swapped behind the live rows of its leaf, every node
   * on the path to the root counts one live row less, and the boxes on that path shrink to the live rows (so
   * later queries prune regions that have been consumed). Only collectAlive honours removal; the other queries
   * must not run after a removal.
   */
  remove(id: number): void {
    const { order, positionOf, points, d, alive, start } = this;
    this.removed[id] = 1;
    const leaf = this.leafOf[id]!;
    const p = positionOf[id]!;
    const last = start[leaf]! + alive[leaf]! - 1;
    if (p !== last) {
      const other = order[last]!;
      order[last] = id;
      order[p] = other;
      positionOf[id] = last;
      positionOf[other] = p;
      for (let t = 0; t < d; t++) {
        const v = points[p * d + t]!;
        points[p * d + t] = points[last * d + t]!;
        points[last * d + t] = v;
      }
    }
    for (let node = leaf; ; node = (node - 1) >> 1) {
      alive[node]!--;
      if (node === 0) break;
    }
    this.refresh(leaf);
  }

  /**
   * Recompute the box of `leaf` from its live rows, then of its ancestors from their live children, stopping
   * as soon as a box does not change. A node without live rows is never visited, whatever its box.
   */
  refresh(leaf: number): void {
    const { points, d, alive, start, lower, upper } = this;
    const o = leaf * d;
    const s = start[leaf]!;
    const e = s + alive[leaf]!;
    // an emptied leaf keeps its stale box (it is never visited again) but its ancestors must shrink
    let changed = e === s;
    for (let t = 0; t < d && e > s; t++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let p = s; p < e; p++) {
        const v = points[p * d + t]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (lo !== lower[o + t] || hi !== upper[o + t]) changed = true;
      lower[o + t] = lo;
      upper[o + t] = hi;
    }
    let node = leaf;
    while (changed && node > 0) {
      node = (node - 1) >> 1;
      const l = 2 * node + 1;
      const r = l + 1;
      const useL = alive[l]! > 0;
      const useR = alive[r]! > 0;
      const on = node * d;
      changed = false;
      for (let t = 0; t < d; t++) {
        const lo = Math.min(useL ? lower[l * d + t]! : Infinity, useR ? lower[r * d + t]! : Infinity);
        const hi = Math.max(useL ? upper[l * d + t]! : -Infinity, useR ? upper[r * d + t]! : -Infinity);
        if (lo !== lower[on + t] || hi !== upper[on + t]) changed = true;
        lower[on + t] = lo;
        upper[on + t] = hi;
      }
    }
  }

  /**
   * The row nearest to q whose distance passes `threshold` (ties → lowest row id), or -1. Writes its
   * comparable distance to `out[0]`.
   */
  nearestWithin(q: Float64Array, qo: number, threshold: number, out: Float64Array): number {
    const { stack, bounds, start, end, order, firstLeaf } = this;
    let best = -1;
    let bestDistance = threshold;
    let sp = 0;
    stack[sp] = 0;
    bounds[sp++] = this.boxMin(q, qo, 0);
    while (sp > 0) {
      const node = stack[--sp]!;
      if (this.comparableLowerBound(bounds[sp]!) > bestDistance) continue;
      if (node >= firstLeaf) {
        const e = end[node]!;
        for (let p = start[node]!; p < e; p++) {
          const id = order[p]!;
          const dist = this.pointDistance(q, qo, p);
          if (dist < bestDistance || (dist === bestDistance && (best === -1 || id < best))) {
            best = id;
            bestDistance = dist;
          }
        }
        continue;
      }
      const left = 2 * node + 1;
      const bl = this.boxMin(q, qo, left);
      const br = this.boxMin(q, qo, left + 1);
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
    out[0] = bestDistance;
    return best;
  }

  /**
   * The k nearest rows to q (itself included when q is a row), as {@link KDTree.kthDistance} but keeping their
   * ids: `heap` and `ids` (length k) end as a max-heap of comparable distances and the matching row ids, in no
   * particular order. Returns the k-th smallest distance.
   */
  kNearest(q: Float64Array, qo: number, k: number, heap: Float64Array, ids: Int32Array): number {
    const { stack, bounds, start, end, firstLeaf, order } = this;
    let size = 0;
    let sp = 0;
    stack[sp] = 0;
    bounds[sp++] = this.boxMin(q, qo, 0);
    while (sp > 0) {
      const node = stack[--sp]!;
      if (size === k && this.comparableLowerBound(bounds[sp]!) > heap[0]!) continue;
      if (node >= firstLeaf) {
        const e = end[node]!;
        for (let p = start[node]!; p < e; p++) {
          const dist = this.pointDistance(q, qo, p);
          if (size < k) {
            let i = size++;
            while (i > 0) {
              const parent = (i - 1) >> 1;
              if (heap[parent]! >= dist) break;
              heap[i] = heap[parent]!;
              ids[i] = ids[parent]!;
              i = parent;
            }
            heap[i] = dist;
            ids[i] = order[p]!;
          } else if (dist < heap[0]!) {
            let i = 0;
            for (;;) {
              const l = 2 * i + 1;
              if (l >= k) break;
              const r = l + 1;
              const c = r < k && heap[r]! > heap[l]! ? r : l;
              if (heap[c]! <= dist) break;
              heap[i] = heap[c]!;
              ids[i] = ids[c]!;
              i = c;
            }
            heap[i] = dist;
            ids[i] = order[p]!;
          }
        }
        continue;
      }
      const left = 2 * node + 1;
      const bl = this.boxMin(q, qo, left);
      const br = this.boxMin(q, qo, left + 1);
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
    return heap[0]!;
  }

  /**
   * The k-th smallest comparable distance from q over all rows (q itself included when it is a row), using
   * `heap` (length ≥ k) as scratch.
   */
  kthDistance(q: Float64Array, qo: number, k: number, heap: Float64Array): number {
    if (this.#ids.length < k) this.#ids = new Int32Array(k);
    return this.kNearest(q, qo, k, heap, this.#ids);
  }
}

/** Rearrange order[lo..hi] so that position `nth` holds the row whose coordinate `dim` is the nth smallest. */
function selectNth(order: Int32Array, data: Float64Array, d: number, dim: number, lo: number, hi: number, nth: number): void {
  while (hi > lo) {
    // median of three as pivot
    const mid = lo + ((hi - lo) >> 1);
    const a = data[order[lo]! * d + dim]!;
    const b = data[order[mid]! * d + dim]!;
    const c = data[order[hi]! * d + dim]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (data[order[i]! * d + dim]! < pivot) i++;
      while (data[order[j]! * d + dim]! > pivot) j--;
      if (i <= j) {
        const tmp = order[i]!;
        order[i] = order[j]!;
        order[j] = tmp;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
