import { portableExp, portablePow } from '../core/portableMath';
// The Pelz–Good (1976) asymptotic expansion of P(Dₙ ≤ x): Li-Chien/Korolyuk's series
// K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5 with z = x√n, each Kᵢ rewritten through the Jacobi theta
// functional equation into sums that converge fast for small z. Used by scipy for large n (kstwo, n > 140).

// π², π⁴, π⁶ and √(2π) as the nearest doubles (written out: the same bits on every engine, and no module-level
// computation for a bundler to keep)
const PI_SQUARED = 9.869604401089358;
const PI_FOUR = 97.40909103400242;
const PI_SIX = 961.3891935753043;
const SQRT_TWO_PI = 2.5066282746310002;
const SQRT3 = /* @__PURE__ */ Math.sqrt(3);
const MIN_LOG = -708;

/** @internal P(Dₙ ≤ x) by the Pelz–Good expansion (scipy.stats._ksstats._kolmogn_PelzGood with cdf=True). */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qLog = -PI_SQUARED / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  let q = portableExp(qLog);

  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * portablePow(z, 8);

  // Σ c_k q^((2k−1)²) over odd 2k − 1, by Horner in q^(8k)
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = portablePow(q, 8 * k);
    s0 = s0 * qPower + 1;
    s1 = s1 * qPower + (k1a + k1b * m2);
    s2 = s2 * qPower + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const factor = q * SQRT_TWO_PI;
  const k0 = (s0 * factor) / z; // Kolmogorov's limit; k1 … k3 are the finite-n corrections
  let k1 = (s1 * factor) / (6 * z4);
  let k2 = (s2 * factor) / (72 * portablePow(z, 7));
  let k3 = (s3 * factor) / (6480 * portablePow(z, 10));

  // the remaining sums over all integers k ≥ 1 (no cancellation to speak of)
  q = portableExp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let sum2 = 0;
  let sum3 = 0;
  for (let k = maxK; k > 0; k--) {
    const kSquared = k * k;
    const qPower = portablePow(q, kSquared);
    const kPi = Math.PI * k;
    sum2 += kSquared * qPower;
    sum3 += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower;
  }
  k2 += sum2 * ((PI_SQUARED * SQRT_TWO_PI) / (-36 * z3));
  k3 += sum3 * ((PI_SQUARED * SQRT_TWO_PI) / (216 * z6));
  const rootN = Math.sqrt(n);
  k1 /= rootN;
  k2 /= n;
  k3 /= n * rootN;
  return k0 + k1 + k2 + k3;
}
