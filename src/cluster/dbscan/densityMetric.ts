import type { Matrix } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { MODE_COSINE, MODE_EUCLIDEAN, MODE_MANHATTAN, type DistanceMode } from './KDTree';

/** Distances {@link DBSCAN} and {@link suggestEps} accept (scikit-learn's definitions). */
export type DensityMetric = 'euclidean' | 'manhattan' | 'cosine';

/** @internal The metric names, for validation. */
export const DENSITY_METRICS: readonly DensityMetric[] = ['euclidean', 'manhattan', 'cosine'];

/** @internal Rows as the index sees them, and how a radius eps becomes the per-row test. */
export interface PreparedRows {
  /** The caller's rows (never written), or unit-length copies for cosine. */
  readonly data: Float64Array;
  readonly mode: DistanceMode;
}

/**
 * @internal
 * Rows ready for the index. Cosine rows are divided by their Euclidean norm (as scikit-learn's `normalize`);
 * an all-zero row has no direction, so it is an `E_DOMAIN` error (scikit-learn would silently put it at
 * distance 1 from everything, itself included).
 */
export function prepareRows(m: Matrix, metric: DensityMetric, context: string, name = 'X'): PreparedRows {
  if (metric === 'euclidean') return { data: m.data, mode: MODE_EUCLIDEAN };
  if (metric === 'manhattan') return { data: m.data, mode: MODE_MANHATTAN };
  const { rows, cols } = m;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let t = 0; t < cols; t++) s += m.data[o + t]! * m.data[o + t]!;
    const norm = Math.sqrt(s);
    if (norm === 0) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: ${name}[${i}] is all zeros, which has no direction for metric 'cosine'; drop such rows or use metric 'euclidean'`,
      );
    }
    for (let t = 0; t < cols; t++) data[o + t] = m.data[o + t]! / norm;
  }
  return { data, mode: MODE_COSINE };
}

/**
 * @internal
 * The per-row threshold for "within eps" in the index's comparable units: eps² for Euclidean (scikit-learn's
 * trees compare Σ (x − y)² with eps², not the square root with eps), eps for Manhattan and cosine.
 */
export function radiusThreshold(mode: DistanceMode, eps: number): number {
  return mode === MODE_EUCLIDEAN ? eps * eps : eps;
}

/** @internal A comparable distance back in the metric's units. */
export function toMetricDistance(mode: DistanceMode, comparable: number): number {
  return mode === MODE_EUCLIDEAN ? Math.sqrt(comparable) : comparable;
}

/** @internal Refuse rows whose bounding box is so large that a distance could overflow to Infinity (it would read as "unreachable"). */
export function requireFiniteDistances(data: Float64Array, n: number, d: number, euclidean: boolean, context: string): void {
  let total = 0;
  for (let t = 0; t < d; t++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + t]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = hi - lo;
    total += euclidean ? width * width : width;
    if (!Number.isFinite(total)) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: X spans ${lo} to ${hi} in column ${t}, so far apart that distances overflow; rescale the features (StandardScaler) first`,
      );
    }
  }
}
