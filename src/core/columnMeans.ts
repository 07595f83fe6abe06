import { isMatrix, toMatrix, type Matrix, type MatrixLike } from './Matrix';
import { binaryExponent } from './portableMath';
import { scaleUp } from './powerOfTwoScale';
import { SegmentkitError } from './SegmentkitError';
import { requireNumber } from './validateOptions';

/**
 * Mean of every column of a {@link Matrix}. The mean of finite values is always finite: columns whose sum would
 * overflow (values near ±1e308) are summed rescaled by a power of two.
 *
 * @throws {@link SegmentkitError} as {@link toMatrix} for a malformed matrix or a non-finite cell.
 * @returns a `Float64Array` of length `m.cols`
 * @example
 * Array.from(columnMeans(toMatrix([[1, 10], [3, 20]], 'example'))); // => [2, 15]
 * Array.from(columnMeans([[1e308], [1e308]])); // => [1e308]
 */
export function columnMeans(m: MatrixLike): Float64Array {
  return columnMomentsOf(checkedMatrix(m, 'columnMeans'), 0).means;
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
 * @param m - the matrix (validated: finite cells, at least one row)
 * @param ddof - delta degrees of freedom: 0 for the population variance (numpy's default), 1 for the sample variance
 * @throws {@link SegmentkitError} as {@link toMatrix}; `E_PARAM` for a `ddof` that is not a number ≥ 0 below the
 *   number of rows (the variance would divide by rows − ddof ≤ 0); `E_DOMAIN` for a
 *   variance beyond the largest double (rescale the column).
 * @example
 * const { means, variances } = columnMoments(toMatrix([[1], [2], [3], [4]], 'example'), 1);
 * [means[0], variances[0]]; // => [2.5, 1.6666666666666667]
 */
export function columnMoments(m: MatrixLike, ddof: number): ColumnMoments {
  const context = 'columnMoments';
  requireNumber(context, 'ddof', ddof, { min: 0 });
  const matrix = checkedMatrix(m, context);
  requireDdofBelowRows(context, ddof, matrix.rows);
  const moments = columnMomentsOf(matrix, ddof);
  requireFiniteVariances(context, moments.variances);
  return moments;
}

/** @internal Throw `E_PARAM` unless rows − ddof > 0 (the variance divides by it). */
export function requireDdofBelowRows(context: string, ddof: number, rows: number): void {
  if (!(rows - ddof > 0)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ddof = ${ddof} but X has ${rows} row${rows === 1 ? '' : 's'}; the variance divides by rows − ddof, so pass ddof < ${rows}`,
    );
  }
}

/** @internal Throw `E_DOMAIN` naming the first column whose variance overflowed. */
export function requireFiniteVariances(context: string, variances: Float64Array): void {
  const j = variances.indexOf(Infinity);
  if (j >= 0) {
    throw new SegmentkitError(
      'E_DOMAIN',
      `${context}: the variance of column ${j} exceeds the largest double (its values are too far apart); rescale the column (divide it by a power of ten) first`,
    );
  }
}

function checkedMatrix(m: unknown, context: string): Matrix {
  return toMatrix(m as Matrix, context, { name: isMatrix(m) ? 'm' : 'X' });
}

/**
 * @internal
 * The kernel of {@link columnMoments} on a validated matrix, used by the estimators. Two sequential passes over the
 * row-major buffer: the means first, then the sum of squared deviations from them. This is what numpy does for
 * `X.mean(axis=0)` / `X.var(axis=0)`, and it stays accurate when the values sit far from zero (a one-pass Welford
 * update loses about 8 digits on data offset by 1e9; the two-pass result agrees with numpy to ~1e-15). A column
 * whose sum or sum of squares overflows is computed again rescaled (see {@link momentsRescaled}); its variance is
 * `Infinity` only when the true variance exceeds the largest double. `NaN` where `rows − ddof ≤ 0`.
 *
 * @example
 * columnMomentsOf(toMatrix([[1], [3]], 'example'), 0).variances[0]; // => 1
 */
export function columnMomentsOf(m: Matrix, ddof: number): ColumnMoments {
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
  for (let j = 0; j < cols; j++) {
    variances[j] = denominator > 0 ? squares[j]! / denominator : NaN;
    // only a sum past the largest double is non-finite here (the cells are finite): redo that column rescaled
    if (rows > 0 && (!Number.isFinite(means[j]!) || squares[j] === Infinity)) {
      const rescaled = momentsRescaled(m, j, ddof);
      means[j] = rescaled.mean;
      variances[j] = rescaled.variance;
    }
  }
  return { means, variances };
}

/**
 * Mean and variance of column `j`, computed on the column times 2^−e (its largest magnitude in [0.5, 1)) and scaled
 * back exactly: the mean always fits, the variance is `Infinity` only when the true variance does not.
 */
function momentsRescaled(m: Matrix, j: number, ddof: number): { mean: number; variance: number } {
  const { data, rows, cols } = m;
  let largest = 0;
  for (let o = j; o < data.length; o += cols) largest = Math.max(largest, Math.abs(data[o]!));
  const exponent = binaryExponent(largest) + 1;
  const factor = scaleUp(1, -exponent);
  let sum = 0;
  for (let o = j; o < data.length; o += cols) sum += data[o]! * factor;
  const mean = sum / rows;
  let squares = 0;
  for (let o = j; o < data.length; o += cols) {
    const e = data[o]! * factor - mean;
    squares += e * e;
  }
  const denominator = rows - ddof;
  return { mean: scaleUp(mean, exponent), variance: denominator > 0 ? scaleUp(squares / denominator, 2 * exponent) : NaN };
}
