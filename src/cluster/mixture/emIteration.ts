import { covarianceSize, precisionFromCovariance, type GaussianParameters } from './gaussianParameters';

const LOG_2PI = Math.log(2 * Math.PI);

/** @internal The result of one fused EM iteration. */
export interface EmIterationResult {
  /** Mean log-likelihood of the rows under the parameters the E-step used (scikit-learn's lower bound). */
  readonly lowerBound: number;
  /** The parameters after the M-step. */
  readonly parameters: GaussianParameters;
}

/**
 * @internal
 * One EM iteration in a single pass over the rows. For each row: the differences to every current mean (kept
 * for the row), the weighted log-densities from the precision Cholesky factors, the responsibilities in log
 * space, and then — while the row is still in cache — the M-step sums about the current means:
 * Σ r, Σ r·(x − μ) and Σ r·(x − μ)(x − μ)ᵀ. The new mean is μ + δ with δ = Σ r(x − μ)/n_k and the new
 * covariance Σ r(x − μ)(x − μ)ᵀ/n_k − δδᵀ + regCovar·I: the same quantities as scikit-learn's two-pass M-step
 * (to rounding), accumulated around the current means, which keeps them accurate far from the origin.
 * No n × k responsibility matrix is stored.
 */
export function emIteration(data: Float64Array, n: number, current: GaussianParameters, regCovar: number, context: string): EmIterationResult {
  const { type, k, d, weights, logDet } = current;
  const triangular = type === 'full' || type === 'tied';
  const offsets = new Float64Array(k);
  for (let c = 0; c < k; c++) offsets[c] = -0.5 * d * LOG_2PI + logDet[c]! + Math.log(weights[c]!);
  const nk = new Float64Array(k);
  const firstMoment = new Float64Array(k * d);
  // full and tied: the upper triangle of each component's scatter; diag and spherical: its diagonal
  const secondMoment = new Float64Array(triangular ? k * d * d : k * d);
  // one small function per covariance family: V8 optimises each tight loop on its own far better than one
  // loop with the type tests inside
  const logLikelihood = triangular
    ? triangularPass(data, n, d, k, current.means, current.precisionCholeskyT, type === 'full' ? d * d : 0, offsets, nk, firstMoment, secondMoment)
    : diagonalPass(data, n, d, k, current.means, current.precisionCholeskyT, type === 'diag', offsets, nk, firstMoment, secondMoment);
  return { lowerBound: logLikelihood / n, parameters: finishMStep(current, nk, firstMoment, secondMoment, regCovar, context) };
}

/** Turn k log-densities into responsibilities in place (one exponential each); returns the row's log-likelihood. */
function responsibilities(logProb: Float64Array, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (logProb[c]! > max) max = logProb[c]!;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(logProb[c]! - max);
    logProb[c] = e;
    sum += e;
  }
  const inverse = 1 / sum;
  for (let c = 0; c < k; c++) logProb[c] = logProb[c]! * inverse;
  return max + Math.log(sum);
}

function triangularPass(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  means: Float64Array,
  factor: Float64Array,
  blockStride: number,
  offsets: Float64Array,
  nk: Float64Array,
  firstMoment: Float64Array,
  secondMoment: Float64Array,
): number {
  const diff = new Float64Array(k * d);
  const resp = new Float64Array(k);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    for (let c = 0; c < k; c++) {
      const meanOffset = c * d;
      for (let t = 0; t < d; t++) diff[meanOffset + t] = data[rowOffset + t]! - means[meanOffset + t]!;
    }
    // y = diffᵀU, two components at a time (independent accumulation chains)
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
          yA += factor[rowA + s]! * diff[diffA + s]!;
          yB += factor[rowB + s]! * diff[diffB + s]!;
        }
        squaredA += yA * yA;
        squaredB += yB * yB;
      }
      resp[c] = offsets[c]! - 0.5 * squaredA;
      resp[c + 1] = offsets[c + 1]! - 0.5 * squaredB;
    }
    if (c < k) {
      const block = c * blockStride;
      const diffOffset = c * d;
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const rowStart = block + j * d;
        let y = 0;
        for (let s = 0; s <= j; s++) y += factor[rowStart + s]! * diff[diffOffset + s]!;
        squared += y * y;
      }
      resp[c] = offsets[c]! - 0.5 * squared;
    }
    logLikelihood += responsibilities(resp, k);
    for (let m = 0; m < k; m++) {
      const r = resp[m]!;
      if (r === 0) continue;
      nk[m] = nk[m]! + r;
      const meanOffset = m * d;
      const block = m * d * d;
      for (let a = 0; a < d; a++) {
        const ra = r * diff[meanOffset + a]!;
        firstMoment[meanOffset + a] = firstMoment[meanOffset + a]! + ra;
        const rowStart = block + a * d;
        for (let b = a; b < d; b++) secondMoment[rowStart + b] = secondMoment[rowStart + b]! + ra * diff[meanOffset + b]!;
      }
    }
  }
  return logLikelihood;
}

