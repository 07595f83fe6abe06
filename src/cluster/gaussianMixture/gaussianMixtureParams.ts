import type { Seed } from '../../core/createRng';
import { MAX_ITERATIONS, MAX_REPEATS } from '../../core/sizeLimits';
import type { MatrixLike } from '../../core/Matrix';
import { check, ParamKit, type Check } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';
import { describeValue } from '../../core/describeValue';
import type { CovarianceShape } from './GaussianMixtureModel';

/** Hyper-parameters of {@link GaussianMixture} (scikit-learn 1.2's, camelCased). */
export interface GaussianMixtureParams {
  /** Number of components. Default 1. */
  readonly nComponents?: number;
  /** `'full'` (default; each component its own covariance), `'tied'` (one shared), `'diag'` (axis-aligned), `'spherical'` (one variance each). */
  readonly covarianceType?: CovarianceType;
  /** Stop when the mean log-likelihood changes by less than this. Default 1e-3. */
  readonly tol?: number;
  /** Added to covariance diagonals so they stay positive definite. Default 1e-6. */
  readonly regCovar?: number;
  /** EM iteration cap. Default 100. */
  readonly maxIter?: number;
  /** Initialisations; the best final lower bound wins. Default 1. */
  readonly nInit?: number;
  /** How to initialise responsibilities: `'kmeans'` (default), `'k-means++'`, `'random'`, `'random_from_data'`. */
  readonly initParams?: 'kmeans' | 'k-means++' | 'random' | 'random_from_data';
  /** Initial weights (k, summing to 1). */
  readonly weightsInit?: readonly number[];
  /** Initial means (k × d). */
  readonly meansInit?: MatrixLike;
  /** Initial precisions (inverse covariances) in the covariance type's shape. */
  readonly precisionsInit?: CovarianceShape;
  /** Random seed. Default: drawn and reported as `model.seed`. */
  readonly seed?: Seed;
}

type Defaults = 'nComponents' | 'covarianceType' | 'tol' | 'regCovar' | 'maxIter' | 'nInit' | 'initParams';

/** @internal The spec of {@link GaussianMixtureParams}. */
export const GAUSSIAN_MIXTURE_PARAMS: ParamKit<GaussianMixtureParams, Defaults> = /* @__PURE__ */ new ParamKit<
  GaussianMixtureParams,
  Defaults
>('GaussianMixture', () => ({
  nComponents: { doc: 'number of components', check: /* @__PURE__ */ check.integer({ min: 1 }), default: 1 },
  covarianceType: {
    doc: "covariance structure: 'full', 'tied', 'diag' or 'spherical'",
    check: /* @__PURE__ */ check.oneOf(['full', 'tied', 'diag', 'spherical']),
    default: 'full',
  },
  tol: {
    doc: 'stop when the mean log-likelihood changes by less than this',
    check: /* @__PURE__ */ check.number({ min: 0 }),
    default: 1e-3,
  },
  regCovar: {
    doc: 'added to covariance diagonals to keep them positive definite',
    check: /* @__PURE__ */ check.number({ min: 0 }),
    default: 1e-6,
  },
  maxIter: { doc: 'EM iteration cap', check: /* @__PURE__ */ check.integer({ min: 1, max: MAX_ITERATIONS }), default: 100 },
  nInit: {
    doc: 'initialisations; the best final lower bound wins',
    check: /* @__PURE__ */ check.integer({ min: 1, max: MAX_REPEATS }),
    default: 1,
  },
  initParams: {
    doc: "responsibility initialisation: 'kmeans', 'k-means++', 'random' or 'random_from_data'",
    check: /* @__PURE__ */ check.oneOf(['kmeans', 'k-means++', 'random', 'random_from_data']),
    default: 'kmeans',
  },
  weightsInit: { doc: 'initial weights (k, summing to 1)', check: finiteNumbers<readonly number[]>(1) },
  meansInit: { doc: 'initial means (k × d)', check: check.table },
  precisionsInit: { doc: "initial precisions in the covariance type's shape", check: finiteNumbers<CovarianceShape>(3) },
  seed: { doc: 'random seed', check: check.seed },
}));

/** Covariance structure of a {@link GaussianMixture}. */
export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';

/**
 * A check for nested arrays of finite numbers up to `depth` levels (a list, a table, a list of tables): the shape is
 * checked against the data in fit, a NaN or a string is refused at once.
 */
function finiteNumbers<T>(depth: number): Check<T> {
  const ok = (value: unknown, level: number): boolean =>
    typeof value === 'number'
      ? Number.isFinite(value) && level >= 1 && level <= depth
      : level < depth &&
        (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) &&
        Array.from(value as ArrayLike<unknown>).every((v) => ok(v, level + 1));
  return (value, context, name) => {
    if (typeof value === 'number' || !ok(value, 0)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: ${name} must be ${depth === 1 ? 'a list' : 'nested lists'} of finite numbers, got ${describeValue(value)}`,
      );
    }
    return value as T;
  };
}
