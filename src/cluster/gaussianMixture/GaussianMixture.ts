import { Estimator } from '../../core/Estimator';
import { throwIfAborted, type FitControls } from '../../core/abort';
import { createRng, resolveSeed, type Rng } from '../../core/createRng';
import { toMatrix, type MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { toVector } from '../../core/toVector';
import { GAUSSIAN_MIXTURE_PARAMS, type GaussianMixtureParams } from './gaussianMixtureParams';
import { KMeans } from '../kmeans/KMeans';
import { kmeansPlusPlus } from '../kmeans/kmeansPlusPlus';
import { createEmWorkspace, emIteration } from './emIteration';
import { threadPool } from '../../parallel/threadPool';
import { resolveWorkers, type ParallelControls, type WorkersOption } from '../../parallel/workersOption';
import { estimateGaussianParameters, precisionCholeskyParts, precisionFromCovariance, type GaussianParameters } from './gaussianParameters';
import type { CovarianceType } from './gaussianMixtureParams';
import { fromShape, GaussianMixtureModel, type GaussianMixtureFittedParams } from './GaussianMixtureModel';

/** Progress reported after every EM iteration. */
export interface GaussianMixtureProgress {
  /** Initialisation running (0-based) … */
  readonly run: number;
  /** … of `nInit`. */
  readonly nRuns: number;
  /** EM iteration (1-based). */
  readonly iteration: number;
  /** Mean log-likelihood after this iteration's E-step. */
  readonly lowerBound: number;
  /** Change since the previous iteration. */
  readonly change: number;
}

/**
 * Execution options of {@link GaussianMixture.fit} (not hyper-parameters; never serialised). `workers` spreads
 * each EM pass over threads (default `'auto'`: every core from about 4 million row × component × covariance
 * steps per pass); the model is bit-identical for every value.
 */
export interface GaussianMixtureFitOptions extends FitControls<GaussianMixtureProgress>, ParallelControls {}

const FIT_OPTIONS = ['onProgress', 'signal', 'workers'];

/**
 * Gaussian mixture model fitted by expectation–maximisation, as scikit-learn 1.2's `GaussianMixture`: soft
 * segments, where each customer belongs to each segment with a probability. Works with Cholesky factors of the
 * precisions and in log space, so near-singular covariances and far-away rows do not produce NaN.
 *
 * @example
 * const { X } = makeBlobs({ nSamples: 600, centers: 3, seed: 2 });
 * const gm = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(X);
 * gm.weights.length; // => 3
 */
export class GaussianMixture extends Estimator<GaussianMixtureParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an invalid or unknown hyper-parameter. */
  constructor(params: GaussianMixtureParams = {}) {
    super(GAUSSIAN_MIXTURE_PARAMS, params);
  }

  /**
   * Fit by EM.
   *
   * @param options - `onProgress` (after every iteration), `signal`, `workers` (threads for the EM passes and
   *   the k-means initialisation; the same model for every value)
   * @throws {@link SegmentkitError} `E_PARAM` (k > n, malformed initial values, `workers`), `E_CONVERGENCE` (a component
   *   collapsed: raise `regCovar`), `E_NOT_FINITE`, `E_EMPTY`, `E_SHAPE`, `E_ABORTED`.
   * @example
   * const gm = new GaussianMixture({ nComponents: 2, covarianceType: 'diag', seed: 0 }).fit([[0, 0], [0, 1], [9, 9], [9, 8]]);
   * gm.covarianceType; // => 'diag'
   * @example
   * // two threads, or one: the same bits
   * const { X } = makeBlobs({ nSamples: 3000, centers: 3, seed: 4 });
   * const two = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(X, { workers: 2 });
   * const one = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(X, { workers: 1 });
   * two.lowerBound === one.lowerBound; // => true
   */
  fit(X: MatrixLike, options: GaussianMixtureFitOptions = {}): GaussianMixtureModel {
    const { context, m, signal, onProgress } = this.startFit(X, options, { knownOptions: FIT_OPTIONS });
    const { rows: n, cols: d, data } = m;
    const p = GAUSSIAN_MIXTURE_PARAMS.resolve(this.params);
    const { nComponents: k, covarianceType: type, regCovar, tol, maxIter, nInit } = p;
    if (k > n) throw new SegmentkitError('E_PARAM', `${context}: nComponents = ${k} but X has only ${n} rows`);
    const seed = resolveSeed(p.seed);
    const rng = createRng(seed);
    const given = readInitialValues(p, k, d, type, context);
    const explicit = given.weights !== undefined && given.means !== undefined && given.precisionCholesky !== undefined;
    const steps = type === 'full' || type === 'tied' ? n * k * d * d : n * k * d;
    const workers = resolveWorkers(options.workers, steps, context);
    const workspace = createEmWorkspace(data, n, d, k, type, threadPool(workers));

    let best: { parameters: GaussianParameters; lowerBound: number; nIter: number } | undefined;
    let converged = false;
    for (let run = 0; run < nInit; run++) {
      throwIfAborted(signal, context);
      let parameters = explicit
        ? fromGiven(given, type, k, d)
        : initialize(workspace.data, n, d, k, type, regCovar, p.initParams, given, rng, options.workers, context);
      let lowerBound = -Infinity;
      let nIter = 0;
      for (let iteration = 1; iteration <= maxIter; iteration++) {
        throwIfAborted(signal, context);
        const previous = lowerBound;
        ({ lowerBound, parameters } = emIteration(workspace.data, n, parameters, regCovar, context, workspace));
        nIter = iteration;
        const change = lowerBound - previous;
        onProgress?.({ run, nRuns: nInit, iteration, lowerBound, change });
        if (Math.abs(change) < tol) {
          converged = true;
          break;
        }
      }
      if (best === undefined || lowerBound > best.lowerBound) best = { parameters, lowerBound, nIter };
    }
    return new GaussianMixtureModel(best!.parameters, {
      converged,
      nIter: best!.nIter,
      lowerBound: best!.lowerBound,
      seed,
      params: {
        nComponents: k,
        covarianceType: type,
        tol,
        regCovar,
        maxIter,
        nInit,
        initParams: explicit ? 'explicit' : p.initParams,
      } satisfies GaussianMixtureFittedParams,
    });
  }
}

