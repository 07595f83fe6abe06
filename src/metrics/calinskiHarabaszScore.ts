import { squaredDifferences } from '../core/squaredEuclidean';
import type { MatrixLike } from '../core/Matrix';
import { assertKnownOptions } from '../core/validateOptions';
import { clusterMeans, withinSumsOfSquares } from './clusterMeans';
import { readClusteredRows, requireClusterCount } from './clusteredRows';
import { readNoise, type LabelsLike, type NoiseHandling } from './encodeLabels';

/** Options of {@link calinskiHarabaszScore}, {@link daviesBouldinScore} and {@link inertia}. */
export interface InternalScoreOptions {
  /** `'include'` (default): −1 is an ordinary cluster. `'exclude'`: rows labelled −1 are left out. */
  readonly noise?: NoiseHandling;
}

/**
 * Calinski–Harabasz index (variance ratio criterion, 1974): between-segment dispersion over within-segment
 * dispersion, each divided by its degrees of freedom, [B / (k − 1)] / [W / (n − k)]. Higher is better: segments
 * far apart relative to their spread. Unbounded, so compare it across k on the same data, never across data
 * sets. Matches scikit-learn's `calinski_harabasz_score` (1 when every segment is a single point repeated).
 * One pass for the means and one for the spread: linear time.
 *
 * @param X - one row per customer (n × d)
 * @param labels - segment of each row (integers or strings)
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS` (fewer than 2 or more than n − 1 segments), `E_NOT_FINITE`, `E_EMPTY`.
 * @example
 * calinskiHarabaszScore([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]); // => 100
 */
export function calinskiHarabaszScore(X: MatrixLike, labels: LabelsLike, options: InternalScoreOptions = {}): number {
  const context = 'calinskiHarabaszScore';
  assertKnownOptions(context, options, ['noise']);
  const { data, n, d, codes, counts, k } = readClusteredRows(X, labels, context, readNoise(context, options.noise));
  requireClusterCount(k, n, context);
  const mean = new Float64Array(d);
  for (let i = 0, offset = 0; i < n; i++, offset += d) for (let t = 0; t < d; t++) mean[t]! += data[offset + t]!;
  for (let t = 0; t < d; t++) mean[t]! /= n;
  const means = clusterMeans(data, n, d, codes, counts);
  const within = withinSumsOfSquares(data, n, d, codes, means, k);
  let extra = 0;
  let intra = 0;
  for (let c = 0; c < k; c++) {
    extra += counts[c]! * squaredDifferences(means, c * d, mean, 0, d);
    intra += within[c]!;
  }
  return intra === 0 ? 1 : (extra * (n - k)) / (intra * (k - 1));
}
