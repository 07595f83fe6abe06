// The exact null distribution of the two-sided two-sample Kolmogorov–Smirnov statistic, as scipy 1.10's
// ks_2samp(method='exact') computes it. A value of D is a multiple h / lcm(n₁, n₂); P(D ≥ h/lcm) is the share of
// the lattice paths from (0, 0) to (n₁, n₂) that touch the band |x/n₁ − y/n₂| ≥ h/lcm (Hodges 1958):
// - n₁ = n₂: the closed alternating sum 2 Σ (−1)^(k−1) C(2n, n − kh) / C(2n, n), by a Horner-like product
//   that avoids its cancellation;
// - otherwise: the "inside" recursion over a sliding window of one column of the path-count table, kept as
//   probabilities (Viehmann 2021) so that it neither overflows nor cancels.

/** @internal Round half to even, as numpy's round. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** @internal Greatest common divisor of two positive integers. */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** P(D_{n,n} ≥ h/n) (scipy's _compute_prob_outside_square). */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/** P(D_{m,n} ≥ h/lcm) for m ≠ n (scipy's _compute_outer_prob_inside_method). */
function probabilityOutsideBand(mIn: number, nIn: number, g: number, h: number): number {
  const m = Math.max(mIn, nIn);
  const n = Math.min(mIn, nIn);
  const mg = m / g;
  const ng = n / g;
  // A(x, y) as the probability that a path through (x, y) has left the band; only a window of one column kept
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const length = Math.min(2 * maxJ + 2, n + 1);
  const A = new Float64Array(length).fill(1);
  A.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (A[jj + minJ - lastMinJ]! * i + value * j) / (i + j);
      A[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) A.fill(1, maxJ - minJ, maxJ - minJ + (lastLength - currentLength));
  }
  return A[maxJ - minJ - 1]!;
}

/** @internal Outcome of {@link exactTwoSampleKs}. */
export interface ExactKsAttempt {
  /** False when the computed probability fell outside [0, 1] (rounding); scipy then switches to the asymptotic method. */
  readonly success: boolean;
  /** The statistic moved onto the lattice: h / lcm(n₁, n₂). */
  readonly statistic: number;
  /** P(D ≥ statistic) under the null hypothesis (meaningful when `success`). */
  readonly pValue: number;
}

/**
 * @internal
 * scipy 1.10's _attempt_exact_2kssamp for the two-sided alternative: round D onto the lattice h / lcm and compute
 * its exact upper tail probability.
 */
export function exactTwoSampleKs(n1: number, n2: number, d: number): ExactKsAttempt {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { success: true, statistic, pValue: 1 };
  const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
  return { success: p >= 0 && p <= 1, statistic, pValue: p };
}
