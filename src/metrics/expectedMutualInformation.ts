import type { Contingency } from './contingency';
import { logFactorialTable } from '../core/logFactorial';
import { portableExp, portableLog } from '../core/portableMath';

/**
 * @internal
 * Expected mutual information of two random labellings with the margins of `c` (hypergeometric model; Vinh,
 * Epps and Bailey 2010), summed in the order and with the same log-space terms as scikit-learn 1.2's
 * `expected_mutual_information`:
 * Σᵢⱼ Σ_{nᵢⱼ} (nᵢⱼ/N) · log(N·nᵢⱼ / aᵢbⱼ) · exp(log aᵢ! + log bⱼ! + log (N−aᵢ)! + log (N−bⱼ)! − log N! − log nᵢⱼ!
 * − log (aᵢ−nᵢⱼ)! − log (bⱼ−nᵢⱼ)! − log (N−aᵢ−bⱼ+nᵢⱼ)!), over max(1, aᵢ+bⱼ−N) ≤ nᵢⱼ ≤ min(aᵢ, bⱼ).
 * Zero when either labelling has a single class.
 */
export function expectedMutualInformation(c: Contingency): number {
  const { nRows: R, nCols: C, n: N, rowSums: a, colSums: b } = c;
  if (R === 1 || C === 1) return 0;
  const lf = logFactorialTable(N);
  let maxMargin = 0;
  for (const v of a) maxMargin = Math.max(maxMargin, v);
  for (const v of b) maxMargin = Math.max(maxMargin, v);
  const logN = portableLog(N);
  const term1 = new Float64Array(maxMargin + 1);
  const logNnij = new Float64Array(maxMargin + 1);
  for (let nij = 1; nij <= maxMargin; nij++) {
    term1[nij] = nij / N;
    logNnij[nij] = logN + portableLog(nij);
  }
  const logA = a.map((v) => portableLog(v));
  const logB = b.map((v) => portableLog(v));
  const glnN = lf[N]!;
  let emi = 0;
  for (let i = 0; i < R; i++) {
    const ai = a[i]!;
    const glnAi = lf[ai]!;
    const glnNai = lf[N - ai]!;
    const logAi = logA[i]!;
    for (let j = 0; j < C; j++) {
      const bj = b[j]!;
      const fixed = glnAi + lf[bj]! + glnNai + lf[N - bj]!;
      const logBj = logB[j]!;
      const end = Math.min(ai, bj);
      for (let nij = Math.max(ai - N + bj, 1); nij <= end; nij++) {
        const term2 = logNnij[nij]! - logAi - logBj;
        const gln = fixed - glnN - lf[nij]! - lf[ai - nij]! - lf[bj - nij]! - lf[N - ai - bj + nij]!;
        emi += term1[nij]! * term2 * portableExp(gln);
      }
    }
  }
  return emi;
}
