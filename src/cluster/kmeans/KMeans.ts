import { Estimator } from '../../core/Estimator';
import type { FitControls } from '../../core/abort';
import { readFitControls, throwIfAborted } from '../../core/abort';
import { columnMomentsOf } from '../../core/columnMeans';
import { createSamplingRng, resolveSeed } from '../../core/createRng';
import { assertFiniteValues, type Matrix, type MatrixLike, toMatrixCheckingLater } from '../../core/Matrix';
import { assertKnownOptions } from '../../core/validateOptions';
import { largestMagnitude, rescaleExponent, scaleDown, scaleDownInto, scaleUp } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { sharedCopy, sharedCopyWithLargestMagnitude } from '../../parallel/rowBlocks';
import { createArenaState, kmeansArena, releaseArena } from './kmeansArena';
import { threadPool } from '../../parallel/threadPool';
import { resolveWorkers, type ParallelControls } from '../../parallel/workersOption';
import { toWeights } from '../../core/toWeights';
import { KMEANS_PARAMS, type KMeansParams } from './kmeansParams';
import { readInitialCentroids } from './readInitialCentroids';
import { kmeansPlusPlus, randomRows } from './kmeansPlusPlus';
import type { createKMeansState } from './KMeansState';
import { runKMeans } from './runKMeans';
import type { KMeansAlgorithm, KMeansProgress } from './kmeansParams';
import { KMeansModel, type KMeansFittedParams } from './KMeansModel';

/**
 * Execution options of {@link KMeans.fit} (not hyper-parameters; never serialised). `workers` spreads the
 * k-means++ seeding and the assignment passes over threads (default `'auto'`: every core from about 4 million row × centroid × feature
 * steps per pass); the model is bit-identical for every value.
 */
export interface KMeansFitOptions extends FitControls<KMeansProgress>, ParallelControls {
  /** Weight of each row (≥ 0, not all zero): centroids become weighted means. Default: all 1. */
  readonly sampleWeight?: ArrayLike<number>;
}

const FIT_OPTIONS = ['sampleWeight', 'onProgress', 'signal', 'workers'];
const ELKAN_BOUNDS_LIMIT_BYTES = 536_870_912; // 512 MiB

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
 * model.inertia.toFixed(3); // => '1.250'
 */
