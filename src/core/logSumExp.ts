import { portableExp, portableLog } from './portableMath';

/**
 * `log(Σ exp(values[i]))` for `length` values starting at `offset`, computed without overflow or underflow
 * by factoring out the maximum. Returns `-Infinity` when every value is `-Infinity` (an empty sum), and
 * `Infinity` if any value is `+Infinity`.
 *
 * @param values - log-domain values
 * @param offset - first index to include. Default 0.
 * @param length - how many values to include. Default: to the end.
 * @example
 * logSumExp([1000, 1000]); // => 1000.6931471805599
 * logSumExp([-Infinity, -Infinity]); // => -Infinity
 */
export function logSumExp(values: ArrayLike<number>, offset = 0, length: number = values.length - offset): number {
  const end = offset + length;
  let max = -Infinity;
  for (let i = offset; i < end; i++) {
    const value = values[i]!;
    if (value > max || value !== value) max = value;
    if (value !== value) return NaN;
  }
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = offset; i < end; i++) sum += portableExp(values[i]! - max);
  return max + portableLog(sum);
}
