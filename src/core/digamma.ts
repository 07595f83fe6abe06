import { portableLog } from './portableMath';

// ψ(x) = d/dx log Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic
// series ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ) (truncation error below 1e-17 there). Portable (see portableMath).

/** @internal ψ(x) for x > 0 (NaN otherwise). */
export function digamma(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return x === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series = r2 * (1 / 12 - r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 * (1 / 132 - r2 * (691 / 32760 - r2 / 12))))));
  return shift + portableLog(x) - 0.5 * r - series;
}