interface GivenValues {
  weights?: Float64Array;
  means?: Float64Array;
  precisionCholesky?: Float64Array;
}

/** Validate weightsInit, meansInit and precisionsInit; turn precisions into their Cholesky factors (as scikit-learn). */
function readInitialValues(p: Readonly<GaussianMixtureParams>, k: number, d: number, type: CovarianceType, context: string): GivenValues {
  const given: GivenValues = {};
  if (p.weightsInit !== undefined) {
    const w = toVector(p.weightsInit, context, { name: 'weightsInit', length: k });
    if (w.some((v) => v < 0) || Math.abs(w.reduce((a, b) => a + b, 0) - 1) > 1e-6) {
      throw new SegmentkitError('E_PARAM', `${context}: weightsInit must be ${k} non-negative numbers summing to 1`);
    }
    given.weights = w;
  }
  if (p.meansInit !== undefined) {
    const means = toMatrix(p.meansInit, context, { name: 'meansInit' });
    if (means.rows !== k || means.cols !== d)
      throw new SegmentkitError('E_SHAPE', `${context}: meansInit is ${means.rows} × ${means.cols} but must be ${k} × ${d}`);
    given.means = Float64Array.from(means.data);
  }
  if (p.precisionsInit !== undefined) {
    const precisions = fromShape(type, k, d, p.precisionsInit, context, 'E_PARAM', 'precisionsInit');
    given.precisionCholesky = upperFactorOfPrecisions(type, k, d, precisions, context);
  }
  return given;
}

/**
 * The upper-triangular factor U with precision = U Uᵀ (and a positive diagonal), for each precision matrix.
 * It is unique, equal to (chol(Σ)⁻¹)ᵀ, the factor the M-step produces, and it gives the same log-densities as
 * the lower factor scikit-learn stores for `precisions_init` (both satisfy F Fᵀ = precision).
 */
