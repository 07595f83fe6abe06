import type { Contingency } from './contingency';
import { pairwiseSum } from './pairwiseSum';
import { portableLog } from '../core/portableMath';

const EPS = 2.220446049250313e-16;

/**
 * @internal
 * Mutual information (nats) of a contingency table, term by term as scikit-learn 1.2 forms it: each cell's
 * p·(log nᵢⱼ − log n) + p·(log n + log n − log aᵢbⱼ), terms below machine epsilon set to 0, the sum (NumPy's
 * order) clipped at 0. Zero when either labelling has a single class.
 */
export function mutualInformation(c: Contingency): number {
  if (c.nRows === 1 || c.nCols === 1) return 0;
  const { n, rowSums, colSums, cellRow, cellCol, cellCount } = c;
  const logN = portableLog(n);
  const terms = new Float64Array(cellCount.length);
  for (let p = 0; p < cellCount.length; p++) {
    const count = cellCount[p]!;
    const share = count / n;
    const logOuter = -portableLog(rowSums[cellRow[p]!]! * colSums[cellCol[p]!]!) + logN + logN;
    const term = share * (portableLog(count) - logN) + share * logOuter;
    terms[p] = Math.abs(term) < EPS ? 0 : term;
  }
  return Math.max(pairwiseSum(terms), 0);
}
