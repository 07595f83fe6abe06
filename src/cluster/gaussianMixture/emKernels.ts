import { addMatrixProduct } from '../../core/addMatrixProduct';
import { expSmallNegativeWith } from '../../core/portableMath';
import type { KernelSet } from '../../parallel/threadPool';

// The EM pass over blocks of rows, as a kernel of the thread pool. Rules for kernels (see parallel/threadPool.ts):
// they call only functions of this module (listed in EM_KERNELS) or the set's imports through their first
// argument, read no module constants (the constants they need arrive as arguments) and create no closures.
//
// Each block of EM_BLOCK_ROWS rows writes its own M-step sums to its slot of `partials`, and each row its
// largest weighted log-density and its sum of terms to `rowMax` / `rowSum`; the caller adds the blocks' sums in
// block order and the rows' log-likelihoods in row order. Those are the very additions of the one-thread pass
// that kept running sums over the blocks, so every thread count gives the same bits as it did.

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

/** @internal Covariance layouts of the EM kernel: Cholesky rows (full, tied), per feature (diag), per component. */
export const EM_TRIANGULAR = 0;
/** @internal See {@link EM_TRIANGULAR}. */
export const EM_DIAGONAL = 1;
/** @internal See {@link EM_TRIANGULAR}. */
export const EM_SPHERICAL = 2;

/** @internal What the EM kernel calls from other modules, passed to it as its first argument. */
export interface EmImports {
  readonly addMatrixProduct: typeof addMatrixProduct;
  readonly expSmallNegativeWith: typeof expSmallNegativeWith;
}

/**
 * @internal
 * Doubles in one block's slot of `partials`: Σ r per component, then Σ r·(x − μ) (k × d), then Σ r·(x − μ)(x − μ)ᵀ
 * (k × d × d, upper triangle written) for the triangular layout or its diagonal (k × d).
 */
export function emPartialStride(layout: number, k: number, d: number): number {
  return k * (1 + d + (layout === EM_TRIANGULAR ? d * d : d));
}

/**
 * @internal
 * The EM kernel: blocks [firstBlock, endBlock) of the rows, claimed `chunkBlocks` at a time from `claim[0]`.
 * For each block: the weighted log-densities (`layout`: {@link EM_TRIANGULAR} with `factors` = Uᵀ, one d × d
 * block per component or one shared when `blockStride` is 0, and `shiftedMeans` = μᵀU; {@link EM_DIAGONAL} /
 * {@link EM_SPHERICAL} with `factors` = 1/σ per component and feature / per component), the responsibilities
 * (terms below `cutoff` of the row's largest dropped; `rowMax[i]` and `rowSum[i]` written for the caller's
 * log-likelihood), then the M-step sums about the current means into the block's slot of `partials`
 * (`partialStride` doubles per block, counted from `firstBlock`).
 */
