/**
 * @internal
 * Rows per block in the EM pass: the log-densities of a block (rows × k) and its M-step gathers stay in the
 * first-level cache, and the M-step sums run over a block's rows with accumulators held in registers.
 */
export const EM_BLOCK_ROWS = 128;

/**
 * @internal
 * Inside EM, a responsibility below e^-40 of the row's largest one (≈ 4·10⁻¹⁸, under 2⁻⁵⁷) is set to 0
 * without taking its exponential: it is far below the rounding unit of the row's total (≥ 1 after scaling
 * by the largest term), so the log-likelihood is unchanged to the last bit or two, and its weight in any
 * M-step sum is below what double precision resolves next to the rows that own the component. Skipping it
 * saves the exponential and, for well-separated segments, most of the M-step work.
 * `predictProba` and `scoreSamples` do not use this cut-off.
 */
export const NEGLIGIBLE_LOG_RATIO = -40;

/**
 * @internal
 * Turn a block's weighted log-densities (rows × k, in place) into responsibilities, treating those below
 * {@link NEGLIGIBLE_LOG_RATIO} as 0; returns the sum of the rows' log-likelihoods (log-sum-exp).
 */
export function blockResponsibilities(logProb: Float64Array, rows: number, k: number): number {
  let logLikelihood = 0;
  for (let i = 0; i < rows; i++) {
    const offset = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[offset + c]! > max) max = logProb[offset + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const delta = logProb[offset + c]! - max;
      // e^0 = 1 exactly: the row's largest term needs no exponential
      const e = delta === 0 ? 1 : delta < NEGLIGIBLE_LOG_RATIO ? 0 : Math.exp(delta);
      logProb[offset + c] = e;
      sum += e;
    }
    // a row owned by one component alone (sum exactly 1) is already normalised, and log 1 = 0
    if (sum === 1) {
      logLikelihood += max;
      continue;
    }
    const inverse = 1 / sum;
    for (let c = 0; c < k; c++) logProb[offset + c] = logProb[offset + c]! * inverse;
    logLikelihood += max + Math.log(sum);
  }
  return logLikelihood;
}
