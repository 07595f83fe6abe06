import type { Seed } from '../../core/createRng';
import { MAX_ITERATIONS, MAX_REPEATS } from '../../core/sizeLimits';
import { isMatrix, type MatrixLike } from '../../core/Matrix';
import { check, ParamKit, type Check } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';

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

/** Hyper-parameters of {@link MiniBatchKMeans} (scikit-learn 1.2's, camelCased). */
export interface MiniBatchKMeansParams {
  /** Number of clusters. Required. */
  readonly nClusters: number;
  /** `'k-means++'` (default), `'random'`, or the k × d starting centroids. */
  readonly init?: 'k-means++' | 'random' | MatrixLike;
  /** Initialisations tried, each on `initSize` random rows; the lowest inertia on a validation sample wins. Default 3 (1 with explicit centroids). */
  readonly nInit?: number;
  /** Maximum passes over the data (epochs) in `fit`. Default 100. */
  readonly maxIter?: number;
  /** Rows per mini-batch. Default 1024. */
  readonly batchSize?: number;
  /** Stop when the squared centroid change of a step is ≤ tol × the mean per-feature variance. Default 0 (off). */
  readonly tol?: number;
  /** Stop after this many steps without improvement of the smoothed batch inertia; 0 disables it. Default 10. */
  readonly maxNoImprovement?: number;
  /** Rows sampled for each initialisation. Default 3 × batchSize (at least 3 × nClusters). */
  readonly initSize?: number;
  /** Centres whose count falls below this share of the largest count jump to random batch rows. Default 0.01. */
  readonly reassignmentRatio?: number;
  /** Random seed (initialisation, batch sampling, reassignment). Default: drawn and reported as `model.seed`. */
  readonly seed?: Seed;
}

