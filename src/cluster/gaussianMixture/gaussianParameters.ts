import { choleskyLower, invertLowerTransposed } from '../../core/cholesky';
import { SegmentkitError } from '../../core/SegmentkitError';
import type { CovarianceType } from './gaussianMixtureParams';
import { portableLog } from '../../core/portableMath';

/**
 * @internal
 * Mixture parameters in flat buffers. `covariances` / `precisionCholesky` layouts: full k·d·d, tied d·d,
 * diag k·d, spherical k. `precisionCholesky` is scikit-learn's `precisions_cholesky_` (upper triangular for
 * full and tied, precision = U Uᵀ); `precisionCholeskyT` holds its transpose (lower), the layout the E-step reads.
 */
export interface GaussianParameters {
  readonly type: CovarianceType;
  readonly k: number;
  readonly d: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array | null;
  readonly precisionCholesky: Float64Array;
  readonly precisionCholeskyT: Float64Array;
  /** log det of each component's precision Cholesky factor (Σ log diag). */
  readonly logDet: Float64Array;
}

/** @internal Sizes of the covariance buffer for a type. */
export function covarianceSize(type: CovarianceType, k: number, d: number): number {
  return type === 'full' ? k * d * d : type === 'tied' ? d * d : type === 'diag' ? k * d : k;
}

/** @internal Free parameters of a mixture (scikit-learn's `_n_parameters`). */
export function parameterCount(type: CovarianceType, k: number, d: number): number {
  const covariance = type === 'full' ? (k * d * (d + 1)) / 2 : type === 'diag' ? k * d : type === 'tied' ? (d * (d + 1)) / 2 : k;
  return covariance + k * d + k - 1;
}

const COLLAPSE_MESSAGE =
  'some components have an ill-defined covariance (a component collapsed onto a single point or a few identical rows); ' +
  'increase regCovar (for example to 1e-4), use fewer components, or deduplicate the rows';

/**
 * @internal
 * Precision Cholesky factors from covariances (scikit-learn's `_compute_precision_cholesky`): for full and tied,
 * L = chol(Σ), U = (L⁻¹)ᵀ; for diag and spherical, 1/√σ². Throws `E_CONVERGENCE` naming `regCovar` when a
 * covariance is not positive definite.
 */
export function precisionFromCovariance(
  type: CovarianceType,
  k: number,
  d: number,
  covariances: Float64Array,
  context: string,
): { precisionCholesky: Float64Array; precisionCholeskyT: Float64Array; logDet: Float64Array } {
  const size = covarianceSize(type, k, d);
  const precisionCholesky = new Float64Array(size);
  const precisionCholeskyT = new Float64Array(size);
  const logDet = new Float64Array(k);
  if (type === 'full' || type === 'tied') {
    const blocks = type === 'full' ? k : 1;
    const lower = new Float64Array(d * d);
    for (let c = 0; c < blocks; c++) {
      if (!choleskyLower(covariances, c * d * d, d, lower, 0))
        throw new SegmentkitError('E_CONVERGENCE', `${context}: ${COLLAPSE_MESSAGE}`);
      invertLowerTransposed(lower, 0, d, precisionCholesky, c * d * d);
    }
    transposeBlocks(precisionCholesky, precisionCholeskyT, blocks, d);
    for (let c = 0; c < k; c++) {
      const offset = type === 'full' ? c * d * d : 0;
      let sum = 0;
      for (let i = 0; i < d; i++) sum += portableLog(precisionCholesky[offset + i * d + i]!);
      logDet[c] = sum;
    }
    return { precisionCholesky, precisionCholeskyT, logDet };
  }
  for (let index = 0; index < size; index++) {
    const v = covariances[index]!;
    if (!(v > 0)) throw new SegmentkitError('E_CONVERGENCE', `${context}: ${COLLAPSE_MESSAGE}`);
    precisionCholesky[index] = 1 / Math.sqrt(v);
  }
  precisionCholeskyT.set(precisionCholesky);
  for (let c = 0; c < k; c++) {
    if (type === 'diag') {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += portableLog(precisionCholesky[c * d + j]!);
      logDet[c] = sum;
    } else logDet[c] = d * portableLog(precisionCholesky[c]!);
  }
  return { precisionCholesky, precisionCholeskyT, logDet };
}

/** @internal Transpose `blocks` consecutive d × d blocks. */
export function transposeBlocks(source: Float64Array, target: Float64Array, blocks: number, d: number): void {
  for (let b = 0; b < blocks; b++) {
    const offset = b * d * d;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) target[offset + j * d + i] = source[offset + i * d + j]!;
  }
}

/**
 * @internal
 * Log-determinant for a precision Cholesky given directly (precisionsInit path) and its transpose.
 */
export function precisionCholeskyParts(
  type: CovarianceType,
  k: number,
  d: number,
  precisionCholesky: Float64Array,
): { precisionCholeskyT: Float64Array; logDet: Float64Array } {
  const precisionCholeskyT = new Float64Array(precisionCholesky.length);
  const logDet = new Float64Array(k);
  if (type === 'full' || type === 'tied') {
    transposeBlocks(precisionCholesky, precisionCholeskyT, type === 'full' ? k : 1, d);
    for (let c = 0; c < k; c++) {
      const offset = type === 'full' ? c * d * d : 0;
      let sum = 0;
      for (let i = 0; i < d; i++) sum += portableLog(precisionCholesky[offset + i * d + i]!);
      logDet[c] = sum;
    }
  } else {
    precisionCholeskyT.set(precisionCholesky);
    for (let c = 0; c < k; c++) {
      if (type === 'diag') {
        let sum = 0;
        for (let j = 0; j < d; j++) sum += portableLog(precisionCholesky[c * d + j]!);
        logDet[c] = sum;
      } else logDet[c] = d * portableLog(precisionCholesky[c]!);
    }
  }
  return { precisionCholeskyT, logDet };
}