function diagonalPass(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  means: Float64Array,
  factor: Float64Array,
  perFeature: boolean,
  offsets: Float64Array,
  nk: Float64Array,
  firstMoment: Float64Array,
  secondMoment: Float64Array,
): number {
  const diff = new Float64Array(k * d);
  const resp = new Float64Array(k);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    for (let c = 0; c < k; c++) {
      const offset = c * d;
      let squared = 0;
      for (let t = 0; t < d; t++) {
        const delta = data[rowOffset + t]! - means[offset + t]!;
        diff[offset + t] = delta;
        const y = perFeature ? delta * factor[offset + t]! : delta;
        squared += y * y;
      }
      resp[c] = offsets[c]! - 0.5 * (perFeature ? squared : squared * factor[c]! * factor[c]!);
    }
    logLikelihood += responsibilities(resp, k);
    for (let c = 0; c < k; c++) {
      const r = resp[c]!;
      if (r === 0) continue;
      nk[c] = nk[c]! + r;
      const offset = c * d;
      for (let t = 0; t < d; t++) {
        const ra = r * diff[offset + t]!;
        firstMoment[offset + t] = firstMoment[offset + t]! + ra;
        secondMoment[offset + t] = secondMoment[offset + t]! + ra * diff[offset + t]!;
      }
    }
  }
  return logLikelihood;
}

function finishMStep(
  current: GaussianParameters,
  nk: Float64Array,
  firstMoment: Float64Array,
  secondMoment: Float64Array,
  regCovar: number,
  context: string,
): GaussianParameters {
  const { type, k, d, means: oldMeans } = current;
  let total = 0;
  for (let c = 0; c < k; c++) {
    nk[c] = nk[c]! + 10 * Number.EPSILON;
    total += nk[c]!;
  }
  const weights = nk.map((v) => v / total);
  const shift = new Float64Array(k * d);
  const means = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < d; t++) {
      const index = c * d + t;
      shift[index] = firstMoment[index]! / nk[c]!;
      means[index] = oldMeans[index]! + shift[index]!;
    }
  }
  const covariances = new Float64Array(covarianceSize(type, k, d));
  if (type === 'full' || type === 'tied') {
    for (let c = 0; c < k; c++) {
      const block = c * d * d;
      const target = type === 'full' ? block : 0;
      // tied pools the within-component scatter of every component: Σ_c (S_c − n_c δ_c δ_cᵀ) / Σ n_c
      const scale = type === 'full' ? nk[c]! : total;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          const centred = secondMoment[block + a * d + b]! - nk[c]! * shift[c * d + a]! * shift[c * d + b]!;
          covariances[target + a * d + b] = covariances[target + a * d + b]! + centred / scale;
        }
      }
    }
    const blocks = type === 'full' ? k : 1;
    for (let b = 0; b < blocks; b++) {
      const o = b * d * d;
      for (let i = 0; i < d; i++) {
        covariances[o + i * d + i] = covariances[o + i * d + i]! + regCovar;
        for (let j = 0; j < i; j++) covariances[o + i * d + j] = covariances[o + j * d + i]!;
      }
    }
  } else {
    for (let c = 0; c < k; c++) {
      let sphere = 0;
      for (let t = 0; t < d; t++) {
        const index = c * d + t;
        const variance = secondMoment[index]! / nk[c]! - shift[index]! * shift[index]! + regCovar;
        if (type === 'diag') covariances[index] = variance;
        else sphere += variance;
      }
      if (type === 'spherical') covariances[c] = sphere / d;
    }
  }
  return { type, k, d, weights, means, covariances, ...precisionFromCovariance(type, k, d, covariances, context) };
}
