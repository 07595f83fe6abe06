import { logGamma } from './logGamma';
import { portableLog } from './portableMath';

// log(m!) for integers m ≥ 0, to within an ulp or two: exact products below 171 (where m! is still a finite
// double, rounded once per factor), log Γ(m + 1) (Stirling's series of core/logGamma) above. Used by the expected
// mutual information, whose terms are differences of such values.
let smallTable: Float64Array | undefined;

function small(): Float64Array {
  if (smallTable === undefined) {
    smallTable = new Float64Array(171);
    let factorial = 1;
    for (let m = 1; m <= 170; m++) {
      factorial *= m;
      smallTable[m] = portableLog(factorial);
    }
  }
  return smallTable;
}

/** @internal log(m!) = lgamma(m + 1) for an integer m ≥ 0. */
export function logFactorial(m: number): number {
  if (m <= 170) return small()[m]!;
  return logGamma(m + 1);
}

/** @internal log(m!) for every m in 0 … max, as a table. */
export function logFactorialTable(max: number): Float64Array {
  const table = new Float64Array(max + 1);
  const head = small();
  for (let m = 0; m <= max; m++) table[m] = m <= 170 ? head[m]! : logFactorial(m);
  return table;
}
