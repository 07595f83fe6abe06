import { addMatrixProduct } from '../../core/addMatrixProduct';
import { blockResponsibilities, createBlockResponsibilities, EM_BLOCK_ROWS } from './emBlock';
import type { EmMoments } from './emMoments';

/**
 * @internal
 * One EM pass for full and tied covariances, a block of rows at a time; returns the sum of the rows'
 * log-likelihoods and adds the M-step sums to `moments`.
 *
 * E-step: y = xᵀU − μᵀU (scikit-learn's arrangement; `lowerT` holds Uᵀ, lower triangular, one d × d block
 * per component or one shared block when `blockStride` is 0), four rows at a time so every coefficient of
 * Uᵀ is loaded once for four independent accumulation chains. M-step: for each component, the rows on its
 * list of non-negligible responsibilities are gathered feature by feature as (x − μ) and r·(x − μ), and
 * their scatter is the register-blocked product {@link addMatrixProduct} (the kernel of PCA's Gram matrix).
 * Centring on the current means keeps the covariances accurate far from the origin.
 */
export function triangularPass(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  means: Float64Array,
  lowerT: Float64Array,
  blockStride: number,
  offsets: Float64Array,
  moments: EmMoments,
): number {
  const { nk, firstMoment, secondMoment } = moments;
  const logProb = new Float64Array(EM_BLOCK_ROWS * k);
  const evenD = d + (d & 1);
  const centredT = new Float64Array(evenD * EM_BLOCK_ROWS);
  const weightedT = new Float64Array(evenD * EM_BLOCK_ROWS);
  const scatter = new Float64Array(evenD * evenD);
  const lists = createBlockResponsibilities(k);
  // μᵀU per component, so the E-step reads the rows as they are
  const shiftedMeans = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let s = 0; s <= j; s++) sum += lowerT[c * blockStride + j * d + s]! * means[c * d + s]!;
      shiftedMeans[c * d + j] = sum;
    }
  }
  let logLikelihood = 0;
  for (let start = 0; start < n; start += EM_BLOCK_ROWS) {
    const rows = Math.min(EM_BLOCK_ROWS, n - start);
    for (let c = 0; c < k; c++)
      blockLogDensities(data, start * d, rows, d, k, c, lowerT, c * blockStride, shiftedMeans, offsets[c]!, logProb);
    logLikelihood += blockResponsibilities(logProb, rows, k, lists);
    for (let c = 0; c < k; c++) {
      const meanOffset = c * d;
      const kept = lists.counts[c]!;
      if (kept === 0) continue;
      // feature-major gathers (one contiguous row of `length` values per feature), even-sized for addMatrixProduct
      const length = kept + (kept & 1);
      const list = c * EM_BLOCK_ROWS;
      let total = 0;
      for (let j = 0; j < kept; j++) {
        const row = lists.rows[list + j]!;
        const r = lists.values[list + j]! * lists.inverses[row]!;
        total += r;
        const rowOffset = (start + row) * d;
        for (let t = 0; t < d; t++) {
          const delta = data[rowOffset + t]! - means[meanOffset + t]!;
          centredT[t * length + j] = delta;
          weightedT[t * length + j] = r * delta;
        }
      }
      if (length > kept) {
        for (let t = 0; t < d; t++) {
          centredT[t * length + kept] = 0;
          weightedT[t * length + kept] = 0;
        }
      }
      if (evenD > d) {
        centredT.fill(0, d * length, evenD * length);
        weightedT.fill(0, d * length, evenD * length);
      }
      nk[c] = nk[c]! + total;
      for (let t = 0; t < d; t++) {
        let sum = 0;
        for (let i = 0; i < kept; i++) sum += weightedT[t * length + i]!;
        firstMoment[meanOffset + t] = firstMoment[meanOffset + t]! + sum;
      }
      scatter.fill(0);
      addMatrixProduct(weightedT, evenD, centredT, evenD, length, scatter, true);
      const target = c * d * d;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) secondMoment[target + a * d + b] = secondMoment[target + a * d + b]! + scatter[a * evenD + b]!;
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
  lowerT: Float64Array,
  block: number,
  shiftedMeans: Float64Array,
  offset: number,
  logProb: Float64Array,
): void {
  const shiftOffset = c * d;
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
    for (let j = 0; j < d; j++) {
      const rowU = block + j * d;
      const shift = shiftedMeans[shiftOffset + j]!;
      let y0 = -shift;
      let y1 = -shift;
      let y2 = -shift;
      let y3 = -shift;
      // two coefficients per step: the inner loop is short (j + 1 terms), so its overhead matters
      let s = 0;
      for (; s < j; s += 2) {
        const u = lowerT[rowU + s]!;
        const v = lowerT[rowU + s + 1]!;
        y0 += u * data[o0 + s]! + v * data[o0 + s + 1]!;
        y1 += u * data[o1 + s]! + v * data[o1 + s + 1]!;
        y2 += u * data[o2 + s]! + v * data[o2 + s + 1]!;
        y3 += u * data[o3 + s]! + v * data[o3 + s + 1]!;
      }
      if (s === j) {
        const u = lowerT[rowU + s]!;
        y0 += u * data[o0 + s]!;
        y1 += u * data[o1 + s]!;
        y2 += u * data[o2 + s]!;
        y3 += u * data[o3 + s]!;
      }
      q0 += y0 * y0;
      q1 += y1 * y1;
      q2 += y2 * y2;
      q3 += y3 * y3;
    }
    logProb[i * k + c] = offset - 0.5 * q0;
    logProb[(i + 1) * k + c] = offset - 0.5 * q1;
    logProb[(i + 2) * k + c] = offset - 0.5 * q2;
    logProb[(i + 3) * k + c] = offset - 0.5 * q3;
  }
  for (; i < rows; i++) {
    const o = rowBase + i * d;
    let q = 0;
    for (let j = 0; j < d; j++) {
      const rowU = block + j * d;
      let y = -shiftedMeans[shiftOffset + j]!;
      for (let s = 0; s <= j; s++) y += lowerT[rowU + s]! * data[o + s]!;
      q += y * y;
    }
    logProb[i * k + c] = offset - 0.5 * q;
  }
}