export function emBlocks(
  imports: EmImports,
  claim: Int32Array,
  firstBlock: number,
  endBlock: number,
  chunkBlocks: number,
  blockRows: number,
  cutoff: number,
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  layout: number,
  means: Float64Array,
  factors: Float64Array,
  blockStride: number,
  shiftedMeans: Float64Array,
  offsets: Float64Array,
  fractions: Float64Array,
  powers: Float64Array,
  rowMax: Float64Array,
  rowSum: Float64Array,
  partials: Float64Array,
  partialStride: number,
): number {
  const triangular = layout === 0;
  const logProb = new Float64Array(blockRows * k);
  const counts = new Int32Array(k);
  const listRows = new Int32Array(k * blockRows);
  const values = new Float64Array(k * blockRows);
  const inverses = new Float64Array(blockRows);
  const evenD = d + (d & 1);
  const centredT = new Float64Array(triangular ? evenD * blockRows : 0);
  const weightedT = new Float64Array(triangular ? evenD * blockRows : 0);
  const scatter = new Float64Array(triangular ? evenD * evenD : 0);
  const keptRowOffsets = new Int32Array(triangular ? 0 : blockRows);
  const keptResponsibilities = new Float64Array(triangular ? 0 : blockRows);
  for (let chunk = Atomics.add(claim, 0, 1); firstBlock + chunk * chunkBlocks < endBlock; chunk = Atomics.add(claim, 0, 1)) {
    const chunkStart = firstBlock + chunk * chunkBlocks;
    const chunkEnd = chunkStart + chunkBlocks < endBlock ? chunkStart + chunkBlocks : endBlock;
    for (let block = chunkStart; block < chunkEnd; block++) {
      const start = block * blockRows;
      const rows = n - start < blockRows ? n - start : blockRows;
      for (let c = 0; c < k; c++) {
        if (triangular) {
          triangularLogDensities(data, start * d, rows, d, k, c, factors, c * blockStride, shiftedMeans, offsets[c]!, logProb);
        } else {
          diagonalLogDensities(data, start * d, rows, d, k, c, means, factors, layout === 1, offsets[c]!, logProb);
        }
      }
      blockResponsibilities(
        imports,
        logProb,
        rows,
        k,
        blockRows,
        cutoff,
        fractions,
        powers,
        counts,
        listRows,
        values,
        inverses,
        rowMax,
        rowSum,
        start,
      );
      const slot = (block - firstBlock) * partialStride;
      partials.fill(0, slot, slot + partialStride);
      if (triangular) {
        triangularMoments(
          imports,
          data,
          start,
          d,
          k,
          means,
          counts,
          listRows,
          values,
          inverses,
          blockRows,
          centredT,
          weightedT,
          scatter,
          partials,
          slot,
        );
      } else {
        diagonalMoments(
          data,
          start,
          d,
          k,
          means,
          counts,
          listRows,
          values,
          inverses,
          blockRows,
          keptRowOffsets,
          keptResponsibilities,
          partials,
          slot,
        );
      }
    }
  }
  return 0;
}

/**
 * @internal
 * Turn a block's weighted log-densities (rows × k) into responsibilities, dropping those below `cutoff`
 * ({@link NEGLIGIBLE_LOG_RATIO}), and list them per component (component-major, `blockRows` slots each, in row
 * order): `counts[c]` entries, the block-local row of each in `listRows` and its term e^(log p − row max) in
 * `values`; the responsibility is `values[slot] * inverses[row]`, computed by the M-step as it gathers the
 * component's rows. Row i of the block (row `start + i` of the data) gets its largest log-density in
 * `rowMax` and its sum of terms in `rowSum`, from which the caller takes the log-likelihood (log-sum-exp).
 * Each row is scaled by its largest term, whose exponential is exactly 1; the others use
 * expSmallNegative, exact to 1 ulp on this range and the same on every engine. The one branch per term decides
 * both the cut-off and the list entry, so it is taken once.
 */
export function blockResponsibilities(
  imports: EmImports,
  logProb: Float64Array,
  rows: number,
  k: number,
  blockRows: number,
  cutoff: number,
  fractions: Float64Array,
  powers: Float64Array,
  counts: Int32Array,
  listRows: Int32Array,
  values: Float64Array,
  inverses: Float64Array,
  rowMax: Float64Array,
  rowSum: Float64Array,
  start: number,
): void {
  counts.fill(0);
  for (let i = 0; i < rows; i++) {
    const offset = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[offset + c]! > max) max = logProb[offset + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const delta = logProb[offset + c]! - max;
      if (delta < cutoff) continue;
      const e = imports.expSmallNegativeWith(delta, fractions, powers);
      sum += e;
      const slot = c * blockRows + counts[c]!;
      listRows[slot] = i;
      values[slot] = e;
      counts[c] = counts[c]! + 1;
    }
    rowMax[start + i] = max;
    rowSum[start + i] = sum;
    // a row owned by one component alone has sum exactly 1, and 1 / 1 = 1: already normalised
    inverses[i] = 1 / sum;
  }
}