export class KMeans extends Estimator<KMeansParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an invalid or unknown hyper-parameter.
   */
  constructor(params: KMeansParams) {
    super(KMEANS_PARAMS, params);
  }

  /**
   * Fit to the rows of `X` and return the immutable {@link KMeansModel}.
   *
   * @param X - one row per customer (n × d), finite numbers
   * @param options - `sampleWeight`, `onProgress` (after every update step), `signal` (abort), `workers`
   * @throws {@link SegmentkitError} `E_PARAM` (k > n, fewer distinct rows than k with k-means++, bad weights),
   *   `E_SHAPE` (initial centroids of the wrong shape), `E_NOT_FINITE`, `E_EMPTY`, `E_ABORTED`.
   * @example
   * const model = new KMeans({ nClusters: 2, init: [[0, 0], [10, 10]] }).fit([[0, 1], [1, 0], [9, 10], [10, 9]]);
   * model.centroids; // => [[0.5, 0.5], [9.5, 9.5]]
   */
  fit(X: MatrixLike, options: KMeansFitOptions = {}): KMeansModel {
    const context = 'KMeans.fit';
    // startFit's steps, but for X's values: they are checked below, on the pass that copies them into the fit's
    // memory (one pass over X fewer)
    assertKnownOptions(context, options, FIT_OPTIONS);
    const { signal, onProgress: report } = readFitControls<KMeansProgress>(context, options);
    throwIfAborted(signal, context);
    const given = toMatrixCheckingLater(X, context, 'X');
    const { rows: n, cols: d } = given;
    const k = this.params.nClusters;
    if (k > n) {
      throw new SegmentkitError('E_PARAM', `KMeans.fit: nClusters = ${k} but X has only ${n} rows; lower nClusters or pass more rows`);
    }
    const weights = toWeights(options.sampleWeight, n, context);
    const { init, nInit, maxIter, tol, algorithm: requested } = KMEANS_PARAMS.resolve(this.params);
    const given0 = typeof init === 'string' ? null : readInitialCentroids(init, k, d, context);
    const pool = threadPool(resolveWorkers(options.workers, n * k * d, context));
    // X is copied once for every run, its largest magnitude found on the way: into the fit's WebAssembly memory
    // where the SIMD kernels run (the same bits as the scalar ones), else on threads into shared memory (a no-op
    // when it already lives there)
    const simd = kmeansArena(given.data, weights, n, d, k, pool?.size ?? 1);
    // X's values are checked here, not in startFit: on the SIMD path by the copy's magnitude (NaN or Infinity when
    // a value is not finite), saving a pass over X; the check then names the first such cell
    if (simd === null || !(simd.magnitude <= Number.MAX_VALUE)) assertFiniteValues(given, context, 'X');
    const copied =
      simd !== null
        ? { rows: simd.arena.rows, magnitude: simd.magnitude }
        : pool === null
          ? null
          : sharedCopyWithLargestMagnitude(given.data);
    // rows beyond 2^±400 are clustered rescaled by a power of two: the same steps exactly, without squared
    // distances that overflow (every distance would tie at Infinity) or underflow (denormal rows would all coincide)
    const largest = copied === null ? largestMagnitude(given.data) : copied.magnitude;
    const exponent = rescaleExponent(Math.max(largest, given0 === null ? 0 : largestMagnitude(given0)));
    // rescaled in place when the rows are our own shared copy (never the caller's array)
    const data =
      copied !== null && copied.rows !== given.data ? scaleDownInto(copied.rows, copied.rows, exponent) : scaleDown(given.data, exponent);
    const m: Matrix = exponent === 0 ? given : { data, rows: n, cols: d };
    const explicit = given0 === null ? null : scaleDown(given0, exponent);
    const onProgress =
      report === undefined || exponent === 0
        ? report
        : (event: KMeansProgress) => report({ ...event, centerShift: scaleUp(event.centerShift, 2 * exponent) });
    const algorithm = requested === 'auto' ? chooseKMeansAlgorithm(n, d, k) : requested;
    const seed = resolveSeed(this.params.seed);
    const rng = createSamplingRng(seed);
    const tolerance = tol === 0 ? 0 : tol * meanVariance(m);
    // (a no-op but when the caller's X already lived in shared memory and had to be rescaled); the weights are
    // shared too, since every pass reads them (a plain array would be copied to each worker on every call)
    const rows = sharedCopy(data, pool !== null);
    const rowWeights = simd?.arena.weights ?? (weights && sharedCopy(weights, pool !== null));

    let best: { state: ReturnType<typeof createKMeansState>; result: ReturnType<typeof runKMeans>; slot: number } | undefined;
    for (let run = 0; run < nInit; run++) {
      throwIfAborted(signal, context);
      const start =
        explicit ?? (init === 'random' ? randomRows(data, n, d, k, rng) : kmeansPlusPlus(rows, n, d, k, rowWeights, rng, context, pool));
      // the arena slot the best run so far does not hold
      const slot = best === undefined ? 0 : 1 - best.slot;
      const state = createArenaState(rows, n, d, start, k, rowWeights, pool, slot);
      const result = runKMeans(state, algorithm, { maxIter, tolerance, run, nRuns: nInit, context, signal, onProgress });
      if (best === undefined || result.inertia < best.result.inertia) best = { state, result, slot };
    }
    const { state, result } = best!;
    // the model keeps nothing of the arena (its centroids and labels are copies)
    if (simd !== null) releaseArena(simd.arena);
    const inertia = scaleUp(result.inertia, 2 * exponent);
    if (inertia === Infinity) {
      throw new SegmentkitError(
        'E_DOMAIN',
        'KMeans.fit: the inertia (sum of squared distances to the centroids) exceeds the largest double; rescale X (divide it by a power of ten) first',
      );
    }
    const params: KMeansFittedParams = {
      nClusters: k,
      init: typeof init === 'string' ? init : 'explicit',
      nInit,
      maxIter,
      tol,
      algorithm: requested,
    };
    return new KMeansModel({
      centers: Float64Array.from(state.centers, (v) => scaleUp(v, exponent)),
      nClusters: k,
      nFeatures: d,
      // a plain copy of shared labels: a model never holds memory other threads can write
      labels: pool === null && simd === null ? state.labels : Int32Array.from(state.labels),
      inertia,
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
  const variances = columnMomentsOf(m, 0).variances;
  let total = 0;
  for (const v of variances) total += v;
  return total / variances.length;
}
