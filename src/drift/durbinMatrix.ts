import { ldexp } from '../core/ldexp';
import { portablePow } from '../core/portableMath';

// P(Dₙ ≤ d) for the two-sided one-sample KS statistic by Durbin's matrix method in the form of Marsaglia, Tsang
// & Wang (2003): write d = (k − h)/n with integer k and 0 ≤ h < 1, build the (2k − 1) × (2k − 1) matrix H, and
// the answer is n!/nⁿ times the (k, k) entry of Hⁿ. Powers by repeated squaring, rescaled by 2¹²⁸ whenever the
// central entry grows past it (the exponent is carried separately). O(k³ log n): for small n·d.

const SCALE_EXPONENT = 128;
const SCALE_UP = /* @__PURE__ */ ldexp(1, SCALE_EXPONENT);
// 2^−128 as a literal: a module-level call with −SCALE_EXPONENT as argument stays in every bundle, pure or not
const SCALE_DOWN = 2.938735877055719e-39;

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += ail * b[l * m + j]!;
    }
  }
  return out;
}

/** @internal P(Dₙ ≤ d) by the Durbin matrix (scipy.stats._ksstats._kolmogn_DMTW with cdf=True), unclipped input. */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 − h^(j+1)) / (j+1)!, w[j] = 1/j!; the last entry of v is (1 − 2hᵐ + max(2h − 1, 0)ᵐ) / m!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - portablePow(h, j)) * factorial;
  }
  v[m - 1] = (1 + (portablePow(Math.max(2 * h - 1, 0), m) - 2 * portablePow(h, m))) * factorial;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) H[row * m + i] = w[row - i + 1]!;
  }
  for (let row = 0; row < m; row++) H[row * m] = v[row]!;
  for (let col = 0; col < m; col++) H[(m - 1) * m + col] = v[m - 1 - col]!;

  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let hExponent = 0;
  let remaining = n;
  const centre = (k - 1) * m + (k - 1);
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[centre]!) > SCALE_UP) {
      for (let i = 0; i < H.length; i++) H[i]! *= SCALE_DOWN;
      hExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }
  let p = power[centre]!;
  // times n!/nⁿ, keeping p in range
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return exponent === 0 ? p : ldexp(p, exponent);
}
