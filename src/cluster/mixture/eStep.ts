import type { GaussianParameters } from './gaussianParameters';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * @internal
 * Weighted log-densities log(w_c) + log N(x_i | μ_c, Σ_c) of every row under every component, written to
 * `out` (n × k), computed from the precision Cholesky factors: for full and tied, y = (x − μ)ᵀ U and
 * log N = −½(d log 2π + ‖y‖²) + log det U. No n × k × d temporaries.
 */
export function weightedLogProb(data: Float64Array, n: number, params: GaussianParameters, out: Float64Array): void {
  const { type, k, d, weights, means, precisionCholeskyT: lowerT, logDet } = params;
  const constant = d * LOG_2PI;
  const logWeights = Float64Array.from(weights, Math.log);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    for (let c = 0; c < k; c++) {
      const meanOffset = c * d;
      let squared = 0;
      if (type === 'full' || type === 'tied') {
        for (let t = 0; t < d; t++) diff[t] = data[rowOffset + t]! - means[meanOffset + t]!;
        const offset = type === 'full' ? c * d * d : 0;
        // y_j = Σ_{i ≤ j} diff_i U[i, j] = Σ_{i ≤ j} Uᵀ[j, i] diff_i: a contiguous row of the transposed factor
        for (let j = 0; j < d; j++) {
          const rowStart = offset + j * d;
          let y = 0;
          for (let s = 0; s <= j; s++) y += lowerT[rowStart + s]! * diff[s]!;
          squared += y * y;
        }
      } else if (type === 'diag') {
        const offset = c * d;
        for (let t = 0; t < d; t++) {
          const y = (data[rowOffset + t]! - means[meanOffset + t]!) * lowerT[offset + t]!;
          squared += y * y;
        }
      } else {
        const precision = lowerT[c]!;
        for (let t = 0; t < d; t++) {
          const y = (data[rowOffset + t]! - means[meanOffset + t]!) * precision;
          squared += y * y;
        }
      }
      out[i * k + c] = -0.5 * (constant + squared) + logDet[c]! + logWeights[c]!;
    }
  }
}

/**
 * @internal
 * Turn weighted log-densities (n × k, in place) into responsibilities exp(log p − logsumexp), with the
 * per-row log-likelihood (logsumexp) written to `rowLogLikelihood` when given. Returns their sum. Working in
 * log space keeps far-away rows from giving NaN or all-zero responsibilities.
 */
export function normalizeResponsibilities(logProb: Float64Array, n: number, k: number, rowLogLikelihood?: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[offset + c]! > max) max = logProb[offset + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logProb[offset + c]! - max);
    const norm = max + Math.log(sum);
    for (let c = 0; c < k; c++) logProb[offset + c] = Math.exp(logProb[offset + c]! - norm);
    if (rowLogLikelihood !== undefined) rowLogLikelihood[i] = norm;
    total += norm;
  }
  return total;
}
