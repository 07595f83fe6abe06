import type { GaussianParameters } from './gaussianParameters';
import { portableExp, portableLog } from '../../core/portableMath';

/** log(2π), the nearest double. */
const LOG_2PI = 1.8378770664093453;

/** @internal The constant part of each component's weighted log-density: −½ d log 2π + log det U_c + log w_c. */
export function componentOffsets(params: GaussianParameters): Float64Array {
  const { k, d, weights, logDet } = params;
  const offsets = new Float64Array(k);
  for (let c = 0; c < k; c++) offsets[c] = -0.5 * d * LOG_2PI + logDet[c]! + portableLog(weights[c]!);
  return offsets;
}

/**
 * @internal
 * Weighted log-densities log(w_c) + log N(x_i | μ_c, Σ_c) of every row under every component, written to
 * `out` (n × k), from the precision Cholesky factors: y = (x − μ)ᵀ U, log N = −½(d log 2π + ‖y‖²) + log det U.
 * One specialised loop per covariance type; no n × k × d temporaries.
 */
export function weightedLogProb(data: Float64Array, n: number, params: GaussianParameters, out: Float64Array): void {
  const { type, k, d } = params;
  const offsets = componentOffsets(params);
  if (type === 'full' || type === 'tied')
    triangularLogProb(data, n, d, k, params.means, params.precisionCholeskyT, type === 'full' ? d * d : 0, offsets, out);
  else diagonalLogProb(data, n, d, k, params.means, params.precisionCholeskyT, type === 'diag', offsets, out);
}

function triangularLogProb(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  means: Float64Array,
  lowerT: Float64Array,
  blockStride: number,
  offsets: Float64Array,
  out: Float64Array,
): void {
  // diffs of one row to every mean, then y_j = Σ_{s ≤ j} Uᵀ[j, s] diff_s for two components at a time: two
  // independent accumulation chains instead of one roughly halve the latency-bound inner loop
  const diff = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    for (let c = 0; c < k; c++) {
      const meanOffset = c * d;
      for (let t = 0; t < d; t++) diff[meanOffset + t] = data[rowOffset + t]! - means[meanOffset + t]!;
    }
    let c = 0;
    for (; c + 1 < k; c += 2) {
      const blockA = c * blockStride;
      const blockB = (c + 1) * blockStride;
      const diffA = c * d;
      const diffB = diffA + d;
      let squaredA = 0;
      let squaredB = 0;
      for (let j = 0; j < d; j++) {
        const rowA = blockA + j * d;
        const rowB = blockB + j * d;
        let yA = 0;
        let yB = 0;
        for (let s = 0; s <= j; s++) {
          yA += lowerT[rowA + s]! * diff[diffA + s]!;
          yB += lowerT[rowB + s]! * diff[diffB + s]!;
        }
        squaredA += yA * yA;
        squaredB += yB * yB;
      }
      out[i * k + c] = offsets[c]! - 0.5 * squaredA;
      out[i * k + c + 1] = offsets[c + 1]! - 0.5 * squaredB;
    }
    if (c < k) {
      const block = c * blockStride;
      const diffOffset = c * d;
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const rowStart = block + j * d;
        let y = 0;
        for (let s = 0; s <= j; s++) y += lowerT[rowStart + s]! * diff[diffOffset + s]!;
        squared += y * y;
      }
      out[i * k + c] = offsets[c]! - 0.5 * squared;
    }
  }
}

function diagonalLogProb(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  means: Float64Array,
  precision: Float64Array,
  perFeature: boolean,
  offsets: Float64Array,
  out: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    for (let c = 0; c < k; c++) {
      const meanOffset = c * d;
      let squared = 0;
      if (perFeature) {
        for (let t = 0; t < d; t++) {
          const y = (data[rowOffset + t]! - means[meanOffset + t]!) * precision[meanOffset + t]!;
          squared += y * y;
        }
      } else {
        for (let t = 0; t < d; t++) {
          const y = data[rowOffset + t]! - means[meanOffset + t]!;
          squared += y * y;
        }
        squared *= precision[c]! * precision[c]!;
      }
      out[i * k + c] = offsets[c]! - 0.5 * squared;
    }
  }
}

/**
 * @internal
 * Turn weighted log-densities (n × k, in place) into responsibilities exp(log p − logsumexp), with the
 * per-row log-likelihood (logsumexp) written to `rowLogLikelihood` when given. Returns their sum. Working in
 * log space keeps far-away rows from giving NaN or all-zero responsibilities; each exponential is taken once.
 */
export function normalizeResponsibilities(logProb: Float64Array, n: number, k: number, rowLogLikelihood?: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[offset + c]! > max) max = logProb[offset + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = portableExp(logProb[offset + c]! - max);
      logProb[offset + c] = e;
      sum += e;
    }
    const inverse = 1 / sum;
    for (let c = 0; c < k; c++) logProb[offset + c] = logProb[offset + c]! * inverse;
    const norm = max + portableLog(sum);
    if (rowLogLikelihood !== undefined) rowLogLikelihood[i] = norm;
    total += norm;
  }
  return total;
}