/**
 * @internal
 * The M-step (scikit-learn's `_estimate_gaussian_parameters`): component weights (unnormalised, nk + 10ε),
 * means, and covariances of each type with `regCovar` added to the diagonal, from responsibilities `resp`:
 * a dense n × k matrix, or `{ labels }` — one component per row with responsibility 1, as the k-means
 * initialisation gives — which reads only each row's own component and so needs no n × k matrix. Both
 * forms give the same bits for the same assignment.
 */
export function estimateGaussianParameters(
  data: Float64Array,
  n: number,
  d: number,
  resp: Float64Array | { readonly labels: Int32Array },
  k: number,
  type: CovarianceType,
  regCovar: number,
): { nk: Float64Array; means: Float64Array; covariances: Float64Array } {
  const dense = resp instanceof Float64Array ? resp : null;
  const labels = resp instanceof Float64Array ? null : resp.labels;
  const nk = new Float64Array(k);
  const sums = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    const respOffset = i * k;
    const from = labels === null ? 0 : labels[i]!;
    const to = labels === null ? k : from + 1;
    for (let c = from; c < to; c++) {
      const r = dense === null ? 1 : dense[respOffset + c]!;
      if (r === 0) continue;
      nk[c] = nk[c]! + r;
      const offset = c * d;
      for (let t = 0; t < d; t++) sums[offset + t] = sums[offset + t]! + r * data[rowOffset + t]!;
    }
  }
  for (let c = 0; c < k; c++) nk[c] = nk[c]! + 10 * Number.EPSILON;
  const means = new Float64Array(k * d);
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) means[c * d + t] = sums[c * d + t]! / nk[c]!;
  const covariances = new Float64Array(covarianceSize(type, k, d));
  if (type === 'full') {
    const diff = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const rowOffset = i * d;
      const from = labels === null ? 0 : labels[i]!;
      const to = labels === null ? k : from + 1;
      for (let c = from; c < to; c++) {
        const r = dense === null ? 1 : dense[i * k + c]!;
        if (r === 0) continue;
        const meanOffset = c * d;
        for (let t = 0; t < d; t++) diff[t] = data[rowOffset + t]! - means[meanOffset + t]!;
        const offset = c * d * d;
        for (let a = 0; a < d; a++) {
          const ra = r * diff[a]!;
          const rowStart = offset + a * d;
          for (let b = a; b < d; b++) covariances[rowStart + b] = covariances[rowStart + b]! + ra * diff[b]!;
        }
      }
    }
    for (let c = 0; c < k; c++) {
      const offset = c * d * d;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          const v = covariances[offset + a * d + b]! / nk[c]!;
          covariances[offset + a * d + b] = v;
          covariances[offset + b * d + a] = v;
        }
        covariances[offset + a * d + a] = covariances[offset + a * d + a]! + regCovar;
      }
    }
  } else if (type === 'tied') {
    // Σ = (XᵀX − Σ_c nk_c μ_c μ_cᵀ) / Σ nk + reg, as scikit-learn
    for (let i = 0; i < n; i++) {
      const rowOffset = i * d;
      for (let a = 0; a < d; a++) {
        const xa = data[rowOffset + a]!;
        for (let b = a; b < d; b++) covariances[a * d + b] = covariances[a * d + b]! + xa * data[rowOffset + b]!;
      }
    }
    let total = 0;
    for (let c = 0; c < k; c++) total += nk[c]!;
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        let meansTerm = 0;
        for (let c = 0; c < k; c++) meansTerm += nk[c]! * means[c * d + a]! * means[c * d + b]!;
        const v = (covariances[a * d + b]! - meansTerm) / total;
        covariances[a * d + b] = v;
        covariances[b * d + a] = v;
      }
      covariances[a * d + a] = covariances[a * d + a]! + regCovar;
    }
  } else {
    // diag: E[x²] − 2 μ E[x] + μ² per component and feature, as scikit-learn
    const squares = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      const rowOffset = i * d;
      const from = labels === null ? 0 : labels[i]!;
      const to = labels === null ? k : from + 1;
      for (let c = from; c < to; c++) {
        const r = dense === null ? 1 : dense[i * k + c]!;
        if (r === 0) continue;
        const offset = c * d;
        for (let t = 0; t < d; t++) {
          const x = data[rowOffset + t]!;
          squares[offset + t] = squares[offset + t]! + r * x * x;
        }
      }
    }
    const diagonal = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      for (let t = 0; t < d; t++) {
        const index = c * d + t;
        const mean = means[index]!;
        const averageSquare = squares[index]! / nk[c]!;
        const averageXMean = (mean * sums[index]!) / nk[c]!;
        diagonal[index] = averageSquare - 2 * averageXMean + mean * mean + regCovar;
      }
    }
    if (type === 'diag') covariances.set(diagonal);
    else {
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let t = 0; t < d; t++) sum += diagonal[c * d + t]!;
        covariances[c] = sum / d;
      }
    }
  }
  return { nk, means, covariances };
}
