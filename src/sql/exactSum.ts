// Exact floating-point sums as non-overlapping expansions (Shewchuk 1997; the algorithm of Python's math.fsum):
// a list of doubles, increasing in magnitude, whose exact sum is the value. Adding to an expansion loses
// nothing, so a total built from any grouping or order of the same numbers is the same real number, and its
// correctly rounded double is the same too.

/** @internal Add `x` to `partials` exactly (in place). */
export function addExact(partials: number[], value: number): void {
  let x = value;
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j]!;
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
}

/** @internal The double nearest to the exact sum of an expansion (ties to even), as math.fsum. */
export function roundExact(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
