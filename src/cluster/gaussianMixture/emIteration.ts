import { diagonalPass } from './diagonalPass';
import { covarianceSize, precisionFromCovariance, type GaussianParameters } from './gaussianParameters';
import { triangularPass } from './triangularPass';
import { portableLog } from '../../core/portableMath';

/** log(2π), the nearest double. */
const LOG_2PI = 1.8378770664093453;

/** @internal The result of one fused EM iteration. */
export interface EmIterationResult {
  /** Mean log-likelihood of the rows under the parameters the E-step used (scikit-learn's lower bound). */
  readonly lowerBound: number;
  /** The parameters after the M-step. */
  readonly parameters: GaussianParameters;
}

/**
 * @internal
 * One EM iteration in a single pass over the rows, a block at a time ({@link triangularPass} for full and
 * tied, {@link diagonalPass} for diag and spherical): the weighted log-densities from the precision Cholesky
 * factors, the responsibilities in log space, and then — while the block is still in cache — the M-step sums
 * about the current means: Σ r, Σ r·(x − μ) and Σ r·(x − μ)(x − μ)ᵀ. The new mean is μ + δ with
 * δ = Σ r(x − μ)/n_k and the new covariance Σ r(x − μ)(x − μ)ᵀ/n_k − δδᵀ + regCovar·I: the same quantities as
 * scikit-learn's two-pass M-step (to rounding), accumulated around the current means, which keeps them
 * accurate far from the origin. No n × k responsibility matrix is stored.
 */
export function emIteration(
  data: Float64Array,
  n: number,
  current: GaussianParameters,
  regCovar: number,
  context: string,
): EmIterationResult {
  const { type, k, d, weights, logDet } = current;
  const triangular = type === 'full' || type === 'tied';
  const offsets = new Float64Array(k);
  for (let c = 0; c < k; c++) offsets[c] = -0.5 * d * LOG_2PI + logDet[c]! + portableLog(weights[c]!);
  const nk = new Float64Array(k);
  const firstMoment = new Float64Array(k * d);
  // full and tied: the upper triangle of each component's scatter; diag and spherical: its diagonal
  const secondMoment = new Float64Array(triangular ? k * d * d : k * d);
  const moments = { nk, firstMoment, secondMoment };
  const logLikelihood = triangular
    ? triangularPass(data, n, d, k, current.means, current.precisionCholeskyT, type === 'full' ? d * d : 0, offsets, moments)
    : diagonalPass(data, n, d, k, current.means, current.precisionCholeskyT, type === 'diag', offsets, moments);
  return { lowerBound: logLikelihood / n, parameters: finishMStep(current, nk, firstMoment, secondMoment, regCovar, context) };
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
