import { columnMomentsOf, requireDdofBelowRows, requireFiniteVariances } from './columnMeans';
import { isMatrix, toMatrix, type MatrixLike } from './Matrix';
import { assertKnownOptions, requireNumber } from './validateOptions';

/** Options for {@link columnVariances}. */
export interface ColumnVariancesOptions {
  /** Delta degrees of freedom: 0 = population variance (numpy's and scikit-learn's default), 1 = sample variance. Default 0. */
  readonly ddof?: number;
}

/**
 * Variance of every column of a {@link Matrix}, computed in two passes (mean, then squared deviations) as numpy does.
 *
 * @returns a `Float64Array` of length `m.cols`
 * @throws {@link SegmentkitError} as {@link toMatrix} for a malformed matrix or a non-finite cell, `E_PARAM` for a
 *   `ddof` that is not a number ≥ 0 below the number of rows, `E_DOMAIN` for a variance beyond the largest double (rescale the column).
 * @example
 * Array.from(columnVariances(toMatrix([[1], [2], [3], [4]], 'example'))); // => [1.25]
 * Array.from(columnVariances(toMatrix([[1], [2], [3], [4]], 'example'), { ddof: 1 })); // => [1.6666666666666667]
 */
export function columnVariances(m: MatrixLike, options: ColumnVariancesOptions = {}): Float64Array {
  const context = 'columnVariances';
  assertKnownOptions(context, options, ['ddof']);
  const { ddof = 0 } = options;
  requireNumber(context, 'ddof', ddof, { min: 0 });
  const matrix = toMatrix(m, context, { name: isMatrix(m) ? 'm' : 'X' });
  requireDdofBelowRows(context, ddof, matrix.rows);
  const { variances } = columnMomentsOf(matrix, ddof);
  requireFiniteVariances(context, variances);
  return variances;
}
