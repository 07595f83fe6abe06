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
  const squares = new Float64Array(cols);
  // four columns per sweep over the rows, each summed in a register in row order: the same additions, in the
  // same order, as accumulating whole rows into memory, without a store-to-load chain per element
  for (let j = 0; j < cols; j += 4) {
    const width = Math.min(4, cols - j);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0, o = j; i < rows; i++, o += cols) {
      s0 += data[o]!;
      if (width > 1) s1 += data[o + 1]!;
      if (width > 2) s2 += data[o + 2]!;
      if (width > 3) s3 += data[o + 3]!;
    }
    const mean0 = s0 / rows;
    const mean1 = s1 / rows;
    const mean2 = s2 / rows;
    const mean3 = s3 / rows;
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    for (let i = 0, o = j; i < rows; i++, o += cols) {
      const e0 = data[o]! - mean0;
      q0 += e0 * e0;
      if (width > 1) {
        const e1 = data[o + 1]! - mean1;
        q1 += e1 * e1;
      }
      if (width > 2) {
        const e2 = data[o + 2]! - mean2;
        q2 += e2 * e2;
      }
      if (width > 3) {
        const e3 = data[o + 3]! - mean3;
        q3 += e3 * e3;
      }
    }
    const sums = [s0, s1, s2, s3];
    const deviations = [q0, q1, q2, q3];
    for (let w = 0; w < width; w++) {
      means[j + w] = rows > 0 ? sums[w]! / rows : NaN;
      squares[j + w] = deviations[w]!;
    }
  }
  const denominator = rows - ddof;
  const variances = new Float64Array(cols);
  for (let j = 0; j < cols; j++) variances[j] = denominator > 0 ? squares[j]! / denominator : NaN;
  return { means, variances };
}
