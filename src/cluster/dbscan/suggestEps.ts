import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../../core/powerOfTwoScale';
import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { toMatrix, type MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireOneOf } from '../../core/validateOptions';
import { DENSITY_METRICS, prepareRows, toMetricDistance, type DensityMetric } from './densityMetric';
import { KDTree, MODE_COSINE } from './KDTree';

/** Options of {@link suggestEps}. */
export interface SuggestEpsOptions {
  /** The `minSamples` you will give {@link DBSCAN}. Default 5. */
  readonly minSamples?: number;
  /** The metric you will give {@link DBSCAN}. Default `'euclidean'`. */
  readonly metric?: DensityMetric;
  /** Abort signal (checked every few thousand rows). */
  readonly signal?: AbortSignalLike;
}

/** The k-distance curve and its knee, from {@link suggestEps}. */
export interface EpsSuggestion {
  /** The suggested eps: the k-distance at the knee (the smallest positive k-distance if the knee is at 0). */
  readonly eps: number;
  /** Position of the knee in `distances`. */
  readonly kneeIndex: number;
  /**
   * Every row's k-distance (distance to its `minSamples`-th nearest row, itself counted first), sorted
   * ascending: plot it against its index to see the curve. With eps = `distances[i]`, the rows from i + 1 on
   * are not core samples.
   */
  readonly distances: Float64Array;
  /** The minSamples used (k). */
  readonly minSamples: number;
}

/**
 * Suggest `eps` for {@link DBSCAN} from the k-distance curve (Ester et al. 1996): each row's distance to its
 * `minSamples`-th nearest row (itself included, so a row is a core sample exactly when eps ≥ its k-distance),
 * sorted ascending. Dense rows make the flat left part; noise makes the steep right tail. The knee is found
 * with the Kneedle rule (Satopää et al. 2011) without smoothing: scale index and distance to [0, 1] and take the
 * point farthest below the straight line from the first to the last point (the largest index share minus
 * distance share; the first such point on ties). Rows past the knee would be noise.
 *
 * Treat the suggestion as a starting point: plot `distances`, and prefer a round value near the knee.
 *
 * @param X - the rows you will cluster (n × d, scaled as you will cluster them)
 * @throws {@link SegmentkitError} `E_PARAM` (minSamples < 1 or more than the rows; unknown metric or option),
 *   `E_DOMAIN` (every k-distance is 0: minSamples = 1, or every row has at least minSamples − 1 exact
 *   duplicates, and any eps works; or an all-zero row with `'cosine'`), `E_NOT_FINITE`, `E_EMPTY`, `E_ABORTED`.
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [10, 10], [20, 0]];
 * const { eps, distances } = suggestEps(X, { minSamples: 3 });
 * eps; // => 1
 * distances.length; // => 7
 */
export function suggestEps(X: MatrixLike, options: SuggestEpsOptions = {}): EpsSuggestion {
  const context = 'suggestEps';
  assertKnownOptions(context, options, ['minSamples', 'metric', 'signal']);
  const minSamples = options.minSamples === undefined ? 5 : requireInteger(context, 'minSamples', options.minSamples, { min: 1 });
  const metric = options.metric === undefined ? 'euclidean' : requireOneOf(context, 'metric', options.metric, DENSITY_METRICS);
  throwIfAborted(options.signal, context);
  const given = toMatrix(X, context);
  const { rows: n, cols: d } = given;
  if (minSamples > n) {
    throw new SegmentkitError('E_PARAM', `${context}: minSamples = ${minSamples} but X has only ${n} rows; lower minSamples`);
  }
  // rows beyond 2^±400 are searched rescaled by a power of two (exact: the same neighbours and knee), and the
  // distances scaled back; ordinary rows are used as given
  const exponent = rescaleExponent(largestMagnitude(given.data));
  const m = exponent === 0 ? given : { data: scaleDown(given.data, exponent), rows: n, cols: d };
  const prepared = prepareRows(m, metric, context);
  const tree = new KDTree(prepared.data, n, d, prepared.mode);
  const heap = new Float64Array(minSamples);
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 4096 === 0) throwIfAborted(options.signal, context);
    distances[i] = toMetricDistance(prepared.mode, tree.kthDistance(prepared.data, i * d, minSamples, heap));
  }
  distances.sort();
  const kneeIndex = kneedle(distances);
  if (exponent !== 0 && prepared.mode !== MODE_COSINE) {
    for (let i = 0; i < n; i++) distances[i] = scaleUp(distances[i]!, exponent);
    if (distances[n - 1] === Infinity) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: the k-distances exceed the largest double (rows this far apart); rescale X (divide it by a power of ten) first`,
      );
    }
  }
  let eps = distances[kneeIndex]!;
  if (eps === 0) {
    const positive = distances.find((v) => v > 0);
    if (positive === undefined) {
      throw new SegmentkitError(
        'E_DOMAIN',
        minSamples === 1
          ? `${context}: with minSamples = 1 every k-distance is 0 (each row is its own nearest neighbour) and every row is a core sample for any eps; use minSamples ≥ 2`
          : `${context}: every row has at least ${minSamples - 1} exact duplicates, so every k-distance is 0 and any eps > 0 makes every row a core sample; raise minSamples or deduplicate`,
      );
    }
    eps = positive;
  }
  return { eps, kneeIndex, distances, minSamples };
}

/** @internal Knee of an ascending curve: argmax of (i / (n − 1)) − (y_i − y_0) / (y_{n−1} − y_0), first on ties. */
export function kneedle(sorted: Float64Array): number {
  const n = sorted.length;
  if (n < 3) return 0;
  const first = sorted[0]!;
  const range = sorted[n - 1]! - first;
  if (range === 0) return 0;
  let best = 0;
  let bestGap = -Infinity;
  for (let i = 0; i < n; i++) {
    const gap = i / (n - 1) - (sorted[i]! - first) / range;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}
