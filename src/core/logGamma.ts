import { portableLog } from './portableMath';
// log Γ(x) for x > 0: Stirling's series from x ≥ 10 (truncation error below 1e-17 there), and the recurrence
// Γ(x) = Γ(x + k) / (x (x + 1) … (x + k − 1)) below. Accurate to a few ulps of the larger of |log Γ(x)| and 1.

const HALF_LOG_TWO_PI = 0.91893853320467274178;

/**
 * @internal
 * Stirling's correction: log Γ(x) − [(x − ½) log x − x + ½ log 2π], for x ≥ 10 (asymptotic series in 1/x with
 * the Bernoulli coefficients B₂ₖ / (2k (2k − 1))).
 */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))));
}

/** @internal Natural log of the gamma function for x > 0 (NaN otherwise, +∞ at 0). */
export function logGamma(x: number): number {
  if (!(x >= 0)) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * portableLog(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
  let product = 1;
  let shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return (shifted - 0.5) * portableLog(shifted) - shifted + HALF_LOG_TWO_PI + stirlingCorrection(shifted) - portableLog(product);
}
