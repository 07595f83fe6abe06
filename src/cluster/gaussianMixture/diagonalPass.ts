import { blockResponsibilities, createBlockResponsibilities, EM_BLOCK_ROWS } from './emBlock';
import type { EmMoments } from './emMoments';

/**
 * @internal
 * One EM pass for diag and spherical covariances, a block of rows at a time; returns the sum of the rows'
 * log-likelihoods and adds the M-step sums to `moments` (per-feature second moments about the current means).
 * `factor` holds 1/σ per component and feature (diag, `perFeature`) or per component (spherical).
 * E-step four rows at a time (each mean and scale loaded once for four chains); M-step per component over
 * the rows on its list of non-negligible responsibilities, two features at a time with the sums in registers.
 */
export function diagonalPass(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  means: Float64Array,
  factor: Float64Array,
  perFeature: boolean,
  offsets: Float64Array,
  moments: EmMoments,
): number {
  const { nk, firstMoment, secondMoment } = moments;
  const logProb = new Float64Array(EM_BLOCK_ROWS * k);
  const keptRowOffsets = new Int32Array(EM_BLOCK_ROWS);
  const keptResponsibilities = new Float64Array(EM_BLOCK_ROWS);
  const lists = createBlockResponsibilities(k);
  let logLikelihood = 0;
  for (let start = 0; start < n; start += EM_BLOCK_ROWS) {
    const rows = Math.min(EM_BLOCK_ROWS, n - start);
    for (let c = 0; c < k; c++) blockLogDensities(data, start * d, rows, d, k, c, means, factor, perFeature, offsets[c]!, logProb);
    logLikelihood += blockResponsibilities(logProb, rows, k, lists);
    for (let c = 0; c < k; c++) {
      const kept = lists.counts[c]!;
      if (kept === 0) continue;
      const list = c * EM_BLOCK_ROWS;
      let total = 0;
      for (let j = 0; j < kept; j++) {
        const row = lists.rows[list + j]!;
        const r = lists.values[list + j]! * lists.inverses[row]!;
        keptRowOffsets[j] = (start + row) * d;
        keptResponsibilities[j] = r;
        total += r;
      }
      nk[c] = nk[c]! + total;
      const meanOffset = c * d;
      let t = 0;
      for (; t + 1 < d; t += 2) {
        const mean0 = means[meanOffset + t]!;
        const mean1 = means[meanOffset + t + 1]!;
        let first0 = 0;
        let first1 = 0;
        let second0 = 0;
        let second1 = 0;
        for (let j = 0; j < kept; j++) {
          const o = keptRowOffsets[j]! + t;
          const r = keptResponsibilities[j]!;
          const delta0 = data[o]! - mean0;
          const delta1 = data[o + 1]! - mean1;
          const w0 = r * delta0;
          const w1 = r * delta1;
          first0 += w0;
          first1 += w1;
          second0 += w0 * delta0;
          second1 += w1 * delta1;
        }
        firstMoment[meanOffset + t] = firstMoment[meanOffset + t]! + first0;
        firstMoment[meanOffset + t + 1] = firstMoment[meanOffset + t + 1]! + first1;
        secondMoment[meanOffset + t] = secondMoment[meanOffset + t]! + second0;
        secondMoment[meanOffset + t + 1] = secondMoment[meanOffset + t + 1]! + second1;
      }
      if (t < d) {
        const mean = means[meanOffset + t]!;
        let first = 0;
        let second = 0;
        for (let j = 0; j < kept; j++) {
          const delta = data[keptRowOffsets[j]! + t]! - mean;
          const w = keptResponsibilities[j]! * delta;
          first += w;
          second += w * delta;
        }
        firstMoment[meanOffset + t] = firstMoment[meanOffset + t]! + first;
        secondMoment[meanOffset + t] = secondMoment[meanOffset + t]! + second;
      }
    }
  }
  return logLikelihood;
}

/** Weighted log-densities of one component for a block's rows, written to column `c` of `logProb` (rows × k). */
function blockLogDensities(
  data: Float64Array,
  rowBase: number,
  rows: number,
  d: number,
  k: number,
  c: number,
  means: Float64Array,
  factor: Float64Array,
  perFeature: boolean,
  offset: number,
  logProb: Float64Array,
): void {
  const meanOffset = c * d;
  // spherical: one scale for every feature, applied to the squared distance
  const sphereScale = perFeature ? 1 : factor[c]! * factor[c]!;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const o0 = rowBase + i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    for (let t = 0; t < d; t++) {
      const mean = means[meanOffset + t]!;
      const scale = perFeature ? factor[meanOffset + t]! : 1;
      const y0 = (data[o0 + t]! - mean) * scale;
      const y1 = (data[o1 + t]! - mean) * scale;
      const y2 = (data[o2 + t]! - mean) * scale;
      const y3 = (data[o3 + t]! - mean) * scale;
      q0 += y0 * y0;
      q1 += y1 * y1;
      q2 += y2 * y2;
      q3 += y3 * y3;
    }
    logProb[i * k + c] = offset - 0.5 * q0 * sphereScale;
    logProb[(i + 1) * k + c] = offset - 0.5 * q1 * sphereScale;
    logProb[(i + 2) * k + c] = offset - 0.5 * q2 * sphereScale;
    logProb[(i + 3) * k + c] = offset - 0.5 * q3 * sphereScale;
  }
  for (; i < rows; i++) {
    const o = rowBase + i * d;
    let q = 0;
    for (let t = 0; t < d; t++) {
      const y = (data[o + t]! - means[meanOffset + t]!) * (perFeature ? factor[meanOffset + t]! : 1);
      q += y * y;
    }
    logProb[i * k + c] = offset - 0.5 * q * sphereScale;
  }
}
