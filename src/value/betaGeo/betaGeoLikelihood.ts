import { digamma } from '../../core/digamma';
import { logGamma } from '../../core/logGamma';
import { portableExp, portableLog } from '../../core/portableMath';
import type { GroupedRows } from '../fitTransactionModel';

/**
 * @internal
 * BG/NBD negative log-likelihood (Fader, Hardie & Lee 2005, eq. 6) and its gradient in (r, α, a, b), summed over
 * grouped rows: ln L = ln A₁ + ln A₂ + ln(A₃ + δₓ₌₀ A₄) with
 * ln A₁ = ln Γ(r + x) − ln Γ(r) + r ln α, ln A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x),
 * ln A₃ = −(r + x) ln(α + T), ln A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + tₓ); the sum of A₃ and A₄ in log
 * space. The Γ and ψ terms depend on x alone, so they are computed once per distinct x.
 */
export function betaGeoNegativeLogLikelihood(rows: GroupedRows, params: Float64Array, gradient: Float64Array): number {
  const r = params[0]!;
  const alpha = params[1]!;
  const a = params[2]!;
  const b = params[3]!;
  const lnAlpha = portableLog(alpha);
  const constant = -logGamma(r) + r * lnAlpha + logGamma(a + b) - logGamma(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const byX = new Map<number, [number, number, number, number]>();
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const { x, tx, T, weight } = rows;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    let terms = byX.get(xi);
    if (terms === undefined) {
      terms = [logGamma(r + xi) + logGamma(b + xi) - logGamma(a + b + xi), digamma(r + xi), digamma(b + xi), digamma(a + b + xi)];
      byX.set(xi, terms);
    }
    const [lg, psiRX, psiBX, psiABX] = terms;
    const w = weight[i]!;
    const lnA3 = -(r + xi) * portableLog(alpha + T[i]!);
    let lnSum = lnA3;
    let u3 = 1;
    let u4 = 0;
    let lnA4 = 0;
    if (xi > 0) {
      lnA4 = portableLog(a) - portableLog(b + xi - 1) - (r + xi) * portableLog(alpha + tx[i]!);
      const max = Math.max(lnA3, lnA4);
      const e3 = portableExp(lnA3 - max);
      const e4 = portableExp(lnA4 - max);
      lnSum = max + portableLog(e3 + e4);
      u3 = e3 / (e3 + e4);
      u4 = e4 / (e3 + e4);
    }
    ll += w * (constant + lg + lnSum);
    gr += w * (psiRX - psiR + lnAlpha - u3 * portableLog(alpha + T[i]!) - (xi > 0 ? u4 * portableLog(alpha + tx[i]!) : 0));
    gAlpha += w * (r / alpha - u3 * ((r + xi) / (alpha + T[i]!)) - (xi > 0 ? u4 * ((r + xi) / (alpha + tx[i]!)) : 0));
    ga += w * (psiAB - psiABX + (xi > 0 ? u4 / a : 0));
    gb += w * (psiAB + psiBX - psiB - psiABX - (xi > 0 ? u4 / (b + xi - 1) : 0));
  }
  gradient[0] = -gr;
  gradient[1] = -gAlpha;
  gradient[2] = -ga;
  gradient[3] = -gb;
  return -ll;
}
