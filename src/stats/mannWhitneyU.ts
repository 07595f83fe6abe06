import { describeValue } from '../core/describeValue';
import { normalSurvival } from '../core/normalSurvival';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';

/** How {@link mannWhitneyU} computes its p-value. */
export type MannWhitneyMethod = 'auto' | 'exact' | 'asymptotic';

/** The result of {@link mannWhitneyU}. */
export interface MannWhitneyUResult {
  /** U of the first sample: its rank sum minus n₁(n₁ + 1)/2 (scipy's `statistic`). */
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  /** The method used: exact (no ties, a sample of at most 8) or the normal approximation. */
  readonly method: 'exact' | 'asymptotic';
}

/**
 * Exact distributions are counted only up to this many (n₁ · n₂) states; beyond, the normal approximation.
 *
 * @example
 * mannWhitneyU([1, 2, 3], [4, 5, 6, 7]).method; // => 'exact'
 * MANN_WHITNEY_EXACT_MAX_STATES; // => 200000
 */
export const MANN_WHITNEY_EXACT_MAX_STATES = 200_000;

/**
 * @internal
 * P(U ≥ u) under H₀ for samples of sizes m and n without ties: the coefficients of the Gaussian binomial
 * [m + n choose m]_q = Π (1 − q^(n+i)) / (1 − q^i), multiplied out one factor at a time. Counts are exact in
 * doubles while C(m + n, m) < 2⁵³, and in BigInt above.
 */
export function mannWhitneyExactSurvival(u: number, m: number, n: number): number {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  let total = 1;
  for (let i = 1; i <= small; i++) total = (total * (large + i)) / i;
  const degree = small * large;
  if (u <= 0) return 1;
  if (u > degree) return 0;
  if (total < 2 ** 53) {
    let coefficients = new Float64Array(1);
    coefficients[0] = 1;
    for (let i = 1; i <= small; i++) {
      const next = new Float64Array(i * large + 1);
      // × (1 − q^(large+i)), then ÷ (1 − q^i) by the running sum with stride i (exact: the quotient is a polynomial)
      for (let k = 0; k < next.length; k++) {
        const kept = k < coefficients.length ? coefficients[k]! : 0;
        const shifted = k - (large + i) >= 0 && k - (large + i) < coefficients.length ? coefficients[k - (large + i)]! : 0;
        next[k] = kept - shifted + (k >= i ? next[k - i]! : 0);
      }
      coefficients = next;
    }
    let tail = 0;
    for (let k = Math.ceil(u); k <= degree; k++) tail += coefficients[k]!;
    return tail / total;
  }
  let coefficients: bigint[] = [1n];
  for (let i = 1; i <= small; i++) {
    const next: bigint[] = new Array<bigint>(i * large + 1);
    for (let k = 0; k < next.length; k++) {
      const kept = k < coefficients.length ? coefficients[k]! : 0n;
      const back = k - (large + i);
      const shifted = back >= 0 && back < coefficients.length ? coefficients[back]! : 0n;
      next[k] = kept - shifted + (k >= i ? next[k - i]! : 0n);
    }
    coefficients = next;
  }
  let tail = 0n;
  let all = 0n;
  for (let k = 0; k <= degree; k++) {
    all += coefficients[k]!;
    if (k >= Math.ceil(u)) tail += coefficients[k]!;
  }
  return Number(tail) / Number(all);
}

/**
 * @internal
 * The two-sided p-value of U₁ for samples of sizes n₁, n₂, as scipy 1.10 `mannwhitneyu` (continuity
 * correction on): exact when `method` asks for it or, with `'auto'`, when there are no ties and one sample has
 * at most 8 values; otherwise z = (max(U₁, U₂) − n₁n₂/2 − ½) / σ with the tie-corrected σ. `tieTerm` is
 * Σ (t³ − t) over groups of tied values.
 */
export function mannWhitneyPValue(
  u1: number,
  n1: number,
  n2: number,
  tieTerm: number,
  method: MannWhitneyMethod,
): { pValue: number; method: 'exact' | 'asymptotic' } {
  const u = Math.max(u1, n1 * n2 - u1);
  const exactAllowed = n1 * n2 <= MANN_WHITNEY_EXACT_MAX_STATES;
  const useExact = method === 'exact' ? exactAllowed : method === 'auto' && !(n1 > 8 && n2 > 8) && tieTerm === 0 && exactAllowed;
  if (useExact) return { pValue: Math.min(1, 2 * mannWhitneyExactSurvival(u, n1, n2)), method: 'exact' };
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
  return { pValue: Math.min(1, Math.max(0, 2 * normalSurvival(z))), method: 'asymptotic' };
}

function readSample(values: ArrayLike<number>, context: string, name: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an array of numbers`);
  }
  if (values.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: ${name} is empty; each sample needs at least one value`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || v !== v) {
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: ${name}[${i}] is ${describeValue(v)}; pass numbers (drop missing values first)`,
      );
    }
  }
}

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum), two-sided, as `scipy.stats.mannwhitneyu(a, b)` (scipy 1.10:
 * continuity correction, tie-corrected normal approximation, exact distribution for small samples without
 * ties). Compares whole distributions, so it suits skewed spend and counts better than a t-test.
 *
 * @throws {@link SegmentkitError} `E_EMPTY`, `E_NOT_FINITE` naming the value, `E_PARAM` for a bad method.
 * @example
 * const r = mannWhitneyU([1, 5, 9], [2, 3, 4, 6, 7, 8, 10]);
 * [r.statistic, r.pValue.toFixed(4), r.method]; // => [9, '0.8333', 'exact']
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>, options: { method?: MannWhitneyMethod } = {}): MannWhitneyUResult {
  const context = 'mannWhitneyU';
  readSample(a, context, 'a');
  readSample(b, context, 'b');
  assertKnownOptions(context, options, ['method']);
  const method = options.method ?? 'auto';
  if (method !== 'auto' && method !== 'exact' && method !== 'asymptotic') {
    throw new SegmentkitError('E_PARAM', `${context}: method must be 'auto', 'exact' or 'asymptotic', got ${describeValue(method)}`);
  }
  const n1 = a.length;
  const n2 = b.length;
  const values = new Float64Array(n1 + n2);
  for (let i = 0; i < n1; i++) values[i] = a[i]!;
  for (let i = 0; i < n2; i++) values[n1 + i] = b[i]!;
  const order = Array.from({ length: n1 + n2 }, (_, i) => i).sort((p, q) => values[p]! - values[q]!);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let p = start; p < end; p++) if (order[p]! < n1) rankSumA += rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  const statistic = rankSumA - (n1 * (n1 + 1)) / 2;
  return { statistic, ...mannWhitneyPValue(statistic, n1, n2, tieTerm, method) };
}
