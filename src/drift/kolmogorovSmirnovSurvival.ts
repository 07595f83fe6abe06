import { durbinMatrixCdf } from './durbinMatrix';
import { stirlingCorrection } from '../core/logGamma';
import { pelzGoodCdf } from './pelzGood';
import { pomeranzCdf } from './pomeranz';
import { smirnovSurvival } from './smirnov';
import { portableExp, portableLog, portablePow } from '../core/portableMath';

// P(Dₙ ≥ x) for the two-sided one-sample Kolmogorov–Smirnov statistic with n observations (scipy.stats.kstwo.sf,
// which ks_2samp evaluates at n = round(n₁n₂/(n₁+n₂)) for its asymptotic p-value). The method is chosen per
// region as Simard & L'Ecuyer (2011) and scipy 1.10 do:
// - x ≤ 1/(2n): 1; x ≥ 1: 0; 1/(2n) < x ≤ 1/n and x ≥ 1 − 1/n: Ruben–Gambino closed forms;
// - x ≥ 0.5: 2 × the one-sided exact (Smirnov) probability, as the two tails can no longer both be crossed;
// - n ≤ 140: Durbin matrix for n x² ≤ 0.754693, Pomeranz for n x² ≤ 4, else 2 × Smirnov;
// - n > 140: 0 for n x² ≥ 370, 2 × Smirnov for n x² ≥ 2.2, else 1 − CDF with the CDF from the Durbin matrix
//   (n ≤ 100 000 and n x^1.5 ≤ 1.4) or the Pelz–Good expansion.

const HALF_LOG_TWO_PI = 0.91893853320467274178;

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** @internal P(Dₙ ≥ x) for the two-sided one-sample KS statistic (scipy.stats.kstwo.sf(x, n)); NaN for n not a positive integer. */
export function kolmogorovSmirnovSurvival(n: number, x: number): number {
  if (!(n >= 1 && Number.isInteger(n)) || Number.isNaN(x)) return NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben–Gambino: P(Dₙ ≤ x) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      const base = 2 * t - 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * base;
    } else {
      cdf = portableExp(0.5 * portableLog(n) - n + HALF_LOG_TWO_PI + stirlingCorrection(n) + n * portableLog(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * portablePow(1 - x, n));
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - clip(durbinMatrixCdf(n, x)));
    if (nxSquared <= 4) return clip(1 - clip(pomeranzCdf(n, x)));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * portablePow(x, 1.5) <= 1.4 ? clip(durbinMatrixCdf(n, x)) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
