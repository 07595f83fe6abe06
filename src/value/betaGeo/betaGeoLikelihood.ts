import { digamma } from '../../core/digamma';
import { logGamma } from '../../core/logGamma';
import { portableExp, portableLog, portableLog1p } from '../../core/portableMath';
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
  const lnA = portableLog(a);
  const constant = -logGamma(r) + r * lnAlpha + logGamma(a + b) - logGamma(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const { distinct, weight } = rows;
  // what depends on x alone, on T alone or on tₓ alone, once per distinct value
  const nx = distinct.x.length;
  const lgX = new Float64Array(nx);
  const psiRX = new Float64Array(nx);
  const psiBX = new Float64Array(nx);
  const psiABX = new Float64Array(nx);
  const lnBX1 = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const xk = distinct.x[k]!;
    lgX[k] = logGamma(r + xk) + logGamma(b + xk) - logGamma(a + b + xk);
    psiRX[k] = digamma(r + xk);
    psiBX[k] = digamma(b + xk);
    psiABX[k] = digamma(a + b + xk);
    lnBX1[k] = xk > 0 ? portableLog(b + xk - 1) : 0;
  }
  const lnAlphaT = new Float64Array(distinct.T.length);
  for (let k = 0; k < lnAlphaT.length; k++) lnAlphaT[k] = portableLog(alpha + distinct.T[k]!);
  const lnAlphaTx = new Float64Array(distinct.tx.length);
  for (let k = 0; k < lnAlphaTx.length; k++) lnAlphaTx[k] = portableLog(alpha + distinct.tx[k]!);
  const { xIndex, txIndex, TIndex } = distinct;
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < weight.length; i++) {
    const xk = xIndex[i]!;
    const xi = distinct.x[xk]!;
    const w = weight[i]!;
    const Ti = distinct.T[TIndex[i]!]!;
    const lnT = lnAlphaT[TIndex[i]!]!;
    const lnA3 = -(r + xi) * lnT;
    let lnSum = lnA3;
    // shares of A₃ and A₄ in their sum
    let u3 = 1;
    let u4 = 0;
    let lnTx = 0;
    if (xi > 0) {
      lnTx = lnAlphaTx[txIndex[i]!]!;
      const lnA4 = lnA - lnBX1[xk]! - (r + xi) * lnTx;
      // ln(e^A₃ + e^A₄) = max + ln(1 + e^(min − max)), one exp and one log1p
      const high = lnA3 > lnA4 ? lnA3 : lnA4;
      const e = portableExp(-Math.abs(lnA3 - lnA4));
      lnSum = high + portableLog1p(e);
      const shareLow = e / (1 + e);
      u3 = lnA3 > lnA4 ? 1 - shareLow : shareLow;
      u4 = 1 - u3;
    }
    ll += w * (constant + lgX[xk]! + lnSum);
    gr += w * (psiRX[xk]! - psiR + lnAlpha - u3 * lnT - u4 * lnTx);
    gAlpha += w * (r / alpha - u3 * ((r + xi) / (alpha + Ti)) - (xi > 0 ? u4 * ((r + xi) / (alpha + distinct.tx[txIndex[i]!]!)) : 0));
    ga += w * (psiAB - psiABX[xk]! + (xi > 0 ? u4 / a : 0));
    gb += w * (psiAB + psiBX[xk]! - psiB - psiABX[xk]! - (xi > 0 ? u4 / (b + xi - 1) : 0));
  }
  gradient[0] = -gr;
  gradient[1] = -gAlpha;
  gradient[2] = -ga;
  gradient[3] = -gb;
  return -ll;
}
