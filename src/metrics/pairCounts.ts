import type { Contingency } from './contingency';

/**
 * @internal
 * Ordered pairs of distinct rows by whether the two labellings put them together: `tp` together in both, `fn`
 * together only in A, `fp` together only in B, `tn` apart in both (scikit-learn's pair confusion matrix, whose
 * counts are ordered pairs, twice the unordered ones). Exact while n² < 2^53 (n below about 94 million).
 */
export function pairCounts(c: Contingency): { tn: number; fp: number; fn: number; tp: number } {
  let sumSquares = 0;
  for (const v of c.cellCount) sumSquares += v * v;
  let rowSquares = 0;
  for (const v of c.rowSums) rowSquares += v * v;
  let colSquares = 0;
  for (const v of c.colSums) colSquares += v * v;
  const tp = sumSquares - c.n;
  const fp = colSquares - sumSquares;
  const fn = rowSquares - sumSquares;
  const tn = c.n * c.n - fp - fn - sumSquares;
  return { tn, fp, fn, tp };
}
