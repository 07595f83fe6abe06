import { describeValue } from './describeValue';
import { isListLike } from './listLike';
import { SegmentkitError } from './SegmentkitError';

/**
 * Index of the smallest value (the first one on ties); −1 for an empty input. NaN entries are never chosen
 * unless every entry is NaN, in which case 0 is returned.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for something that is not an array, `E_PARSE` for an entry that is not a number.
 * @example
 * argmin([3, 1, 2, 1]); // => 1
 */
export function argmin(values: ArrayLike<number>): number {
  if (!isListLike(values)) throw new SegmentkitError('E_PARAM', `argmin: values must be an array of numbers, got ${describeValue(values)}`);
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (typeof values[i] !== 'number')
      throw new SegmentkitError('E_PARSE', `argmin: values[${i}] is ${describeValue(values[i])}, not a number`);
  }
  if (n === 0) return -1;
  let best = 0;
  let bestValue = values[0]!;
  for (let i = 1; i < n; i++) {
    const value = values[i]!;
    if (value < bestValue || (bestValue !== bestValue && value === value)) {
      best = i;
      bestValue = value;
    }
  }
  return best;
}
