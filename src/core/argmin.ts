/**
 * Index of the smallest value (the first one on ties); −1 for an empty input. NaN entries are never chosen
 * unless every entry is NaN, in which case 0 is returned.
 *
 * @example
 * argmin([3, 1, 2, 1]); // => 1
 */
export function argmin(values: ArrayLike<number>): number {
  const n = values.length;
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