/** @internal `init`: a method name or a table of starting centroids (checked against the data in fit). */
export const initCheck: Check<'k-means++' | 'random' | MatrixLike> = (value, context, name) => {
  if (value === 'k-means++' || value === 'random') return value;
  if (typeof value === 'string') return check.oneOf(['k-means++', 'random'])(value, context, name);
  if (!Array.isArray(value) && !isMatrix(value))
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be 'k-means++', 'random' or a k × d table of centroids`);
  return check.table(value, context, name);
};

/** @internal Explicit centroids give one start: nInit cannot ask for more. */
export function checkExplicitInit(params: { readonly init?: unknown; readonly nInit?: number }, owner: string): void {
  if (params.init !== undefined && typeof params.init !== 'string' && params.nInit !== undefined && params.nInit !== 1) {
    throw new SegmentkitError(
      'E_PARAM',
      `${owner}: nInit is ${params.nInit} but explicit initial centroids give only one start; drop nInit or use init: 'k-means++'`,
    );
  }
}

/** @internal The fitted form of `init`: an explicit table is saved as `'explicit'`. */
export const fittedInitCheck: Check<'k-means++' | 'random' | 'explicit'> = /* @__PURE__ */ check.oneOf(['k-means++', 'random', 'explicit']);

type KMeansDefaults = 'init' | 'nInit' | 'maxIter' | 'tol' | 'algorithm';
/** @internal The spec of {@link KMeansParams}. */
export const KMEANS_PARAMS: ParamKit<KMeansParams, KMeansDefaults> = /* @__PURE__ */ new ParamKit<KMeansParams, KMeansDefaults>(
  'KMeans',
  () => ({
    nClusters: { doc: 'number of clusters k', check: /* @__PURE__ */ check.integer({ min: 1 }), required: true },
    init: { doc: "initial centroids: 'k-means++', 'random' or a k × d table", check: initCheck, default: 'k-means++' },
    nInit: {
      doc: 'initialisations to run; the lowest inertia wins',
      check: /* @__PURE__ */ check.integer({ min: 1, max: MAX_REPEATS }),
      default: (p) => (p.init === 'random' ? 10 : 1),
    },
    maxIter: { doc: 'maximum update steps per run', check: /* @__PURE__ */ check.integer({ min: 1, max: MAX_ITERATIONS }), default: 300 },
    tol: {
      doc: 'stop when the squared centroid shift is ≤ tol × the mean feature variance',
      check: /* @__PURE__ */ check.number({ min: 0 }),
      default: 1e-4,
    },
    algorithm: {
      doc: "assignment strategy: 'auto', 'lloyd', 'hamerly' or 'elkan'",
      check: /* @__PURE__ */ check.oneOf(['auto', 'lloyd', 'elkan', 'hamerly']),
      default: 'auto',
    },
    seed: { doc: 'random seed of the initialisation', check: check.seed },
  }),
  checkExplicitInit,
);

type MiniBatchDefaults = 'init' | 'nInit' | 'maxIter' | 'batchSize' | 'tol' | 'maxNoImprovement' | 'reassignmentRatio';
/** @internal The spec of {@link MiniBatchKMeansParams}. */
export const MINI_BATCH_KMEANS_PARAMS: ParamKit<MiniBatchKMeansParams, MiniBatchDefaults> = /* @__PURE__ */ new ParamKit<
  MiniBatchKMeansParams,
  MiniBatchDefaults
>(
  'MiniBatchKMeans',
  () => ({
    nClusters: { doc: 'number of clusters k', check: /* @__PURE__ */ check.integer({ min: 1 }), required: true },
    init: { doc: "initial centroids: 'k-means++', 'random' or a k × d table", check: initCheck, default: 'k-means++' },
    nInit: {
      doc: 'initialisations tried on initSize rows each',
      check: /* @__PURE__ */ check.integer({ min: 1, max: MAX_REPEATS }),
      default: (p) => (p.init !== undefined && typeof p.init !== 'string' ? 1 : 3),
    },
    maxIter: {
      doc: 'maximum passes over the data in fit',
      check: /* @__PURE__ */ check.integer({ min: 1, max: MAX_ITERATIONS }),
      default: 100,
    },
    batchSize: { doc: 'rows per mini-batch', check: /* @__PURE__ */ check.integer({ min: 1 }), default: 1024 },
    tol: {
      doc: 'stop when a step moves the centres by ≤ tol × the mean feature variance (0: off)',
      check: /* @__PURE__ */ check.number({ min: 0 }),
      default: 0,
    },
    maxNoImprovement: {
      doc: 'steps without improvement of the smoothed batch inertia before stopping (0: off)',
      check: /* @__PURE__ */ check.integer({ min: 0 }),
      default: 10,
    },
    initSize: {
      doc: 'rows sampled for each initialisation (default 3 × batchSize, at least 3 × nClusters)',
      check: /* @__PURE__ */ check.integer({ min: 1 }),
    },
    reassignmentRatio: {
      doc: 'centres below this share of the largest count jump to random rows',
      check: /* @__PURE__ */ check.number({ min: 0 }),
      default: 0.01,
    },
    seed: { doc: 'random seed of the initialisation, the batches and the reassignments', check: check.seed },
  }),
  checkExplicitInit,
);

/** The assignment strategies; all give identical labels and centroids for the same initial centroids. */
export type KMeansAlgorithm = 'lloyd' | 'elkan' | 'hamerly';

/** Progress reported after every k-means update step. */
export interface KMeansProgress {
  /** Which initialisation is running (0-based) … */
  readonly run: number;
  /** … out of how many (`nInit`). */
  readonly nRuns: number;
  /** Update steps done in this run (1-based). */
  readonly iteration: number;
  /** Rows whose label changed in this step's assignment. */
  readonly changed: number;
  /** Sum over centroids of the squared distance each moved. */
  readonly centerShift: number;
  /** Row–centroid distances computed so far in this run (Lloyd computes n × k per step). */
  readonly distanceEvaluations: number;
}
