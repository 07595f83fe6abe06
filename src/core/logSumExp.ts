import { describeValue } from './describeValue';
import { isListLike } from './listLike';
import { portableExp, portableLog } from './portableMath';
import { SegmentkitError } from './SegmentkitError';

/**
 * `log(Σ exp(values[i]))` for `length` values starting at `offset`, computed without overflow or underflow
 * by factoring out the maximum. Returns `-Infinity` when every value is `-Infinity` (an empty sum), and
 * `Infinity` if any value is `+Infinity`.
 *
 * @param values - log-domain values
 * @param offset - first index to include. Default 0.
 * @param length - how many values to include. Default: to the end.
 * @throws {@link SegmentkitError} `E_PARAM` for something that is not an array or a range outside it, `E_PARSE` for an
 *   entry that is not a number, `E_NOT_FINITE` for a NaN entry.
 * @example
 * logSumExp([1000, 1000]); // => 1000.6931471805599
 * logSumExp([-Infinity, -Infinity]); // => -Infinity
 */
export function logSumExp(values: ArrayLike<number>, offset = 0, length?: number): number {
  const context = 'logSumExp';
  if (!isListLike(values))
    throw new SegmentkitError('E_PARAM', `${context}: values must be an array of numbers, got ${describeValue(values)}`);
  if (!Number.isInteger(offset) || offset < 0 || offset > values.length) {
    throw new SegmentkitError('E_PARAM', `${context}: offset must be an integer in [0, ${values.length}], got ${describeValue(offset)}`);
  }
  const count = length ?? values.length - offset;
  if (!Number.isInteger(count) || count < 0 || offset + count > values.length) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: length must be an integer ≥ 0 with offset + length ≤ ${values.length}, got ${describeValue(length)}`,
    );
  }
  const end = offset + count;
  for (let i = offset; i < end; i++) {
    const value = values[i];
    if (typeof value !== 'number')
      throw new SegmentkitError('E_PARSE', `${context}: values[${i}] is ${describeValue(value)}, not a number`);
    if (value !== value) throw new SegmentkitError('E_NOT_FINITE', `${context}: values[${i}] is NaN; drop or impute it first`);
  }
  let max = -Infinity;
  for (let i = offset; i < end; i++) if (values[i]! > max) max = values[i]!;
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = offset; i < end; i++) sum += portableExp(values[i]! - max);
  return max + portableLog(sum);
}
