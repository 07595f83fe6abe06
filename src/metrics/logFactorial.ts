// log(m!) for integers m ≥ 0, to within an ulp or two: exact products below 171 (where m! is still a finite
// double, rounded once per factor), Stirling's series with four correction terms above (its truncation error is
// below 1e-20 there). Used by the expected mutual information, whose terms are differences of such values.

const HALF_LOG_TWO_PI = 0.9189385332046728;
let smallTable: Float64Array | undefined;

function small(): Float64Array {
  if (smallTable === undefined) {
    smallTable = new Float64Array(171);
    let factorial = 1;
    for (let m = 1; m <= 170; m++) {
      factorial *= m;
      smallTable[m] = Math.log(factorial);
    }
  }
  return smallTable;
}

/** @internal log(m!) = lgamma(m + 1) for an integer m ≥ 0. */
export function logFactorial(m: number): number {
  if (m <= 170) return small()[m]!;
  const x = m + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
}

/** @internal log(m!) for every m in 0 … max, as a table. */
export function logFactorialTable(max: number): Float64Array {
  const table = new Float64Array(max + 1);
  const head = small();
  for (let m = 0; m <= max; m++) table[m] = m <= 170 ? head[m]! : logFactorial(m);
  return table;
}
