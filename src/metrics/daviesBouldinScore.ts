import { scaleUp } from '../core/powerOfTwoScale';
import { squaredDifferences } from '../core/squaredEuclidean';
import type { MatrixLike } from '../core/Matrix';
import { assertKnownOptions } from '../core/validateOptions';
import type { InternalScoreOptions } from './calinskiHarabaszScore';
import { clusterMeans } from './clusterMeans';
import { readClusteredRows, requireClusterCount } from './clusteredRows';
import { readNoise, type LabelsLike } from './encodeLabels';

/**
 * Davies–Bouldin index (1979): for each segment, the worst ratio (spread of it + spread of another) / distance
 * between their centroids, averaged over segments; spread = mean distance of members to their centroid. Lower
 * is better, 0 at best: compact segments far apart. A high value flags two segments that overlap, which a
 * marketer would see as "the same customers". Matches scikit-learn's `davies_bouldin_score` (0 when all spreads,
 * or all centroid distances, are ≤ 1e-8; coinciding centroids are ignored in the ratio). Linear time.
 *
 * @param X - one row per customer (n × d)
 * @param labels - segment of each row (integers or strings)
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS` (fewer than 2 or more than n − 1 segments), `E_NOT_FINITE`, `E_EMPTY`.
 * @example
 * daviesBouldinScore([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]).toFixed(4); // => '0.1414'
 */
export function daviesBouldinScore(X: MatrixLike, labels: LabelsLike, options: InternalScoreOptions = {}): number {
  const context = 'daviesBouldinScore';
  assertKnownOptions(context, options, ['noise']);
  const { data, n, d, codes, counts, k, exponent } = readClusteredRows(X, labels, context, readNoise(context, options.noise));
  // scikit-learn's "numerically zero" is 1e-8 in the data's units; the rows may be rescaled (see readClusteredRows)
  const zero = scaleUp(1e-8, -exponent);
  requireClusterCount(k, n, context);
  const means = clusterMeans(data, n, d, codes, counts);
  const spread = new Float64Array(k);
  for (let i = 0, offset = 0; i < n; i++, offset += d) {
    const c = codes[i]!;
    spread[c]! += Math.sqrt(squaredDifferences(data, offset, means, c * d, d));
  }
  let allSpreadsZero = true;
  for (let c = 0; c < k; c++) {
    spread[c]! /= counts[c]!;
    if (Math.abs(spread[c]!) > zero) allSpreadsZero = false;
  }
  const between = new Float64Array(k * k);
  let allCentroidsTogether = true;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const distance = Math.sqrt(squaredDifferences(means, a * d, means, b * d, d));
      between[a * k + b] = distance;
      between[b * k + a] = distance;
      if (distance > zero) allCentroidsTogether = false;
    }
  }
  if (allSpreadsZero || allCentroidsTogether) return 0;
  const worst = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let max = -Infinity;
    for (let b = 0; b < k; b++) {
      const distance = between[a * k + b]!;
      // scikit-learn sets zero distances (the diagonal, coinciding centroids) to infinity: ratio 0
      const ratio = distance === 0 ? 0 : (spread[a]! + spread[b]!) / distance;
      if (ratio > max) max = ratio;
    }
    worst[a] = max;
  }
  let total = 0;
  for (let a = 0; a < k; a++) total += worst[a]!;
  return total / k;
}
