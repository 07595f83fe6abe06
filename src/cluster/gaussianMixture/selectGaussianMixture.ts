import type { AbortSignalLike } from '../../core/abort';
import type { Seed } from '../../core/createRng';
import { toMatrix, type MatrixLike } from '../../core/Matrix';
import { readFitControls } from '../../core/abort';
import { describeValue } from '../../core/describeValue';
import { SegmentkitError } from '../../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireOneOf } from '../../core/validateOptions';
import { GaussianMixture } from './GaussianMixture';
import type { GaussianMixtureParams } from './gaussianMixtureParams';
import type { GaussianMixtureModel } from './GaussianMixtureModel';
import type { CovarianceType } from './gaussianMixtureParams';

/** Options for {@link selectGaussianMixture}. */
export interface SelectGaussianMixtureOptions {
  /** Component counts to try, `[min, max]` inclusive. Default `[1, 10]`. */
  readonly nComponents?: readonly [number, number];
  /** Covariance types to try. Default all four. */
  readonly covarianceTypes?: readonly CovarianceType[];
  /** `'bic'` (default) or `'aic'`; lower is better. */
  readonly criterion?: 'bic' | 'aic';
  /** Seed for every fit. Default 0. */
  readonly seed?: Seed;
  /** Other GaussianMixture hyper-parameters shared by every fit (tol, regCovar, maxIter, nInit, initParams). */
  readonly params?: Omit<GaussianMixtureParams, 'nComponents' | 'covarianceType' | 'seed' | 'weightsInit' | 'meansInit' | 'precisionsInit'>;
}

/** One fitted candidate of {@link selectGaussianMixture}. */
export interface GaussianMixtureCandidate {
  /** Components. */
  readonly nComponents: number;
  /** Covariance type. */
  readonly covarianceType: CovarianceType;
  /** BIC on the data. */
  readonly bic: number;
  /** AIC on the data. */
  readonly aic: number;
  /** Whether EM converged. */
  readonly converged: boolean;
  /** EM iterations. */
  readonly nIter: number;
  /** Final mean log-likelihood. */
  readonly lowerBound: number;
  /** Why the fit failed (e.g. a collapsed component), when it did; the criteria are then Infinity. */
  readonly error?: string;
}

/** The result of {@link selectGaussianMixture}. */
export interface GaussianMixtureSelection {
  /** Every candidate, in the order tried. */
  readonly candidates: GaussianMixtureCandidate[];
  /** The best candidate by the criterion. */
  readonly best: GaussianMixtureCandidate;
  /** The best model. */
  readonly model: GaussianMixtureModel;
  /** The criterion used. */
  readonly criterion: 'bic' | 'aic';
}

/**
 * Fit Gaussian mixtures over a grid of component counts and covariance types and pick the best by BIC (or
 * AIC), as mclust does for R users: a table of every fit and the winning model. A candidate whose fit fails
 * (a collapsed component) is kept in the table with its error and never chosen.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a bad grid, `E_CONVERGENCE` when every candidate fails.
 * @example
 * const { X } = makeBlobs({ nSamples: 300, centers: 2, seed: 3 });
 * const { best } = selectGaussianMixture(X, { nComponents: [1, 4], covarianceTypes: ['full'] });
 * best.nComponents; // => 2
 */
export function selectGaussianMixture(
  X: MatrixLike,
  options: SelectGaussianMixtureOptions = {},
  controls: { readonly signal?: AbortSignalLike } = {},
): GaussianMixtureSelection {
  const context = 'selectGaussianMixture';
  assertKnownOptions(context, options, ['nComponents', 'covarianceTypes', 'criterion', 'seed', 'params']);
  assertKnownOptions(`${context}: controls`, controls, ['signal']);
  const { signal } = readFitControls(context, controls);
  const m = toMatrix(X, context);
  const criterion = requireOneOf(context, 'criterion', options.criterion ?? 'bic', ['bic', 'aic']);
  const range: unknown = options.nComponents ?? [1, 10];
  if (!Array.isArray(range) || range.length !== 2) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: nComponents must be a range [from, to] of component counts, got ${describeValue(range)}`,
    );
  }
  const typesOption: unknown = options.covarianceTypes;
  if (typesOption !== undefined && !Array.isArray(typesOption)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: covarianceTypes must be a list of 'full', 'tied', 'diag', 'spherical', got ${describeValue(typesOption)}`,
    );
  }
  const extra: unknown = options.params;
  if (extra !== undefined && (typeof extra !== 'object' || extra === null || Array.isArray(extra))) {
    throw new SegmentkitError('E_PARAM', `${context}: params must be an object of GaussianMixture parameters, got ${describeValue(extra)}`);
  }
  const [from, to] = range as [number, number];
  requireInteger('selectGaussianMixture', 'nComponents[0]', from, { min: 1, max: m.rows });
  requireInteger('selectGaussianMixture', 'nComponents[1]', to, { min: from, max: m.rows });
  const counts = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const types = options.covarianceTypes ?? ['full', 'tied', 'diag', 'spherical'];
  if (types.length === 0) throw new SegmentkitError('E_PARAM', 'selectGaussianMixture: covarianceTypes is empty');
  types.forEach((t) => requireOneOf('selectGaussianMixture', 'covarianceTypes', t, ['full', 'tied', 'diag', 'spherical']));
  const candidates: GaussianMixtureCandidate[] = [];
  let bestModel: GaussianMixtureModel | undefined;
  let best: GaussianMixtureCandidate | undefined;
  for (const covarianceType of types) {
    for (const nComponents of counts) {
      let candidate: GaussianMixtureCandidate;
      let model: GaussianMixtureModel | undefined;
      try {
        model = new GaussianMixture({ ...options.params, nComponents, covarianceType, seed: options.seed ?? 0 }).fit(
          m,
          signal === undefined ? {} : { signal },
        );
        candidate = {
          nComponents,
          covarianceType,
          bic: model.bic(m),
          aic: model.aic(m),
          converged: model.converged,
          nIter: model.nIter,
          lowerBound: model.lowerBound,
        };
      } catch (err) {
        if ((err as { code?: string }).code !== 'E_CONVERGENCE') throw err;
        candidate = {
          nComponents,
          covarianceType,
          bic: Infinity,
          aic: Infinity,
          converged: false,
          nIter: 0,
          lowerBound: -Infinity,
          error: (err as Error).message,
        };
      }
      candidates.push(candidate);
      if (model !== undefined && (best === undefined || candidate[criterion] < best[criterion])) {
        best = candidate;
        bestModel = model;
      }
    }
  }
  if (best === undefined)
    throw new SegmentkitError('E_CONVERGENCE', 'selectGaussianMixture: every candidate failed; raise params.regCovar');
  return { candidates, best, model: bestModel!, criterion };
}
