import type { FitControls } from '../../core/abort';
import { throwIfAborted } from '../../core/abort';
import { columnVariances } from '../../core/columnVariances';
import { createRng, resolveSeed, type Seed } from '../../core/createRng';
import { isMatrix, toMatrix, type Matrix, type MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { toWeights } from '../../core/toWeights';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../../core/validateOptions';
import { kmeansPlusPlus, randomRows } from './kmeansPlusPlus';
import { createKMeansState } from './KMeansState';
import { runKMeans, type KMeansAlgorithm, type KMeansProgress } from './runKMeans';
import { KMeansModel, type KMeansFittedParams } from './KMeansModel';

/** Hyper-parameters of {@link KMeans} (scikit-learn's, camelCased). */
export interface KMeansParams {
  /** Number of clusters k (an integer from 1 to the number of rows). Required. */
  readonly nClusters: number;
  /**
   * How to choose the initial centroids. Default `'k-means++'` (greedy, 2 + ⌊ln k⌋ candidates per centre, as
   * scikit-learn); `'random'`: k distinct random rows; or the k × d starting centroids themselves.
   */
  readonly init?: 'k-means++' | 'random' | MatrixLike;
  /** Initialisations to run; the lowest inertia wins. Default 1 (10 for `'random'`); must be 1 with explicit centroids. */
  readonly nInit?: number;
  /** Maximum update steps per run. Default 300. */
  readonly maxIter?: number;
  /** Stop when the total squared centroid shift is ≤ tol × the mean per-feature variance of X. Default 1e-4. */
  readonly tol?: number;
  /**
   * Assignment strategy; all give identical results for the same initial centroids. `'lloyd'` computes every
   * distance; `'hamerly'` (one lower bound per row) and `'elkan'` (k lower bounds per row, more memory) skip
   * the distances the triangle inequality rules out. Default `'auto'`: Hamerly, except Elkan from about 100
   * clusters in 32 or more dimensions (when its n × k bounds fit in 512 MB); see the k-means guide.
   */
  readonly algorithm?: 'auto' | KMeansAlgorithm;
  /** Random seed for the initialisation. Default: drawn at random and reported as `model.seed`. */
  readonly seed?: Seed;
}

/** Execution options of {@link KMeans.fit} (not hyper-parameters; never serialised). */
export interface KMeansFitOptions extends FitControls<KMeansProgress> {
  /** Weight of each row (≥ 0, not all zero): centroids become weighted means. Default: all 1. */
  readonly sampleWeight?: ArrayLike<number>;
}

const PARAMS = ['nClusters', 'init', 'nInit', 'maxIter', 'tol', 'algorithm', 'seed'];
const FIT_OPTIONS = ['sampleWeight', 'onProgress', 'signal'];
const ELKAN_BOUNDS_LIMIT_BYTES = 512 * 2 ** 20;

/**
 * @internal
 * Which strategy 'auto' runs for data of this shape. Measured (bench/kmeans.bench.ts and the shapes in the
 * k-means guide): Hamerly is fastest up to k = 64 at every d tried; Elkan's per-centroid bounds pay off from
 * about k = 100 with d ≥ 32 (1.5× faster at 20 000 × 64, k = 128), when its n × k bounds fit in 512 MB.
 */
export function chooseKMeansAlgorithm(n: number, d: number, k: number): KMeansAlgorithm {
  if (k >= 96 && d >= 32 && n * k * 8 <= ELKAN_BOUNDS_LIMIT_BYTES) return 'elkan';
  return 'hamerly';
}

/**
 * k-means clustering (Lloyd's iteration with exact triangle-inequality accelerations). Results match
 * scikit-learn 1.2 `KMeans(algorithm='lloyd', n_init=1)` for the same initial centroids: same labels, same
 * number of iterations, centroids to rounding.
 *
 * Empty clusters: when a cluster loses all its rows, it is re-seeded deterministically with the row farthest
 * from its current centroid (the k-th empty cluster takes the k-th farthest row), as scikit-learn does.
 *
 * @example
 * const model = new KMeans({ nClusters: 2, seed: 42 }).fit([[1, 1], [1.5, 2], [8, 8], [9, 8.5]]);
 * model.nClusters; // => 2
 * model.inertia.toFixed(3); // => '1.875'
 */
export class KMeans {
  /** The hyper-parameters, as given. */
  readonly params: KMeansParams;

  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an invalid or unknown hyper-parameter.
   */
  constructor(params: KMeansParams) {
    assertKnownOptions('KMeans', params, PARAMS);
    requireInteger('KMeans', 'nClusters', params.nClusters, { min: 1 });
    if (params.nInit !== undefined) requireInteger('KMeans', 'nInit', params.nInit, { min: 1 });
    if (params.maxIter !== undefined) requireInteger('KMeans', 'maxIter', params.maxIter, { min: 1 });
    if (params.tol !== undefined) requireNumber('KMeans', 'tol', params.tol, { min: 0 });
    if (params.algorithm !== undefined) requireOneOf('KMeans', 'algorithm', params.algorithm, ['auto', 'lloyd', 'elkan', 'hamerly']);
    checkInitParam('KMeans', params);
    if (params.seed !== undefined) resolveSeed(params.seed);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Fit to the rows of `X` and return the immutable {@link KMeansModel}.
   *
   * @param X - one row per customer (n × d), finite numbers
   * @param options - `sampleWeight`, `onProgress` (after every update step), `signal` (abort)
   * @throws {@link SegmentkitError} `E_PARAM` (k > n, fewer distinct rows than k with k-means++, bad weights),
   *   `E_SHAPE` (initial centroids of the wrong shape), `E_NOT_FINITE`, `E_EMPTY`, `E_ABORTED`.
   * @example
   * const model = new KMeans({ nClusters: 2, init: [[0, 0], [10, 10]] }).fit([[0, 1], [1, 0], [9, 10], [10, 9]]);
   * model.centroids; // => [[0.5, 0.5], [9.5, 9.5]]
   */
  fit(X: MatrixLike, options: KMeansFitOptions = {}): KMeansModel {
    assertKnownOptions('KMeans.fit', options, FIT_OPTIONS);
    const { signal, onProgress } = options;
    throwIfAborted(signal, 'KMeans.fit');
    const m = toMatrix(X, 'KMeans.fit');
    const { rows: n, cols: d, data } = m;
    const k = this.params.nClusters;
    if (k > n) {
      throw new SegmentkitError('E_PARAM', `KMeans.fit: nClusters = ${k} but X has only ${n} rows; lower nClusters or pass more rows`);
    }
    const weights = toWeights(options.sampleWeight, n, 'KMeans.fit');
    const init = this.params.init ?? 'k-means++';
    const explicit = typeof init === 'string' ? null : readInitialCentroids(init, k, d, 'KMeans.fit');
    const nInit = this.params.nInit ?? (init === 'random' ? 10 : 1);
    const maxIter = this.params.maxIter ?? 300;
    const tol = this.params.tol ?? 1e-4;
    const requested = this.params.algorithm ?? 'auto';
    const algorithm = requested === 'auto' ? chooseKMeansAlgorithm(n, d, k) : requested;
    const seed = resolveSeed(this.params.seed);
    const rng = createRng(seed);
    const tolerance = tol === 0 ? 0 : tol * meanVariance(m);

    let best: { state: ReturnType<typeof createKMeansState>; result: ReturnType<typeof runKMeans> } | undefined;
    for (let run = 0; run < nInit; run++) {
      throwIfAborted(signal, 'KMeans.fit');
      const start =
        explicit ?? (init === 'random' ? randomRows(data, n, d, k, rng) : kmeansPlusPlus(data, n, d, k, weights, rng, 'KMeans.fit'));
      const state = createKMeansState(data, n, d, start, k, weights);
      const result = runKMeans(state, algorithm, { maxIter, tolerance, run, nRuns: nInit, context: 'KMeans.fit', signal, onProgress });
      if (best === undefined || result.inertia < best.result.inertia) best = { state, result };
    }
    const { state, result } = best!;
    const params: KMeansFittedParams = {
      nClusters: k,
      init: explicit !== null ? 'explicit' : (init as 'k-means++' | 'random'),
      nInit,
      maxIter,
      tol,
      algorithm: requested,
    };
    return new KMeansModel({
      centers: Float64Array.from(state.centers),
      nClusters: k,
      nFeatures: d,
      labels: state.labels,
      inertia: result.inertia,
      nIter: result.nIter,
      converged: result.converged,
      seed,
      params,
      stats: {
        algorithm,
        distanceEvaluations: state.distanceEvaluations,
        lloydDistanceEvaluations: result.passes * n * k,
      },
    });
  }
}

/**
 * Fit k-means in one call: shorthand for `new KMeans(params).fit(X, options)`.
 *
 * @example
 * const model = kmeans([[0], [1], [10], [11]], { nClusters: 2, init: [[0], [10]] });
 * Array.from(model.labels); // => [0, 0, 1, 1]
 */
export function kmeans(X: MatrixLike, params: KMeansParams, options: KMeansFitOptions = {}): KMeansModel {
  return new KMeans(params).fit(X, options);
}

function meanVariance(m: Matrix): number {
  const variances = columnVariances(m);
  let total = 0;
  for (const v of variances) total += v;
  return total / variances.length;
}

/** @internal Validate explicit initial centroids: k rows of d finite numbers. */
export function readInitialCentroids(init: MatrixLike, k: number, d: number, context: string): Float64Array {
  const centers = toMatrix(init, context, { name: 'init' });
  if (centers.rows !== k) {
    throw new SegmentkitError('E_PARAM', `${context}: init has ${centers.rows} centroids but nClusters = ${k}`);
  }
  if (centers.cols !== d) {
    throw new SegmentkitError('E_SHAPE', `${context}: init has ${centers.cols} columns but X has ${d}`);
  }
  return Float64Array.from(centers.data);
}

/** @internal Validate the `init` hyper-parameter shape (not yet against data). */
export function checkInitParam(context: string, params: { init?: unknown; nInit?: number | undefined }): void {
  if (typeof params.init === 'string') requireOneOf(context, 'init', params.init, ['k-means++', 'random']);
  else if (params.init !== undefined && !Array.isArray(params.init) && !isMatrix(params.init)) {
    throw new SegmentkitError('E_PARAM', `${context}: init must be 'k-means++', 'random' or a k × d table of centroids`);
  }
  if (params.init !== undefined && typeof params.init !== 'string' && params.nInit !== undefined && params.nInit !== 1) {
    throw new SegmentkitError('E_PARAM', `${context}: nInit is ${params.nInit} but explicit initial centroids give only one start; drop nInit or use init: 'k-means++'`);
  }
}
