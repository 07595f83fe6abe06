import { columnMoments } from './columnMeans';
import type { Matrix } from './Matrix';
import { requireNumber } from './validateOptions';

/** Options for {@link columnVariances}. */
export interface ColumnVariancesOptions {
  /** Delta degrees of freedom: 0 = population variance (numpy's and scikit-learn's default), 1 = sample variance. Default 0. */
  readonly ddof?: number;
}

/**
 * Variance of every column of a {@link Matrix}, computed in two passes (mean, then squared deviations) as numpy does.
 *
 * @returns a `Float64Array` of length `m.cols`; `NaN` where `rows − ddof ≤ 0`
 * @example
 * Array.from(columnVariances(toMatrix([[1], [2], [3], [4]], 'example'))); // => [1.25]
 * Array.from(columnVariances(toMatrix([[1], [2], [3], [4]], 'example'), { ddof: 1 })); // => [1.6666666666666667]
 */
export function columnVariances(m: Matrix, options: ColumnVariancesOptions = {}): Float64Array {
  const { ddof = 0 } = options;
  requireNumber('columnVariances', 'ddof', ddof, { min: 0 });
  return columnMoments(m, ddof).variances;
}
