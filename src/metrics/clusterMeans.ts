import { squaredDifferences } from '../core/squaredEuclidean';
/**
 * @internal
 * Mean of each cluster's rows (k × d, row-major), summing rows in order as NumPy's `mean(axis=0)` does.
 */
export function clusterMeans(data: Float64Array, n: number, d: number, codes: Int32Array, counts: Float64Array): Float64Array {
  const k = counts.length;
  const means = new Float64Array(k * d);
  for (let i = 0, offset = 0; i < n; i++, offset += d) {
    const base = codes[i]! * d;
    for (let t = 0; t < d; t++) means[base + t]! += data[offset + t]!;
  }
  for (let c = 0; c < k; c++) {
    const count = counts[c]!;
    for (let t = 0; t < d; t++) means[c * d + t]! /= count;
  }
  return means;
}

/** @internal Σ over rows of the squared distance to the row's cluster mean, per cluster. */
export function withinSumsOfSquares(
  data: Float64Array,
  n: number,
  d: number,
  codes: Int32Array,
  means: Float64Array,
  k: number,
): Float64Array {
  const sums = new Float64Array(k);
  for (let i = 0, offset = 0; i < n; i++, offset += d) {
    const c = codes[i]!;
    sums[c]! += squaredDifferences(data, offset, means, c * d, d);
  }
  return sums;
}
