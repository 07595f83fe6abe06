import { describeValue } from '../core/describeValue';
import { studentTTwoSided } from '../core/regularizedBeta';
import { SegmentkitError } from '../core/SegmentkitError';

/** The result of {@link welchTTest}. */
export interface WelchTTestResult {
  /** t = (mean a − mean b) / √(s²a/na + s²b/nb), sample variances (n − 1); `null` when both variances are 0. */
  readonly statistic: number | null;
  /** Welch–Satterthwaite degrees of freedom; `null` with the statistic. */
  readonly df: number | null;
  /** Two-sided p-value; `null` when the test is undefined (both groups constant). */
  readonly pValue: number | null;
  /** Mean of group a. */
  readonly meanA: number;
  /** Mean of group b. */
  readonly meanB: number;
}

/** The values checked, and the largest magnitude among them (0 for all zeros). */
function readGroup(values: ArrayLike<number>, context: string, name: string): number {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number')
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an array of numbers, got ${describeValue(values)}`);
  const n = values.length;
  if (n < 2) throw new SegmentkitError('E_EMPTY', `${context}: ${name} has ${n} value(s); Welch's t-test needs at least 2 per group`);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: ${name}[${i}] is ${describeValue(v)}; pass finite numbers (drop or impute missing values first)`,
      );
    }
    max = Math.max(max, Math.abs(v));
  }
  return max;
}

/** Mean and sample variance of values / scale (the scale keeps sums of values near 1e308 finite). */
function meanAndVariance(values: ArrayLike<number>, scale: number): [number, number] {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]! / scale;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! / scale - mean) * (values[i]! / scale - mean);
  return [mean, squares / (n - 1)];
}

/**
 * @internal
 * Welch's test from group moments (sample variances, n − 1): statistic, degrees of freedom and two-sided
 * p-value, or nulls when both variances are 0.
 */
export function welchFromMoments(
  meanA: number,
  varA: number,
  nA: number,
  meanB: number,
  varB: number,
  nB: number,
): { statistic: number | null; df: number | null; pValue: number | null } {
  const sa = varA / nA;
  const sb = varB / nB;
  const se2 = sa + sb;
  if (!(se2 > 0)) return { statistic: null, df: null, pValue: null };
  const statistic = (meanA - meanB) / Math.sqrt(se2);
  const df = (se2 * se2) / ((sa * sa) / (nA - 1) + (sb * sb) / (nB - 1));
  return { statistic, df, pValue: Math.min(1, studentTTwoSided(statistic, df)) };
}

/**
 * Welch's two-sample t-test (unequal variances), two-sided: the same statistic, degrees of freedom and p-value
 * as `scipy.stats.ttest_ind(a, b, equal_var=False)`.
 *
 * @throws {@link SegmentkitError} `E_EMPTY` for a group with fewer than 2 values, `E_NOT_FINITE` naming the value.
 * @example
 * const r = welchTTest([1, 2, 3, 4], [2, 4, 6, 8]);
 * [r.statistic?.toFixed(4), r.df?.toFixed(4), r.pValue?.toFixed(4)]; // => ['-1.7321', '4.4118', '0.1516']
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): WelchTTestResult {
  const context = 'welchTTest';
  // the statistic and df do not change with a common scale: compute them on the data over its largest magnitude
  const scale = Math.max(readGroup(a, context, 'a'), readGroup(b, context, 'b')) || 1;
  const [meanA, varA] = meanAndVariance(a, scale);
  const [meanB, varB] = meanAndVariance(b, scale);
  return { ...welchFromMoments(meanA, varA, a.length, meanB, varB, b.length), meanA: meanA * scale, meanB: meanB * scale };
}
