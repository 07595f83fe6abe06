import type { Matrix } from './Matrix';

/**
 * Mean of every column of a {@link Matrix} (validated input, see {@link toMatrix}).
 *
 * @returns a `Float64Array` of length `m.cols`; all `NaN` when the matrix has no rows
 * @example
 * Array.from(columnMeans(toMatrix([[1, 10], [3, 20]], 'example'))); // => [2, 15]
 */
export function columnMeans(m: Matrix): Float64Array {
  return columnMoments(m, 0).means;
}

/** Per-column mean and variance, the result of {@link columnMoments}. */
export interface ColumnMoments {
  /** Column means. */
  readonly means: Float64Array;
  /** Column variances with the requested `ddof`. */
  readonly variances: Float64Array;
}

/**
 * Column means and variances in two sequential passes over the row-major buffer: the means first, then the
 * sum of squared deviations from them. This is what numpy does for `X.mean(axis=0)` / `X.var(axis=0)`, and it
 * stays accurate when the values sit far from zero (a one-pass Welford update loses about 8 digits on data
 * offset by 1e9; the two-pass result agrees with numpy to ~1e-15).
 *
 * @param m - the matrix
 * @param ddof - delta degrees of freedom: 0 for the population variance (numpy's default), 1 for the sample variance
 * @example
 * const { means, variances } = columnMoments(toMatrix([[1], [2], [3], [4]], 'example'), 1);
 * [means[0], variances[0]]; // => [2.5, 1.6666666666666667]
 */
export function columnMoments(m: Matrix, ddof: number): ColumnMoments {
  const { data, rows, cols } = m;
  const means = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) means[j] = means[j]! + data[offset + j]!;
  }
  for (let j = 0; j < cols; j++) means[j] = rows > 0 ? means[j]! / rows : NaN;
  const squares = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) {
      const deviation = data[offset + j]! - means[j]!;
      squares[j] = squares[j]! + deviation * deviation;
    }
  }
  const denominator = rows - ddof;
  const variances = new Float64Array(cols);
  for (let j = 0; j < cols; j++) variances[j] = denominator > 0 ? squares[j]! / denominator : NaN;
  return { means, variances };
}
