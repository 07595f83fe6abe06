import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { IndexedMinHeap } from '../../core/IndexedMinHeap';
import { squaredDifferences } from '../../core/squaredEuclidean';
import { KDTree, MODE_EUCLIDEAN, type DistanceMode } from '../dbscan/KDTree';
import { radiusThreshold } from '../dbscan/densityMetric';
import type { OPTICSProgress } from './opticsParams';

// The OPTICS graph exactly as scikit-learn 1.2 `compute_optics_graph` builds it, on a k-d tree instead of
// all pairs: core distances by k-nearest-neighbour queries, then the ordering with reachability updated from
// each processed core row over the unprocessed rows within maxEps (a range query on the tree, processed rows
// removed from it). scikit-learn picks the next row with `np.argmin` over the unprocessed rows in index order:
// the smallest reachability, ties to the lowest index, and the lowest unprocessed index when every remaining
// reachability is infinite. An indexed binary heap keyed (reachability, index) gives the same choice in
// O(log n) with O(n) memory. Distances are rounded to 15 decimals as scikit-learn's `np.around`.

const PROGRESS_EVERY = 4096;
const TWO_52 = 4503599627370496;
const SCALE = 1e15;

/** @internal numpy's `np.around(x, 15)`: rint(x × 1e15) / 1e15 with ties to even. */
export function round15(x: number): number {
  if (!Number.isFinite(x)) return x;
  const y = x * SCALE;
  if (Math.abs(y) >= TWO_52) return y / SCALE;
  const f = Math.floor(y);
  const diff = y - f;
  const r = diff < 0.5 ? f : diff > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r / SCALE;
}

/** @internal The four arrays of scikit-learn's OPTICS graph. */
export interface OpticsGraph {
  readonly ordering: Int32Array;
  readonly reachability: Float64Array;
  readonly coreDistances: Float64Array;
  readonly predecessor: Int32Array;
}

/** @internal Build the graph of `n` rows of `d` values (row-major) for a resolved `minSamples` ≤ n. */
export function opticsGraph(
  data: Float64Array,
  n: number,
  d: number,
  mode: DistanceMode,
  minSamples: number,
  maxEps: number,
  context: string,
  signal: AbortSignalLike | undefined,
  onProgress: ((event: OPTICSProgress) => void) | undefined,
): OpticsGraph {
  const tree = new KDTree(data, n, d, mode);
  throwIfAborted(signal, context);
  onProgress?.({ phase: 'index', done: n, total: n });
  const euclidean = mode === MODE_EUCLIDEAN;
  const coreDistances = new Float64Array(n);
  const heapScratch = new Float64Array(minSamples);
  for (let i = 0; i < n; i++) {
    if (i % PROGRESS_EVERY === 0 && i > 0) {
      throwIfAborted(signal, context);
      onProgress?.({ phase: 'core', done: i, total: n });
    }
    const comparable = tree.kthDistance(data, i * d, minSamples, heapScratch);
    const distance = euclidean ? Math.sqrt(comparable) : comparable;
    coreDistances[i] = round15(distance > maxEps ? Number.POSITIVE_INFINITY : distance);
  }
  onProgress?.({ phase: 'core', done: n, total: n });

  const reachability = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const predecessor = new Int32Array(n).fill(-1);
  const ordering = new Int32Array(n);
  const processed = new Uint8Array(n);
  const heap = new IndexedMinHeap(reachability, n);
  const found = new Int32Array(n);
  const threshold = radiusThreshold(mode, maxEps);
  const { prune, inner, innerDiameter } = tree.pruneBounds(threshold);
  let lowest = 0; // every row below is processed
  for (let k = 0; k < n; k++) {
    if (k % PROGRESS_EVERY === 0 && k > 0) {
      throwIfAborted(signal, context);
      onProgress?.({ phase: 'order', done: k, total: n });
    }
    let point: number;
    if (heap.size > 0) point = heap.pop();
    else {
      while (processed[lowest] === 1) lowest++;
      point = lowest;
    }
    processed[point] = 1;
    ordering[k] = point;
    tree.remove(point);
    const core = coreDistances[point]!;
    if (core === Number.POSITIVE_INFINITY) continue;
    const count = tree.collectAlive(data, point * d, threshold, prune, inner, innerDiameter, found);
    const po = point * d;
    for (let c = 0; c < count; c++) {
      const id = found[c]!;
      const comparable = euclidean ? Math.sqrt(squaredDifferences(data, po, data, id * d, d)) : manhattan(data, po, id * d, d);
      const reach = round15(comparable > core ? comparable : core);
      if (reach < reachability[id]!) {
        reachability[id] = reach;
        predecessor[id] = point;
        heap.update(id);
      }
    }
  }
  onProgress?.({ phase: 'order', done: n, total: n });
  return { ordering, reachability, coreDistances, predecessor };
}

function manhattan(data: Float64Array, a: number, b: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += Math.abs(data[a + t]! - data[b + t]!);
  return s;
}
