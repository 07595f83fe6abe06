import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { searchDistance, trueDistance, type MetricRows } from './umapDistances';
import type { UMAPProgress } from './umapParams';

/**
 * @internal
 * The k-nearest-neighbour graph of n rows: row i's k entries, nearest first (ties by row index); in a fit, entry
 * 0 is the row itself at distance 0 (umap-learn's layout, which every later step relies on).
 */
export interface KnnGraph {
  /** n × k neighbour indices. */
  readonly indices: Int32Array;
  /** n × k distances (true distances: Euclidean, not squared). */
  readonly distances: Float64Array;
  /** Rows. */
  readonly n: number;
  /** Entries per row. */
  readonly k: number;
}

/**
 * @internal
 * The `k` rows of `train` nearest to row `q` of `query` by search distance (ties: the lower index first), other
 * than `exclude` (−1 for none), into `indices` / `distances` from `offset`, nearest first. Brute force: O(n d).
 */
export function nearestRows(
  query: MetricRows,
  q: number,
  train: MetricRows,
  k: number,
  exclude: number,
  indices: Int32Array,
  distances: Float64Array,
  offset: number,
): void {
  let found = 0;
  const n = train.n;
  for (let j = 0; j < n; j++) {
    if (j === exclude) continue;
    const value = searchDistance(query, q, train, j);
    // the buffer is sorted by (distance, index) and j only grows, so an equal distance goes after the equals
    if (found === k && !(value < distances[offset + k - 1]!)) continue;
    let at = found === k ? k - 1 : found++;
    while (at > 0 && value < distances[offset + at - 1]!) {
      indices[offset + at] = indices[offset + at - 1]!;
      distances[offset + at] = distances[offset + at - 1]!;
      at--;
    }
    indices[offset + at] = j;
    distances[offset + at] = value;
  }
}

/**
 * @internal
 * Exact nearest neighbours by brute force (umap-learn below 4096 rows): entry 0 of each row is the row itself,
 * then its k − 1 nearest other rows. O(n² d) time, O(n k) memory; the signal is checked every 256 rows.
 */
export function exactNeighbors(
  rows: MetricRows,
  k: number,
  context: string,
  signal: AbortSignalLike | undefined,
  onProgress: ((event: UMAPProgress) => void) | undefined,
): KnnGraph {
  const { n, mode } = rows;
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) {
      throwIfAborted(signal, context);
      if (i > 0) onProgress?.({ phase: 'neighbors', done: i, total: n });
    }
    const offset = i * k;
    indices[offset] = i;
    distances[offset] = 0;
    nearestRows(rows, i, rows, k - 1, i, indices, distances, offset + 1);
    for (let e = 1; e < k; e++) distances[offset + e] = trueDistance(mode, distances[offset + e]!);
  }
  onProgress?.({ phase: 'neighbors', done: n, total: n });
  return { indices, distances, n, k };
}
