import { regularizedGammaQ } from './regularizedGamma';

/**
 * @internal
 * P(Z > z) for a standard normal Z (scipy.stats.norm.sf): ½ erfc(z/√2), with erfc(x) = Q(½, x²) for x ≥ 0,
 * so the upper tail keeps full relative accuracy far out (no 1 − Φ cancellation).
 */
export function normalSurvival(z: number): number {
  if (z !== z) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? tail : 1 - tail;
}
