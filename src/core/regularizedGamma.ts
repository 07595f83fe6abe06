import { logGamma, stirlingCorrection } from './logGamma';
import { portableExp, portableLog, portableLog1p } from './portableMath';

// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) (scipy.special.gammaincc), used for
// chi-square p-values: P(χ²_k > s) = Q(k / 2, s / 2). Power series for P = 1 − Q below x < a + 1, a continued
// fraction (modified Lentz) for Q above, as in Numerical Recipes §6.2; the common factor xᵃ e⁻ˣ / Γ(a) is
// formed in log space, and for a ≥ 10 around its Stirling form so that large a (many categories) keeps full
// relative accuracy.

const EPSILON = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;
const HALF_LOG_TWO_PI = 0.91893853320467274178;

/** log(xᵃ e⁻ˣ / Γ(a)). */
function logPrefactor(a: number, x: number): number {
  if (a < 10) return a * portableLog(x) - x - logGamma(a);
  // a log(x/a) − (x − a) + ½ log a − ½ log 2π − stirling(a): no large terms cancel
  const t = (x - a) / a;
  const main = Math.abs(t) < 0.5 ? a * (portableLog1p(t) - t) : a * portableLog(x / a) - (x - a);
  return main + 0.5 * portableLog(a) - HALF_LOG_TWO_PI - stirlingCorrection(a);
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * portableExp(logPrefactor(a, x));
}

function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return portableExp(logPrefactor(a, x)) * h;
}

/**
 * @internal
 * Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0 (scipy.special.gammaincc); NaN outside the domain.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0) || a === Infinity) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  if (x < a + 1) return Math.min(1, Math.max(0, 1 - lowerSeries(a, x)));
  return Math.min(1, Math.max(0, upperContinuedFraction(a, x)));
}

/**
 * @internal
 * P(a, x) = 1 − Q(a, x) (scipy.special.gammainc), computed directly where it is the small one.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0) || a === Infinity) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  if (x < a + 1) return Math.min(1, Math.max(0, lowerSeries(a, x)));
  return Math.min(1, Math.max(0, 1 - upperContinuedFraction(a, x)));
}

/**
 * @internal
 * Survival function of the chi-square distribution with `dof` degrees of freedom (scipy.stats.chi2.sf):
 * P(χ²_dof > statistic). 1 for a statistic ≤ 0.
 */
export function chiSquareSurvival(statistic: number, dof: number): number {
  if (Number.isNaN(statistic) || !(dof > 0)) return NaN;
  if (statistic <= 0) return 1;
  return regularizedGammaQ(dof / 2, statistic / 2);
}