/**
 * M-step sums of one block for full and tied covariances: for each component, the rows on its list are gathered
 * feature by feature as (x − μ) and r·(x − μ) (feature-major, even-sized), and their scatter is the
 * register-blocked product addMatrixProduct (the kernel of PCA's Gram matrix). Written to the block's slot.
 */
function triangularMoments(
  imports: EmImports,
  data: Float64Array,
  start: number,
  d: number,
  k: number,
  means: Float64Array,
  counts: Int32Array,
  listRows: Int32Array,
  values: Float64Array,
  inverses: Float64Array,
  blockRows: number,
  centredT: Float64Array,
  weightedT: Float64Array,
  scatter: Float64Array,
  partials: Float64Array,
  slot: number,
): void {
  const evenD = d + (d & 1);
  const firstBase = slot + k;
  const secondBase = firstBase + k * d;
  for (let c = 0; c < k; c++) {
    const meanOffset = c * d;
    const kept = counts[c]!;
    if (kept === 0) continue;
    const length = kept + (kept & 1);
    const list = c * blockRows;
    let total = 0;
    for (let j = 0; j < kept; j++) {
      const row = listRows[list + j]!;
      const r = values[list + j]! * inverses[row]!;
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
    partials[slot + c] = total;
    for (let t = 0; t < d; t++) {
      let sum = 0;
      for (let i = 0; i < kept; i++) sum += weightedT[t * length + i]!;
      partials[firstBase + meanOffset + t] = sum;
    }
    scatter.fill(0);
    imports.addMatrixProduct(weightedT, evenD, centredT, evenD, length, scatter, true);
    const target = secondBase + c * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) partials[target + a * d + b] = scatter[a * evenD + b]!;
    }
  }
}

/**
 * M-step sums of one block for diag and spherical covariances (per-feature second moments about the current
 * means): per component over the rows on its list, two features at a time with the sums in registers.
 */
function diagonalMoments(
  data: Float64Array,
  start: number,
  d: number,
  k: number,
  means: Float64Array,
  counts: Int32Array,
  listRows: Int32Array,
  values: Float64Array,
  inverses: Float64Array,
  blockRows: number,
  keptRowOffsets: Int32Array,
  keptResponsibilities: Float64Array,
  partials: Float64Array,
  slot: number,
): void {
  const firstBase = slot + k;
  const secondBase = firstBase + k * d;
  for (let c = 0; c < k; c++) {
    const kept = counts[c]!;
    if (kept === 0) continue;
    const list = c * blockRows;
    let total = 0;
    for (let j = 0; j < kept; j++) {
      const row = listRows[list + j]!;
      const r = values[list + j]! * inverses[row]!;
      keptRowOffsets[j] = (start + row) * d;
      keptResponsibilities[j] = r;
      total += r;
    }
    partials[slot + c] = total;
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
      partials[firstBase + meanOffset + t] = first0;
      partials[firstBase + meanOffset + t + 1] = first1;
      partials[secondBase + meanOffset + t] = second0;
      partials[secondBase + meanOffset + t + 1] = second1;
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
      partials[firstBase + meanOffset + t] = first;
      partials[secondBase + meanOffset + t] = second;
    }
  }
}

/**
 * Weighted log-densities of one component for a block's rows (full and tied: y = xᵀU − μᵀU, four rows at a
 * time so every coefficient of Uᵀ is loaded once for four independent accumulation chains),
 * written to column `c` of `logProb` (rows × k).
 */
function triangularLogDensities(
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

/**
 * Weighted log-densities of one component for a block's rows (diag and spherical, four rows at a time: each
 * mean and scale loaded once for four chains),
 * written to column `c` of `logProb` (rows × k).
 */
function diagonalLogDensities(
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

/** @internal The EM kernel set of the thread pool. */
export const EM_KERNELS: KernelSet = {
  id: 'gaussian-mixture-em',
  imports: { addMatrixProduct, expSmallNegativeWith },
  helpers: [blockResponsibilities, triangularMoments, diagonalMoments, triangularLogDensities, diagonalLogDensities],
  kernels: [emBlocks],
};
