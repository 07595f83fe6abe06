import { SegmentkitError } from './SegmentkitError';
import { requireNumber } from './validateOptions';

/**
 * Quantile `q` of values already sorted ascending, by linear interpolation between the closest ranks
 * (numpy's default `method='linear'`, Hyndman & Fan type 7): position `h = (n − 1) q`, result
 * `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])`. No validation: use {@link quantile} for unsorted input.
 *
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  if (lower >= n - 1) return sorted[n - 1]!;
  const fraction = position - lower;
  const a = sorted[lower]!;
  const b = sorted[lower + 1]!;
  // numpy's _lerp form: exact at both ends and monotone in the fraction
  return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction;
}

/**
 * Quantile(s) of unsorted finite values with numpy's default linear interpolation (type 7).
 * The input is copied before sorting; it is never reordered.
 *
 * @param values - finite numbers
 * @param q - a probability in [0, 1], or several
 * @throws {@link SegmentkitError} `E_EMPTY` for no values, `E_NOT_FINITE` for NaN/±Infinity, `E_PARAM` for q outside [0, 1].
 * @example
 * quantile([4, 1, 3, 2], 0.25); // => 1.75
 * quantile([4, 1, 3, 2], [0, 0.5, 1]); // => [1, 2.5, 4]
 */
export function quantile(values: ArrayLike<number>, q: number): number;
export function quantile(values: ArrayLike<number>, q: readonly number[]): number[];
export function quantile(values: ArrayLike<number>, q: number | readonly number[]): number | number[] {
  const probabilities = typeof q === 'number' ? [q] : q;
  for (const p of probabilities) requireNumber('quantile', 'q', p, { min: 0, max: 1 });
  if (values.length === 0) throw new SegmentkitError('E_EMPTY', 'quantile: values is empty');
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new SegmentkitError('E_NOT_FINITE', `quantile: values[${i}] is ${sorted[i]}; drop or impute it first`);
    }
  }
  sorted.sort();
  const result = probabilities.map((p) => quantileSorted(sorted, p));
  return typeof q === 'number' ? result[0]! : result;
}