function upperFactorOfPrecisions(type: CovarianceType, k: number, d: number, precisions: Float64Array, context: string): Float64Array {
  if (type === 'diag' || type === 'spherical') {
    if (precisions.some((v) => !(v > 0))) throw new SegmentkitError('E_PARAM', `${context}: precisionsInit must be positive`);
    return precisions.map(Math.sqrt);
  }
  const blocks = type === 'full' ? k : 1;
  const upper = new Float64Array(precisions.length);
  for (let b = 0; b < blocks; b++) {
    const o = b * d * d;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        if (Math.abs(precisions[o + i * d + j]! - precisions[o + j * d + i]!) > 1e-8 * Math.max(1, Math.abs(precisions[o + i * d + j]!))) {
          throw new SegmentkitError('E_PARAM', `${context}: precisionsInit must be symmetric`);
        }
      }
    }
    // Cholesky from the last row and column backwards gives the upper factor
    for (let j = d - 1; j >= 0; j--) {
      for (let i = j; i >= 0; i--) {
        let sum = precisions[o + i * d + j]!;
        for (let s = j + 1; s < d; s++) sum -= upper[o + i * d + s]! * upper[o + j * d + s]!;
        if (i === j) {
          if (!(sum > 0)) throw new SegmentkitError('E_PARAM', `${context}: precisionsInit must be positive definite`);
          upper[o + i * d + i] = Math.sqrt(sum);
        } else upper[o + i * d + j] = sum / upper[o + j * d + j]!;
      }
    }
  }
  return upper;
}

function fromGiven(given: GivenValues, type: CovarianceType, k: number, d: number): GaussianParameters {
  return withPrecisionFactor(type, k, d, given.weights!, given.means!, given.precisionCholesky!, null);
}

function withPrecisionFactor(
  type: CovarianceType,
  k: number,
  d: number,
  weights: Float64Array,
  means: Float64Array,
  upper: Float64Array,
  covariances: Float64Array | null,
): GaussianParameters {
  return { type, k, d, weights, means, covariances, precisionCholesky: upper, ...precisionCholeskyParts(type, k, d, upper) };
}

/** Initial parameters from initial responsibilities, with any given weights/means/precisions taking precedence. */
function initialize(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  type: CovarianceType,
  regCovar: number,
  method: 'kmeans' | 'k-means++' | 'random' | 'random_from_data',
  given: GivenValues,
  rng: Rng,
  workers: WorkersOption | undefined,
  context: string,
): GaussianParameters {
  let resp: Float64Array | { labels: Int32Array };
  if (method === 'kmeans') {
    resp = {
      labels: new KMeans({ nClusters: k, nInit: 1, seed: rng.nextSeed() }).fit(
        { data, rows: n, cols: d },
        workers === undefined ? {} : { workers },
      ).labels,
    };
  } else if (method === 'k-means++') {
    resp = new Float64Array(n * k);
    const centers = kmeansPlusPlus(data, n, d, k, null, rng, context);
    // scikit-learn marks the chosen rows only: find each centre's row
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        let same = true;
        for (let t = 0; t < d && same; t++) same = data[i * d + t] === centers[c * d + t];
        if (same) {
          resp[i * k + c] = 1;
          break;
        }
      }
    }
  } else if (method === 'random') {
    resp = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const u = rng.uniform();
        resp[i * k + c] = u;
        sum += u;
      }
      for (let c = 0; c < k; c++) resp[i * k + c] = resp[i * k + c]! / sum;
    }
  } else {
    const marked = new Float64Array(n * k);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(rng.integer(0, n));
    [...chosen].forEach((row, c) => (marked[row * k + c] = 1));
    resp = marked;
  }
  const estimated = estimateGaussianParameters(data, n, d, resp, k, type, regCovar);
  const weights = given.weights ?? estimated.nk.map((v) => v / n);
  const means = given.means ?? estimated.means;
  if (given.precisionCholesky !== undefined)
    return withPrecisionFactor(type, k, d, weights, means, given.precisionCholesky, estimated.covariances);
  return {
    type,
    k,
    d,
    weights,
    means,
    covariances: estimated.covariances,
    ...precisionFromCovariance(type, k, d, estimated.covariances, context),
  };
}
