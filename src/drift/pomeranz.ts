import { ldexp } from '../core/ldexp';

// P(Dₙ ≤ d) for the two-sided one-sample KS statistic by Pomeranz's recursion (1974), as organised by Simard &
// L'Ecuyer (2011) and scipy (_kolmogn_Pomeranz): 2n + 1 rows, each the convolution of a short window of the
// previous row with one of three truncated Poisson weight sequences; n! times the last entry is the answer.
// Rows are rescaled by 2¹²⁸ when they shrink below 2⁻¹²⁸. O(n² d) work: for moderate n.

const SCALE_EXPONENT = 128;
// 2^128 and 2^−128 as literals: module-level arithmetic on a name stays in every bundle, used or not
const SCALE_UP = 3.402823669209385e38;
const SCALE_DOWN = 2.938735877055719e-39;

/** The window [j1, j2] of non-zero entries in row i. */
function window(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** @internal P(Dₙ ≤ x) by Pomeranz's recursion (scipy.stats._ksstats._kolmogn_Pomeranz with cdf=True), unclipped. */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m!, ((1 − 2g)/n)^m/m!: Poisson weights without their normalising factor
  const gPower = new Float64Array(size);
  const twoGPower = new Float64Array(size);
  const oneMinusTwoGPower = new Float64Array(size);
  gPower[0] = 1;
  twoGPower[0] = 1;
  oneMinusTwoGPower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < size; m++) {
    gPower[m] = (gPower[m - 1]! * gOverN) / m;
    twoGPower[m] = (twoGPower[m - 1]! * twoGOverN) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * oneMinusTwoGOverN) / m;
  }

  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1, j2] = window(0, n, ll, ceilF, roundF);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = window(i, n, ll, ceilF, roundF);
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 === 1 ? twoGPower : oneMinusTwoGPower;
    const width = j2 - k1 + 1;
    if (width > 0) {
      // entries conv[s], s = j1 − k1 … j2 − k1, of the full convolution of previous[k1 − start …] with weights
      const offset = k1 - previousStart;
      const available = Math.min(width, size - offset);
      const first = j1 - k1;
      const count = j2 - j1 + 1;
      let largest = 0;
      for (let c = 0; c < count; c++) {
        const s = first + c;
        let total = 0;
        const lo = Math.max(0, s - width + 1);
        const hi = Math.min(s, available - 1);
        for (let r = lo; r <= hi; r++) total += previous[offset + r]! * weights[s - r]!;
        current[c] = total;
        if (total > largest) largest = total;
      }
      if (largest > 0 && largest < SCALE_DOWN) {
        for (let c = 0; c < count; c++) current[c]! *= SCALE_UP;
        exponent -= SCALE_EXPONENT;
      }
      currentStart = previousStart + j1 - k1;
    }
  }
  let answer = current[n - currentStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return exponent === 0 ? answer : ldexp(answer, exponent);
}
