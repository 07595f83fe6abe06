import { describeValue } from '../core/describeValue';
import { MAX_BUCKETS, MAX_REPEATS } from '../core/sizeLimits';
import type { Seed } from '../core/createRng';
import { check, ParamKit, type Check } from '../core/params';
import { SegmentkitError } from '../core/SegmentkitError';

/** Hyper-parameters of {@link PCA} (scikit-learn's, camelCased). */
export interface PCAParams {
  /**
   * How many components to keep: an integer from 1 to min(n, d), or a fraction in (0, 1) to keep the fewest
   * components whose explained-variance ratios sum to more than it (as scikit-learn). Default: min(n, d).
   */
  readonly nComponents?: number;
  /**
   * Divide each transformed column by the square root of its explained variance, so the components have unit
   * variance on the training data (useful before k-means when every direction should weigh the same). Default
   * `false`.
   */
  readonly whiten?: boolean;
  /**
   * `'full'`: exact (the same results as scikit-learn's `svd_solver='full'`); `'randomized'`: the randomised SVD
   * of Halko et al., approximate and seeded. Default `'auto'`: full, unless nComponents is an integer, the data
   * has more than 500 rows or columns, and the randomised solver needs under a third of the full solver's
   * arithmetic (in practice: many hundreds of columns and a handful of components); see the PCA guide.
   */
  readonly svdSolver?: 'auto' | 'full' | 'randomized';
  /** Randomized solver: extra sketch columns beyond nComponents. Default 10. */
  readonly nOversamples?: number;
  /** Randomized solver: power iterations. Default `'auto'`: 7 if nComponents < 0.1 · min(n, d), else 4 (as scikit-learn). */
  readonly nPowerIterations?: number | 'auto';
  /**
   * Randomized solver: how the power iterations are re-normalised. Default `'auto'`: none up to 2 iterations,
   * `'LU'` above (as scikit-learn); `'QR'` is the most stable and the slowest.
   */
  readonly powerIterationNormalizer?: PowerIterationNormalizer;
  /** Randomized solver only: seed of the Gaussian sketch. Default: drawn at random and reported as `model.seed`. */
  readonly seed?: Seed;
}

/** How a {@link PCAModel} was fitted: the hyper-parameters, with defaults filled in. */
export interface PCAFittedParams {
  /** nComponents as requested (a count or a fraction), or `null` for the default min(n, d). */
  readonly nComponents: number | null;
  /** Whether transform whitens. */
  readonly whiten: boolean;
  /** The solver requested. */
  readonly svdSolver: 'auto' | 'full' | 'randomized';
  /** Sketch oversampling of the randomized solver. */
  readonly nOversamples: number;
  /** Power iterations of the randomized solver, as requested. */
  readonly nPowerIterations: number | 'auto';
  /** Power-iteration normaliser of the randomized solver, as requested. */
  readonly powerIterationNormalizer: PowerIterationNormalizer;
}

/** @internal nComponents: an integer ≥ 1 (how many) or a fraction in (0, 1) (how much variance to keep). */
export const componentsCheck: Check<number> = (value, context, name) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (value >= 1 && !Number.isInteger(value))) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${name} must be an integer ≥ 1 (how many components) or a fraction in (0, 1) (how much variance to keep), got ${describeValue(value)}`,
    );
  }
  return value;
};

type Defaults = 'whiten' | 'svdSolver' | 'nOversamples' | 'nPowerIterations' | 'powerIterationNormalizer';

/** @internal The spec of {@link PCAParams}. */
export const PCA_PARAMS: ParamKit<PCAParams, Defaults> = /* @__PURE__ */ new ParamKit<PCAParams, Defaults>(
  'PCA',
  () => ({
    nComponents: { doc: 'components to keep: a count, or a fraction of variance in (0, 1) (default min(n, d))', check: componentsCheck },
    whiten: { doc: 'scale each component to unit variance', check: check.boolean, default: false },
    svdSolver: {
      doc: "'auto', 'full' (exact) or 'randomized' (approximate, seeded)",
      check: /* @__PURE__ */ check.oneOf(['auto', 'full', 'randomized']),
      default: 'auto',
    },
    nOversamples: {
      doc: 'randomized solver: extra sketch columns',
      check: /* @__PURE__ */ check.integer({ min: 0, max: MAX_BUCKETS }),
      default: 10,
    },
    nPowerIterations: {
      doc: "randomized solver: power iterations ('auto': 7 or 4)",
      check: /* @__PURE__ */ check.either(
        /* @__PURE__ */ check.oneOf(['auto'] as const),
        /* @__PURE__ */ check.integer({ min: 0, max: MAX_REPEATS }),
      ),
      default: 'auto',
    },
    powerIterationNormalizer: {
      doc: "randomized solver: 'auto', 'QR', 'LU' or 'none'",
      check: /* @__PURE__ */ check.oneOf(['auto', 'QR', 'LU', 'none']),
      default: 'auto',
    },
    seed: { doc: 'randomized solver: seed of the Gaussian sketch', check: check.seed },
  }),
  (params, owner) => {
    if (params.svdSolver === 'randomized' && params.nComponents !== undefined && params.nComponents < 1) {
      throw new SegmentkitError(
        'E_PARAM',
        `${owner}: nComponents = ${params.nComponents} is a fraction of variance, which needs every component; use svdSolver 'full' (or 'auto'), or give a number of components`,
      );
    }
  },
);

/**
 * How the randomized solver re-normalises its power iterations (scikit-learn's `power_iteration_normalizer`):
 * `'LU'` (partial pivoting, cheap), `'QR'` (Householder, most stable), `'none'`, or `'auto'` (none up to 2
 * iterations, LU above).
 */
export type PowerIterationNormalizer = 'auto' | 'QR' | 'LU' | 'none';
