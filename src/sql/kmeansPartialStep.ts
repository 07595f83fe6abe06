import { toMatrix, type MatrixLike } from '../core/Matrix';
import { describeValue } from '../core/describeValue';
import { largestMagnitude, rescaleExponent, scaleDown } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { nearestCentroid } from '../cluster/shared/nearestCentroid';
import { addExact, roundExact } from './exactSum';

/**
 * What one shard contributes to a k-means (Lloyd) step: per cluster the row count and the column sums, and
 * the shard's inertia. Plain JSON, to ship from a worker to the driver.
 */
export interface KMeansPartial {
  /** Column sums of the rows assigned to each cluster (k × d), the exact sums correctly rounded. */
  readonly sums: number[][];
  /** Rows assigned to each cluster. */
  readonly counts: number[];
  /** Σ squared distance of each row to its nearest centroid, the exact sum correctly rounded. */
  readonly inertia: number;
  /**
   * The same sums held exactly, as Shewchuk expansions (lists of doubles whose exact sum is the value):
   * `sums[j][t]` and `inertia`. {@link mergeKMeansPartials} adds these, so merging loses nothing.
   */
  readonly exact: {
    /** Expansion of each column sum (k × d lists). */
    readonly sums: number[][][];
    /** Expansion of the inertia. */
    readonly inertia: number[];
  };
}

function finish(exactSums: number[][][], counts: number[], exactInertia: number[], context: string): KMeansPartial {
  const sums = exactSums.map((row) => row.map(roundExact));
  const inertia = roundExact(exactInertia);
  if (!Number.isFinite(inertia) || sums.some((row) => row.some((v) => !Number.isFinite(v)))) {
    throw new SegmentkitError(
      'E_DOMAIN',
      `${context}: a sum exceeds the largest double; rescale the rows (divide by a power of ten) first`,
    );
  }
  return { sums, counts, inertia, exact: { sums: exactSums, inertia: exactInertia } };
}

/**
 * One shard's part of a k-means step: assign each row to its nearest centroid with the rule of
 * {@link CentroidModel.predict} (the same squared distances, ties to the lowest index) and accumulate counts,
 * column sums and inertia exactly. Run it on every partition (Spark `mapPartitions`, Dask `map_partitions`,
 * Ray tasks), merge with {@link mergeKMeansPartials}, and the next centroids are `sums[j][t] / counts[j]`.
 *
 * @param rows - the shard's rows (n × d), finite numbers; may be empty
 * @param centroids - the current centroids (k × d)
 * @throws {@link SegmentkitError} `E_SHAPE` when rows and centroids differ in width, `E_NOT_FINITE`.
 * @example
 * const part = kmeansPartialStep([[0], [1], [10]], [[0], [10]]);
 * part.counts; // => [2, 1]
 * part.sums; // => [[1], [10]]
 */
export function kmeansPartialStep(rows: MatrixLike, centroids: MatrixLike): KMeansPartial {
  const context = 'kmeansPartialStep';
  const c = toMatrix(centroids, context, { name: 'centroids' });
  const given =
    Array.isArray(rows) && rows.length === 0
      ? { data: new Float64Array(0), rows: 0, cols: c.cols }
      : toMatrix(rows, context, { name: 'rows' });
  if (given.cols !== c.cols) {
    throw new SegmentkitError('E_SHAPE', `${context}: rows have ${given.cols} columns but the centroids have ${c.cols}`);
  }
  const { rows: n, cols: d } = given;
  const k = c.rows;
  // as predict: rows and centroids beyond 2^±400 are compared rescaled by the same power of two
  const exponent = rescaleExponent(Math.max(largestMagnitude(given.data), largestMagnitude(c.data)));
  const labels = new Int32Array(n);
  const nearest = new Float64Array(n);
  nearestCentroid({ data: scaleDown(given.data, exponent), rows: n, cols: d }, scaleDown(c.data, exponent), k, labels, nearest);
  const exactSums = Array.from({ length: k }, () => Array.from({ length: d }, (): number[] => []));
  const counts = new Array<number>(k).fill(0);
  const exactInertia: number[] = [];
  const scale = 2 ** (2 * exponent);
  for (let i = 0; i < n; i++) {
    const j = labels[i]!;
    counts[j]!++;
    const sums = exactSums[j]!;
    for (let t = 0; t < d; t++) addExact(sums[t]!, given.data[i * d + t]!);
    addExact(exactInertia, nearest[i]! * scale);
  }
  return finish(exactSums, counts, exactInertia, context);
}

/**
 * Merge the {@link KMeansPartial}s of every shard into one: counts added, sums and inertia added exactly (their
 * expansions), so the result is the correctly rounded total whatever the number, order or grouping of the
 * shards — merging partial merges gives the same bits as merging everything at once.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for no parts or a malformed part, `E_SHAPE` when parts differ in k or d.
 * @example
 * const a = kmeansPartialStep([[0], [1]], [[0], [10]]);
 * const b = kmeansPartialStep([[10], [12]], [[0], [10]]);
 * const merged = mergeKMeansPartials([a, b]);
 * merged.sums.map((s, j) => s[0] / merged.counts[j]); // => [0.5, 11]
 */
export function mergeKMeansPartials(parts: readonly KMeansPartial[]): KMeansPartial {
  const context = 'mergeKMeansPartials';
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new SegmentkitError('E_PARAM', `${context}: pass a non-empty array of kmeansPartialStep results, got ${describeValue(parts)}`);
  }
  const first = parts[0] as KMeansPartial;
  const valid = (p: unknown): p is KMeansPartial =>
    typeof p === 'object' &&
    p !== null &&
    Array.isArray((p as KMeansPartial).counts) &&
    Array.isArray((p as KMeansPartial).exact?.sums) &&
    Array.isArray((p as KMeansPartial).exact?.inertia);
  if (!valid(first)) throw new SegmentkitError('E_PARAM', `${context}: parts[0] is not a kmeansPartialStep result`);
  const k = first.counts.length;
  const d = first.exact.sums[0]?.length ?? 0;
  const exactSums = Array.from({ length: k }, () => Array.from({ length: d }, (): number[] => []));
  const counts = new Array<number>(k).fill(0);
  const exactInertia: number[] = [];
  parts.forEach((part, p) => {
    if (!valid(part)) throw new SegmentkitError('E_PARAM', `${context}: parts[${p}] is not a kmeansPartialStep result`);
    if (part.counts.length !== k || part.exact.sums.length !== k || part.exact.sums.some((row) => row.length !== d)) {
      throw new SegmentkitError('E_SHAPE', `${context}: parts[${p}] has another number of clusters or columns than parts[0] (${k} × ${d})`);
    }
    for (let j = 0; j < k; j++) {
      counts[j]! += part.counts[j]!;
      for (let t = 0; t < d; t++) for (const v of part.exact.sums[j]![t]!) addExact(exactSums[j]![t]!, v);
    }
    for (const v of part.exact.inertia) addExact(exactInertia, v);
  });
  return finish(exactSums, counts, exactInertia, context);
}
