import { covarianceSize, precisionFromCovariance, type GaussianParameters } from './gaussianParameters';
import { EM_BLOCK_ROWS, EM_DIAGONAL, EM_KERNELS, EM_SPHERICAL, EM_TRIANGULAR, emPartialStride, NEGLIGIBLE_LOG_RATIO } from './emKernels';
import { EXP_SMALL_NEGATIVE_TABLES, portableLog } from '../../core/portableMath';
import { callKernel, float64Buffer, int32Buffer, sharedCopy, threadCalls } from '../../parallel/rowBlocks';
import type { ThreadPool } from '../../parallel/threadPool';
import type { CovarianceType } from './gaussianMixtureParams';

/** log(2π), the nearest double. */
const LOG_2PI = 1.8378770664093453;

/** Blocks a thread claims at a time (2 048 rows): small enough to balance threads, large enough to be cheap. */
const CHUNK_BLOCKS = 16;

/** The most doubles of block sums kept at once (16 MiB): blocks beyond it are processed in further waves. */
const PARTIAL_BUDGET = 1 << 21;

/** @internal The result of one fused EM iteration. */
export interface EmIterationResult {
  /** Mean log-likelihood of the rows under the parameters the E-step used (scikit-learn's lower bound). */
  readonly lowerBound: number;
  /** The parameters after the M-step. */
  readonly parameters: GaussianParameters;
}

/**
 * @internal
 * The buffers of a fit's EM passes, made once and reused by every iteration: the data (in shared memory when
 * `pool` runs the passes on several threads), each row's largest log-density and sum of terms, and the block
 * sums of one wave of blocks.
 */
export interface EmWorkspace {
  readonly pool: ThreadPool | null;
  readonly data: Float64Array;
  readonly layout: number;
  readonly rowMax: Float64Array;
  readonly rowSum: Float64Array;
  readonly partials: Float64Array;
  readonly partialStride: number;
  readonly blocksPerWave: number;
  readonly claim: Int32Array;
}

/**
 * @internal
 * The workspace for EM passes over `data` (n × d) with k components of covariance `type`; at most
 * `partialBudget` doubles of block sums at once (a wave of blocks; the waves change no result).
 */
export function createEmWorkspace(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  type: CovarianceType,
  pool: ThreadPool | null,
  partialBudget: number = PARTIAL_BUDGET,
): EmWorkspace {
  const shared = pool !== null;
  const layout = type === 'full' || type === 'tied' ? EM_TRIANGULAR : type === 'diag' ? EM_DIAGONAL : EM_SPHERICAL;
  const partialStride = emPartialStride(layout, k, d);
  const blocks = Math.ceil(n / EM_BLOCK_ROWS);
  const budgetBlocks = Math.max(1, Math.floor(partialBudget / partialStride / CHUNK_BLOCKS)) * CHUNK_BLOCKS;
  const blocksPerWave = Math.min(blocks, budgetBlocks);
  return {
    pool,
    data: sharedCopy(data, shared),
    layout,
    rowMax: float64Buffer(n, shared),
    rowSum: float64Buffer(n, shared),
    partials: float64Buffer(blocksPerWave * partialStride, shared),
    partialStride,
    blocksPerWave,
    claim: int32Buffer(1, shared),
  };
}

/**
 * @internal
 * One EM iteration in a single pass over the rows, a block of {@link EM_BLOCK_ROWS} at a time (the kernel
 * `emBlocks`, on the threads of the workspace's pool): the weighted log-densities from the precision Cholesky
 * factors, the responsibilities in log space, and then — while the block is still in cache — the M-step sums
 * about the current means: Σ r, Σ r·(x − μ) and Σ r·(x − μ)(x − μ)ᵀ. The new mean is μ + δ with
 * δ = Σ r(x − μ)/n_k and the new covariance Σ r(x − μ)(x − μ)ᵀ/n_k − δδᵀ + regCovar·I: the same quantities as
 * scikit-learn's two-pass M-step (to rounding), accumulated around the current means, which keeps them
 * accurate far from the origin. No n × k responsibility matrix is stored. The blocks' sums are added in block
 * order and the rows' log-likelihoods in row order, so the result is the same for every number of threads.
 */
export function emIteration(
  data: Float64Array,
  n: number,
  current: GaussianParameters,
  regCovar: number,
  context: string,
  workspace: EmWorkspace = createEmWorkspace(data, n, current.d, current.k, current.type, null),
): EmIterationResult {
  const { type, k, d, weights, logDet, means } = current;
  const { pool, layout, rowMax, rowSum, partials, partialStride, blocksPerWave, claim } = workspace;
  const offsets = new Float64Array(k);
  for (let c = 0; c < k; c++) offsets[c] = -0.5 * d * LOG_2PI + logDet[c]! + portableLog(weights[c]!);
  const factors = current.precisionCholeskyT;
  const blockStride = type === 'full' ? d * d : 0;
  // μᵀU per component (full and tied), so the E-step reads the rows as they are
  const shiftedMeans = new Float64Array(layout === EM_TRIANGULAR ? k * d : 0);
  if (layout === EM_TRIANGULAR) {
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let s = 0; s <= j; s++) sum += factors[c * blockStride + j * d + s]! * means[c * d + s]!;
        shiftedMeans[c * d + j] = sum;
      }
    }
  }
  // [Σ r (k) | Σ r·(x − μ) (k × d) | second moments], the layout of one block's slot of `partials`
  const moments = new Float64Array(partialStride);
  const blocks = Math.ceil(n / EM_BLOCK_ROWS);
  const { fractions, powers } = EXP_SMALL_NEGATIVE_TABLES;
  let logLikelihood = 0;
  for (let firstBlock = 0; firstBlock < blocks; firstBlock += blocksPerWave) {
    const endBlock = Math.min(blocks, firstBlock + blocksPerWave);
    claim[0] = 0;
    const call = [
      claim,
      firstBlock,
      endBlock,
      CHUNK_BLOCKS,
      EM_BLOCK_ROWS,
      NEGLIGIBLE_LOG_RATIO,
      workspace.data,
      n,
      d,
      k,
      layout,
      means,
      factors,
      blockStride,
      shiftedMeans,
      offsets,
      fractions,
      powers,
      rowMax,
      rowSum,
      partials,
      partialStride,
    ];
    if (pool === null) callKernel(EM_KERNELS, 0, call);
    else pool.run(EM_KERNELS, 0, threadCalls(pool, call));
    for (let block = firstBlock; block < endBlock; block++) {
      const slot = (block - firstBlock) * partialStride;
      for (let j = 0; j < partialStride; j++) moments[j] = moments[j]! + partials[slot + j]!;
      // the block's log-likelihood, then the running total: the additions of the one-thread pass
      let blockTotal = 0;
      const rowEnd = Math.min(n, (block + 1) * EM_BLOCK_ROWS);
      for (let i = block * EM_BLOCK_ROWS; i < rowEnd; i++) {
        const sum = rowSum[i]!;
        blockTotal += sum === 1 ? rowMax[i]! : rowMax[i]! + portableLog(sum);
      }
      logLikelihood += blockTotal;
    }
  }
  const nk = moments.subarray(0, k);
  const firstMoment = moments.subarray(k, k + k * d);
  const secondMoment = moments.subarray(k + k * d);
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
