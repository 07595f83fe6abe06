import { readFitControls } from '../core/abort';
import type { ParallelControls } from '../parallel/workersOption';
import type { AbortSignalLike } from '../core/abort';
import type { MatrixLike } from '../core/Matrix';
import { assertKnownOptions, requireOneOf } from '../core/validateOptions';
import { readClusteredRows, requireClusterCount } from './clusteredRows';
import { readNoise, type LabelsLike, type NoiseHandling } from './encodeLabels';
import { silhouetteValues } from './silhouetteKernel';

/**
 * Options of {@link silhouetteSamples}. `workers` spreads the pairs over threads (default `'auto'`); the values
 * are bit-identical for every thread count.
 */
export interface SilhouetteSamplesOptions extends ParallelControls {
  /**
   * Distance between customers, with scikit-learn's definitions. Default `'euclidean'`; `'sqeuclidean'`
   * (squared Euclidean), `'manhattan'` (sum of absolute differences), `'cosine'` (1 − cosine similarity,
   * clipped to [0, 2]; an all-zero row is at distance 1 from every other row).
   */
  readonly metric?: SilhouetteMetric;
  /** `'include'` (default): −1 is an ordinary cluster. `'exclude'`: rows labelled −1 are left out (value NaN). */
  readonly noise?: NoiseHandling;
  /** Called as the computation advances (after every 8 192 rows of a cluster and at each cluster's end). */
  readonly onProgress?: (event: SilhouetteProgress) => void;
  /** Stops the computation with `E_ABORTED` at the next progress point. */
  readonly signal?: AbortSignalLike;
}

const METRICS: readonly SilhouetteMetric[] = ['euclidean', 'sqeuclidean', 'manhattan', 'cosine'];

/** @internal Read the metric option. */
export function readSilhouetteMetric(context: string, value: unknown): SilhouetteMetric {
  return value === undefined ? 'euclidean' : requireOneOf(context, 'metric', value, METRICS);
}

/**
 * Silhouette coefficient of every row (Rousseeuw 1987): (b − a) / max(a, b), where a is the customer's mean
 * distance to the other members of its segment and b the mean distance to the members of the nearest other
 * segment. Near 1: clearly in the right segment; near 0: on the border between two; negative: closer to another
 * segment than to its own. A customer alone in its segment gets 0, as in scikit-learn's `silhouette_samples`.
 *
 * Exact (every pair of rows, each distance computed once) in O(n) extra memory: rows are processed in cluster
 * order, never forming the n × n distance matrix, so 50 000 customers need a few megabytes.
 *
 * @param X - one row per customer (n × d)
 * @param labels - segment of each row (integers or strings)
 * @param options - `metric`, `noise`, `onProgress`, `signal`, `workers`
 * @throws {@link SegmentkitError} `E_SHAPE` (labels length ≠ rows), `E_LABELS` (fewer than 2 or more than n − 1
 *   segments, or a bad label), `E_NOT_FINITE`, `E_EMPTY`, `E_PARAM`, `E_ABORTED`.
 * @example
 * Array.from(silhouetteSamples([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]), (s) => s.toFixed(3)); // => ['0.866', '0.852', '0.852', '0.866']
 */
export function silhouetteSamples(X: MatrixLike, labels: LabelsLike, options: SilhouetteSamplesOptions = {}): Float64Array {
  const context = 'silhouetteSamples';
  assertKnownOptions(context, options, ['metric', 'noise', 'onProgress', 'signal', 'workers']);
  const metric = readSilhouetteMetric(context, options.metric);
  const rows = readClusteredRows(X, labels, context, readNoise(context, options.noise));
  requireClusterCount(rows.k, rows.n, context);
  const values = silhouetteValues(rows.data, rows.n, rows.d, rows.codes, rows.counts, metric, {
    context,
    workers: options.workers,
    ...readFitControls<SilhouetteProgress>(context, options),
  });
  if (rows.kept === null) return values;
  const out = new Float64Array(rows.totalRows).fill(NaN);
  rows.kept.forEach((i, r) => (out[i] = values[r]!));
  return out;
}

/** Distance used by the silhouette: scikit-learn's pairwise definitions. */
export type SilhouetteMetric = 'euclidean' | 'sqeuclidean' | 'manhattan' | 'cosine';

/** Progress of a silhouette computation: rows whose pairs with all later rows are done (work per row shrinks). */
export interface SilhouetteProgress {
  /** Rows finished. */
  readonly rowsDone: number;
  /** Rows in total. */
  readonly rows: number;
  /** Share of the n(n − 1)/2 distance evaluations done, from 0 to 1. */
  readonly fraction: number;
}
