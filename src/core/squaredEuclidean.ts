import { SegmentkitError } from './SegmentkitError';
import { describeValue } from './describeValue';

/**
 * @internal
 * The hot-loop kernel behind {@link squaredEuclidean}: Σ (a[aOffset + j] − b[bOffset + j])² over `d` values of
 * flat row-major buffers, summed in column order. No allocation, no validation: the callers pass checked matrices.
 *
 * @example
 * squaredDifferences([0, 0, 3, 4], 0, [0, 0, 3, 4], 2, 2); // => 25
 */
export function squaredDifferences(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[aOffset + j]! - b[bOffset + j]!;
    sum += diff * diff;
  }
  return sum;
}

/**
 * Squared Euclidean distance between `d` consecutive values of `a` starting at `aOffset` and of `b` starting
 * at `bOffset` (row `i` of a matrix starts at `i * cols`), checked: the buffers hold finite numbers where read, and
 * the result is the finite distance (values so far apart that the square overflows are refused; rescale them).
 *
 * @param a - first buffer (e.g. `X.data`)
 * @param aOffset - index of the first value of the first vector
 * @param b - second buffer (may be the same as `a`)
 * @param bOffset - index of the first value of the second vector
 * @param d - vector length (number of columns)
 * @throws {@link SegmentkitError} `E_PARAM` for offsets or a length that are not integers ≥ 0, `E_SHAPE` for a
 *   vector that runs past the end of its buffer, `E_PARSE` / `E_NOT_FINITE` for a cell that is not a finite number,
 *   `E_DOMAIN` when the squared distance exceeds the largest double.
 * @example
 * squaredEuclidean([0, 0, 3, 4], 0, [0, 0, 3, 4], 2, 2); // => 25
 */
export function squaredEuclidean(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, d: number): number {
  const context = 'squaredEuclidean';
  const length = checkCount(context, 'd', d);
  const first = checkSpan(context, 'a', a, checkCount(context, 'aOffset', aOffset), length);
  const second = checkSpan(context, 'b', b, checkCount(context, 'bOffset', bOffset), length);
  const sum = squaredDifferences(first, aOffset, second, bOffset, length);
  if (sum !== Infinity) return sum;
  throw new SegmentkitError(
    'E_DOMAIN',
    `${context}: the squared distance exceeds the largest double (${Number.MAX_VALUE}); rescale the values (divide them by a power of ten) first`,
  );
}

function checkCount(context: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an integer ≥ 0, got ${describeValue(value)}`);
  }
  return value;
}

function checkSpan(context: string, name: string, values: unknown, offset: number, d: number): ArrayLike<number> {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an array of numbers, got ${describeValue(values)}`);
  }
  const list = values as ArrayLike<unknown>;
  if (offset + d > list.length) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: ${name} has ${list.length} values but the vector runs from index ${offset} to ${offset + d - 1}; check the offset and d`,
    );
  }
  for (let j = offset; j < offset + d; j++) {
    const value = list[j];
    if (typeof value !== 'number')
      throw new SegmentkitError('E_PARSE', `${context}: ${name}[${j}] is ${describeValue(value)}, not a number`);
    if (!Number.isFinite(value))
      throw new SegmentkitError('E_NOT_FINITE', `${context}: ${name}[${j}] is ${value}; distances need finite values`);
  }
  return list as ArrayLike<number>;
}
