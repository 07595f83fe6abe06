import { portableExp, portableLog } from './portableMath';

// z within about 1e-3 of 1 with large parameters needs tens of thousands of terms; beyond this the sum is not
// trusted: NaN, which a fit treats as an infeasible point and a prediction refuses as E_DOMAIN
const MAX_TERMS = 50_000;
const EPSILON = 1e-17;

/**
 * @internal
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c not a whole number ≤ 0 (a fitted BG/NBD
 * with a + b < 1 needs c = a + b − 1 < 0, as scipy's hyp2f1 allows), by its power series
 * Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, summed until a term no longer changes the sum (the terms fall geometrically, with
 * ratio → z). Where the series would take too long (z close to 1 with large parameters) the Euler transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) is tried first when it shortens the terms. The BG/NBD
 * and Pareto/NBD expressions only need this range. A series that has not converged after 50,000 terms gives NaN
 * (never a silently truncated sum).
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0) || !(z < 1) || !Number.isFinite(c) || (c <= 0 && Number.isInteger(c))) return Number.NaN;
  if (z === 0) return 1;
  // Euler: when c − a − b > 0 is small relative to a + b, the transformed series has smaller terms
  const ca = c - a;
  const cb = c - b;
  if (Math.abs(ca * cb) < Math.abs(a * b) && c - a - b > -1e-12) {
    const factor = portableExp((c - a - b) * portableLog(1 - z));
    return factor * series(ca, cb, c, z);
  }
  return series(a, b, c, z);
}

function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    const next = sum + term;
    if (next === sum || Math.abs(term) <= EPSILON * Math.abs(next)) return next;
    sum = next;
  }
  return Number.NaN;
}
