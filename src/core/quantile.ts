import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';
import { requireNumber } from './validateOptions';

/**
 * @internal
 * The kernel of {@link quantileSorted} on values known to be sorted and finite (the estimators' columns): position
 * `h = (n − 1) q`, result `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])` in numpy's `_lerp` form. `NaN` for no values.
 *
 * @example
 * interpolateSorted([1, 2, 3, 4], 0.5); // => 2.5
 */
export function interpolateSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  if (lower >= n - 1) return sorted[n - 1]!;
  const fraction = position - lower;
  const a = sorted[lower]!;
  const b = sorted[lower + 1]!;
  // numpy's _lerp form: exact at both ends and monotone in the fraction
  const value = fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction;
  // neighbours of opposite sign near ±1e308 differ by more than the largest double: weigh them separately instead
  return b - a === Infinity ? a * (1 - fraction) + b * fraction : value;
}

/**
 * Quantile `q` of values already sorted ascending, by linear interpolation between the closest ranks
 * (numpy's default `method='linear'`, Hyndman & Fan type 7): position `h = (n − 1) q`, result
 * `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])`. The values are checked (finite numbers, ascending); use {@link quantile}
 * for unsorted input.
 *
 * @throws {@link SegmentkitError} `E_EMPTY` for no values, `E_PARSE` / `E_NOT_FINITE` for a value that is not a finite
 *   number, `E_PARAM` for values out of order or q outside [0, 1].
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const context = 'quantileSorted';
  requireNumber(context, 'q', q, { min: 0, max: 1 });
  const values = finiteValues(sorted, context, 'sorted');
  for (let i = 1; i < values.length; i++) {
    if (values[i]! < values[i - 1]!) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: sorted[${i}] = ${values[i]} comes after ${values[i - 1]}; sort the values ascending first (or call quantile)`,
      );
    }
  }
  return interpolateSorted(values, q);
}

/**
 * Quantile(s) of unsorted finite values with numpy's default linear interpolation (type 7).
 * The input is copied before sorting; it is never reordered.
 *
 * @param values - finite numbers
 * @param q - a probability in [0, 1], or several
 * @throws {@link SegmentkitError} `E_EMPTY` for no values, `E_NOT_FINITE` for NaN/±Infinity, `E_PARSE` for a value that
 *   is not a number, `E_PARAM` for q outside [0, 1].
 * @example
 * quantile([4, 1, 3, 2], 0.25); // => 1.75
 * quantile([4, 1, 3, 2], [0, 0.5, 1]); // => [1, 2.5, 4]
 */
export function quantile(values: ArrayLike<number>, q: number): number;
export function quantile(values: ArrayLike<number>, q: readonly number[]): number[];
export function quantile(values: ArrayLike<number>, q: number | readonly number[]): number | number[] {
  const context = 'quantile';
  if (typeof q !== 'number' && !Array.isArray(q)) {
    throw new SegmentkitError('E_PARAM', `${context}: q must be a probability in [0, 1] or an array of them, got ${describeValue(q)}`);
  }
  const probabilities = typeof q === 'number' ? [q] : q;
  for (const p of probabilities) requireNumber(context, 'q', p, { min: 0, max: 1 });
  const sorted = finiteValues(values, context, 'values').sort();
  const result = probabilities.map((p) => interpolateSorted(sorted, p));
  return typeof q === 'number' ? result[0]! : result;
}

/** A checked copy: a non-empty array (or typed array) of finite numbers. */
function finiteValues(values: unknown, context: string, name: string): Float64Array {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an array of numbers, got ${describeValue(values)}`);
  }
  const list = values as ArrayLike<unknown>;
  if (list.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: ${name} is empty`);
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number') throw new SegmentkitError('E_PARSE', `${context}: ${name}[${i}] is ${describeValue(v)}, not a number`);
    if (!Number.isFinite(v)) throw new SegmentkitError('E_NOT_FINITE', `${context}: ${name}[${i}] is ${v}; drop or impute it first`);
    out[i] = v;
  }
  return out;
}
