/**
 * Squared Euclidean distance between `d` consecutive values of `a` starting at `aOffset` and of `b` starting
 * at `bOffset`. The hot-loop kernel over flat row-major buffers: no allocation, no validation.
 *
 * @param a - first buffer (e.g. `X.data`)
 * @param aOffset - index of the first value of the first vector (row `i` of a matrix: `i * cols`)
 * @param b - second buffer (may be the same as `a`)
 * @param bOffset - index of the first value of the second vector
 * @param d - vector length (number of columns)
 * @example
 * squaredEuclidean([0, 0, 3, 4], 0, [0, 0, 3, 4], 2, 2); // => 25
 */
export function squaredEuclidean(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[aOffset + j]! - b[bOffset + j]!;
    sum += diff * diff;
  }
  return sum;
}
