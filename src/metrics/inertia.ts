import type { MatrixLike } from '../core/Matrix';
import { scaleUp } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { InternalScoreOptions } from './calinskiHarabaszScore';
import { clusterMeans, withinSumsOfSquares } from './clusterMeans';
import { readClusteredRows } from './clusteredRows';
import { readNoise, type LabelsLike } from './encodeLabels';

/**
 * Within-segment sum of squares: Σ over customers of the squared Euclidean distance to their segment's mean
 * (k-means' objective, scikit-learn's `inertia_` at convergence). Lower means tighter segments, but it always
 * falls as k grows, so look for the elbow (see {@link chooseK}) rather than the minimum. Any number of segments
 * (one included).
 *
 * @param X - one row per customer (n × d)
 * @param labels - segment of each row (integers or strings)
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`, `E_NOT_FINITE`, `E_EMPTY`.
 * @example
 * inertia([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]); // => 1
 */
export function inertia(X: MatrixLike, labels: LabelsLike, options: InternalScoreOptions = {}): number {
  const context = 'inertia';
  assertKnownOptions(context, options, ['noise']);
  const { data, n, d, codes, counts, k, exponent } = readClusteredRows(X, labels, context, readNoise(context, options.noise));
  if (n === 0) {
    // 0 would read as "perfectly tight segments"
    throw new SegmentkitError(
      'E_LABELS',
      `${context}: every row is noise (−1), so there is no segment to measure; pass noise: 'include' or labels with at least one segment`,
    );
  }
  const within = withinSumsOfSquares(data, n, d, codes, clusterMeans(data, n, d, codes, counts), k);
  let total = 0;
  for (let c = 0; c < k; c++) total += within[c]!;
  // the rows may be rescaled by 2^−exponent (see readClusteredRows): squared distances come back by 2^(2·exponent)
  total = scaleUp(total, 2 * exponent);
  if (total === Infinity) {
    throw new SegmentkitError(
      'E_DOMAIN',
      `${context}: the sum of squared distances exceeds the largest double; rescale X (divide it by a power of ten) first`,
    );
  }
  return total;
}
