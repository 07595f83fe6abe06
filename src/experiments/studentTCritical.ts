import { studentTTwoSided } from '../core/regularizedBeta';

/**
 * @internal
 * The critical value t > 0 with P(|T_ν| ≥ t) = `twoSidedTail` (scipy's `t.isf(tail / 2, ν)`), for ν > 0 and a
 * tail in (0, 1): bisection on the two-sided tail, which falls monotonically in t, until the bracket is two
 * adjacent doubles. Only comparisons and halving, so the result is the same bits on every engine.
 */
export function studentTCritical(twoSidedTail: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) > twoSidedTail) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (studentTTwoSided(mid, df) > twoSidedTail) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
