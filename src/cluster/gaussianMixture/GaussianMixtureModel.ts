import { createRng, resolveSeed, type Seed } from '../../core/createRng';
import { formatNumber, htmlSummary } from '../../core/display';
import { FittedModel } from '../../core/FittedModel';
import { check } from '../../core/params';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import {
  checkModel,
  readBoolean,
  readModelHeader,
  readNumber,
  readNumberArray,
  readNumberTable,
  readObject,
  readString,
} from '../../core/modelJson';
import { SegmentkitError } from '../../core/SegmentkitError';
import { MAX_CELLS, requireCells } from '../../core/sizeLimits';
import { assertKnownOptions, requireInteger } from '../../core/validateOptions';
import { componentOffsets, normalizeResponsibilities, weightedLogProb } from './eStep';
import { gaussianScoringSql, type GaussianMixtureSqlOptions } from '../../sql/scoringSql';
import type { SqlQuery } from '../../sql/sqlDialect';
import { covarianceSize, parameterCount, precisionCholeskyParts, type GaussianParameters } from './gaussianParameters';
import type { CovarianceType } from './gaussianMixtureParams';
import { GAUSSIAN_MIXTURE_PARAMS } from './gaussianMixtureParams';
import { portableLog } from '../../core/portableMath';

/** Covariances (or precisions) in their public shape: k×d×d (full), d×d (tied), k×d (diag), k (spherical). */
export type CovarianceShape = number[][][] | number[][] | number[];

/** Rows drawn by {@link GaussianMixtureModel.sample}. */
export interface GaussianMixtureSample {
  /** The rows, grouped by component. */
  readonly X: Matrix;
  /** The component each row was drawn from. */
  readonly labels: Int32Array;
}

/** The resolved hyper-parameters of a {@link GaussianMixtureModel}. */
export interface GaussianMixtureFittedParams {
  /** Number of components. */
  readonly nComponents: number;
  /** Covariance structure. */
  readonly covarianceType: CovarianceType;
  /** Convergence threshold on the change of the mean log-likelihood. */
  readonly tol: number;
  /** Added to the covariance diagonals. */
  readonly regCovar: number;
  /** EM iteration cap. */
  readonly maxIter: number;
  /** Initialisations run. */
  readonly nInit: number;
  /** How responsibilities were initialised (or `'explicit'` when weights, means and precisions were all given). */
  readonly initParams: 'kmeans' | 'k-means++' | 'random' | 'random_from_data' | 'explicit';
}

/** The JSON form of a {@link GaussianMixtureModel}. */
export interface GaussianMixtureModelJSON {
  /** Always `'GaussianMixtureModel'`. */
  readonly kind: 'GaussianMixtureModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: GaussianMixtureFittedParams;
  /** Component weights. */
  readonly weights: number[];
  /** Component means (k × d). */
  readonly means: number[][];
  /** Covariances in their public shape. */
  readonly covariances: CovarianceShape;
  /** Precision Cholesky factors in the same shape. */
  readonly precisionsCholesky: CovarianceShape;
  /** Whether EM converged. */
  readonly converged: boolean;
  /** EM iterations of the best run. */
  readonly nIter: number;
  /** Mean log-likelihood of the training rows at the last E-step of the best run. */
  readonly lowerBound: number;
  /** The seed used. */
  readonly seed: Seed;
}

const KIND = 'GaussianMixtureModel';
const FITTED_KEYS = ['nComponents', 'covarianceType', 'tol', 'regCovar', 'maxIter', 'nInit', 'initParams'];
// the fitted forms: explicit initial values are saved as initParams 'explicit'; maxIter 0 is kept loadable
const FITTED_CHECKS = {
  initParams: /* @__PURE__ */ check.oneOf(['kmeans', 'k-means++', 'random', 'random_from_data', 'explicit']),
  maxIter: /* @__PURE__ */ check.integer({ min: 0 }),
};

function toShape(type: CovarianceType, k: number, d: number, flat: Float64Array): CovarianceShape {
  if (type === 'spherical') return Array.from(flat);
  if (type === 'diag') return Array.from({ length: k }, (_, c) => Array.from(flat.subarray(c * d, (c + 1) * d)));
  const square = (offset: number): number[][] =>
    Array.from({ length: d }, (_, i) => Array.from(flat.subarray(offset + i * d, offset + (i + 1) * d)));
  return type === 'tied' ? square(0) : Array.from({ length: k }, (_, c) => square(c * d * d));
}

/** @internal Flatten a public-shape covariance (or precision) array, checking its shape. */
export function fromShape(
  type: CovarianceType,
  k: number,
  d: number,
  value: unknown,
  context: string,
  code: 'E_PARAM' | 'E_MODEL',
  name: string,
): Float64Array {
  const out = new Float64Array(covarianceSize(type, k, d));
  const fail = (): never => {
    throw new SegmentkitError(
      code,
      `${context}: ${name} must be ${type === 'full' ? `k × d × d (${k} × ${d} × ${d})` : type === 'tied' ? `d × d (${d} × ${d})` : type === 'diag' ? `k × d (${k} × ${d})` : `k (${k})`} finite numbers`,
    );
  };
  const finite = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail());
  if (type === 'spherical') {
    if (!Array.isArray(value) || value.length !== k) fail();
    (value as unknown[]).forEach((v, c) => (out[c] = finite(v)));
    return out;
  }
  const readSquare = (block: unknown, offset: number, rows: number): void => {
    if (!Array.isArray(block) || block.length !== rows) fail();
    (block as unknown[]).forEach((row, i) => {
      if (!Array.isArray(row) && !ArrayBuffer.isView(row)) fail();
      const r = row as ArrayLike<unknown>;
      if (r.length !== d) fail();
      for (let j = 0; j < d; j++) out[offset + i * d + j] = finite(r[j]);
    });
  };
  if (type === 'diag') readSquare(value, 0, k);
  else if (type === 'tied') readSquare(value, 0, d);
  else {
    if (!Array.isArray(value) || value.length !== k) fail();
    (value as unknown[]).forEach((block, c) => readSquare(block, c * d * d, d));
  }
  return out;
}

/** @internal The precision matrices (UUᵀ for full/tied, squares otherwise) in public shape. */
function precisionsOf(type: CovarianceType, k: number, d: number, chol: Float64Array): CovarianceShape {
  if (type === 'diag' || type === 'spherical')
    return toShape(
      type,
      k,
      d,
      chol.map((v) => v * v),
    );
  const blocks = type === 'full' ? k : 1;
  const out = new Float64Array(blocks * d * d);
  for (let b = 0; b < blocks; b++) {
    const o = b * d * d;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let s = Math.max(i, j); s < d; s++) sum += chol[o + i * d + s]! * chol[o + j * d + s]!;
        out[o + i * d + j] = sum;
      }
    }
  }
  return toShape(type, k, d, out);
}

/**
 * A fitted Gaussian mixture (immutable): soft segments. Every customer gets a probability per segment
 * (`predictProba`), and `uncertainty` says how borderline each one is.
 *
 * @example
 * const gm = new GaussianMixture({ nComponents: 2, seed: 1 }).fit([[0], [0.2], [0.1], [5], [5.2], [5.1]]);
 * gm.predict([[0.05], [5.05]]).length; // => 2
 */
export class GaussianMixtureModel extends FittedModel {
  /** Component weights (sum 1). */
  readonly weights: readonly number[];
  /** Component means (k × d). */
  readonly means: readonly (readonly number[])[];
  /** Covariances: k×d×d (full), d×d (tied), k×d (diag), k (spherical). */
  readonly covariances: CovarianceShape;
  /** Precisions (inverse covariances), same shapes. */
  readonly precisions: CovarianceShape;
  /** Cholesky factors of the precisions (scikit-learn's `precisions_cholesky_`), same shapes. */
  readonly precisionsCholesky: CovarianceShape;
  /** Whether EM converged (|Δ mean log-likelihood| < tol) in the best run. */
  readonly converged: boolean;
  /** EM iterations of the best run. */
  readonly nIter: number;
  /** Mean log-likelihood of the training rows at the last E-step of the best run. */
  readonly lowerBound: number;
  /** The seed used. */
  readonly seed: Seed;
  /** Resolved hyper-parameters. */
  readonly params: GaussianMixtureFittedParams;
  /** Number of components. */
  readonly nComponents: number;
  /** Covariance structure. */
  readonly covarianceType: CovarianceType;
  readonly #parameters: GaussianParameters;

  /** @internal Use {@link GaussianMixture.fit} or {@link GaussianMixtureModel.fromJSON}. */
  constructor(
    parameters: GaussianParameters,
    fields: { converged: boolean; nIter: number; lowerBound: number; seed: Seed; params: GaussianMixtureFittedParams },
  ) {
    const { type, k, d } = parameters;
    super(KIND, d);
    this.#parameters = parameters;
    this.weights = Object.freeze(Array.from(parameters.weights));
    this.means = Object.freeze(
      Array.from({ length: k }, (_, c) => Object.freeze(Array.from(parameters.means.subarray(c * d, (c + 1) * d)))),
    );
    this.covariances = toShape(type, k, d, parameters.covariances!);
    this.precisions = precisionsOf(type, k, d, parameters.precisionCholesky);
    this.precisionsCholesky = toShape(type, k, d, parameters.precisionCholesky);
    this.converged = fields.converged;
    this.nIter = fields.nIter;
    this.lowerBound = fields.lowerBound;
    this.seed = fields.seed;
    this.params = Object.freeze({ ...fields.params });
    this.nComponents = k;
    this.covarianceType = type;
    Object.freeze(this);
  }

  /** @internal */
  protected summaryLine(): string {
    return `GaussianMixtureModel { nComponents: ${this.nComponents}, covarianceType: ${this.covarianceType}, nFeatures: ${this.nFeatures}, lowerBound: ${formatNumber(this.lowerBound)}, nIter: ${this.nIter}, converged: ${this.converged}, weights: [${this.weights.map((w) => formatNumber(w, 3)).join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'GaussianMixtureModel',
      [
        ['nComponents', String(this.nComponents)],
        ['covarianceType', this.covarianceType],
        ['lowerBound', formatNumber(this.lowerBound)],
        ['nIter', String(this.nIter)],
        ['converged', String(this.converged)],
      ],
      {
        header: ['component', 'weight', ...Array.from({ length: Math.min(this.nFeatures, 8) }, (_, j) => `mean x${j}`)],
        rows: this.means.map((mean, c) => [String(c), formatNumber(this.weights[c]!, 3), ...mean.slice(0, 8).map((v) => formatNumber(v))]),
      },
    );
  }

  #responsibilities(X: MatrixLike, method: string): { resp: Float64Array; rowLogLikelihood: Float64Array; rows: number } {
    const m = this.rowsFor(X, method);
    const resp = new Float64Array(m.rows * this.nComponents);
    weightedLogProb(m.data, m.rows, this.#parameters, resp);
    const rowLogLikelihood = new Float64Array(m.rows);
    normalizeResponsibilities(resp, m.rows, this.nComponents, rowLogLikelihood);
    for (let i = 0; i < m.rows; i++) {
      const v = rowLogLikelihood[i]!;
      // a row so far from every component that each log-density overflows: no probability can be given for it
      if (v - v !== 0) throw farRows(`${this.kind}.${method}`, `row ${i}'s log-density is ${v}`);
    }
    return { resp, rowLogLikelihood, rows: m.rows };
  }

  /**
   * Probability of each component for each row (rows × k); rows sum to 1.
   *
   * @throws {@link SegmentkitError} `E_SHAPE`, `E_NOT_FINITE`.
   * @example
   * const gm = new GaussianMixture({ nComponents: 2, seed: 1 }).fit([[0], [0.2], [0.1], [5], [5.2], [5.1]]);
   * gm.predictProba([[0.1]]).cols; // => 2
   */
  predictProba(X: MatrixLike): Matrix {
    const { resp, rows } = this.#responsibilities(X, 'predictProba');
    return { data: resp, rows, cols: this.nComponents };
  }

  /**
   * The most probable component of each row.
   *
   * @example
   * const gm = new GaussianMixture({ nComponents: 2, seed: 1 }).fit([[0], [0.2], [0.1], [5], [5.2], [5.1]]);
   * const [a, b] = gm.predict([[0.1], [5.1]]);
   * a === b; // => false
   */
  predict(X: MatrixLike): Int32Array {
    const { resp, rows } = this.#responsibilities(X, 'predict');
    const k = this.nComponents;
    const labels = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (resp[i * k + c]! > resp[i * k + best]!) best = c;
      labels[i] = best;
    }
    return labels;
  }

  /**
   * A SQL query that gives every row of a warehouse table its most probable component, inside the database:
   * the weighted log-densities of {@link GaussianMixtureModel.predict} from the model's own precision Cholesky
   * factors, log-determinants and weights (precomputed, written as exact literals; every covariance type),
   * the largest winning with ties to the lowest index, and a NULL segment for a NULL (or non-finite) input.
   * Output columns: the `id` columns, `segment`, and with `probabilities: true` `probability_0…` (the rows of
   * {@link GaussianMixtureModel.predictProba}, through the engine's EXP). With `pipeline`, the fitted feature
   * steps run in SQL in front of the model.
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a bad option or identifier, `E_SHAPE` for a column count
   *   other than `nFeatures`.
   * @example
   * const gm = new GaussianMixture({ nComponents: 2, seed: 1 }).fit([[0], [0.2], [0.1], [5], [5.2], [5.1]]);
   * const { sql } = gm.toSql({ table: 'customers', columns: ['spend'], probabilities: true, dialect: 'postgres' });
   * sql.includes('"probability_1"'); // => true
   */
  toSql(options: GaussianMixtureSqlOptions): SqlQuery {
    const p = this.#parameters;
    return gaussianScoringSql(
      { type: p.type, k: p.k, d: p.d, means: p.means, precisionCholeskyT: p.precisionCholeskyT, offsets: componentOffsets(p) },
      options,
      `${this.kind}.toSql`,
    );
  }

  /**
   * 1 − the largest component probability of each row: 0 for a customer squarely in one segment, up to
   * 1 − 1/k for one torn between all. Flag borderline customers with a threshold such as 0.2.
   *
   * @example
   * const gm = new GaussianMixture({ nComponents: 2, seed: 1 }).fit([[0], [0.2], [0.1], [5], [5.2], [5.1]]);
   * gm.uncertainty([[0.1]])[0] < 0.01; // => true
   */
  uncertainty(X: MatrixLike): Float64Array {
    const { resp, rows } = this.#responsibilities(X, 'uncertainty');
    const k = this.nComponents;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let max = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, resp[i * k + c]!);
      out[i] = 1 - max;
    }
    return out;
  }

  /**
   * Log-likelihood of each row under the mixture.
   *
   * @example
   * const gm = new GaussianMixture({ nComponents: 1 }).fit([[0], [2]]);
   * gm.scoreSamples([[1]])[0].toFixed(4); // => '-0.9189'
   */
  scoreSamples(X: MatrixLike): Float64Array {
    return this.#responsibilities(X, 'scoreSamples').rowLogLikelihood;
  }

  /**
   * Mean log-likelihood of the rows (higher is better).
   *
   * @example
   * const gm = new GaussianMixture({ nComponents: 1 }).fit([[0], [2]]);
   * gm.score([[1]]).toFixed(4); // => '-0.9189'
   */
  score(X: MatrixLike): number {
    const samples = this.#responsibilities(X, 'score').rowLogLikelihood;
    let sum = 0;
    for (const v of samples) sum += v;
    if (sum === -Infinity) throw farRows(`${this.kind}.score`, 'the log-likelihoods sum past the largest double');
    return sum / samples.length;
  }

  /** Free parameters: covariance, mean and k − 1 weight parameters. */
  get nParameters(): number {
    return parameterCount(this.covarianceType, this.nComponents, this.nFeatures);
  }

  /**
   * Bayesian information criterion on X: −2 · score · n + p · ln n (lower is better).
   *
   * @example
   * const X = [[0], [0.2], [0.1], [5], [5.2], [5.1]];
   * new GaussianMixture({ nComponents: 2, seed: 1 }).fit(X).bic(X) < new GaussianMixture({ nComponents: 1 }).fit(X).bic(X); // => true
   */
  bic(X: MatrixLike): number {
    const m = this.rowsFor(X, 'bic');
    const bic = -2 * this.score(m) * m.rows + this.nParameters * portableLog(m.rows);
    if (bic === Infinity) throw farRows(`${this.kind}.bic`, 'the criterion exceeds the largest double');
    return bic;
  }

  /**
   * Akaike information criterion on X: −2 · score · n + 2p (lower is better).
   *
   * @example
   * const gm = new GaussianMixture({ nComponents: 1 }).fit([[0], [2]]);
   * gm.aic([[0], [2]]).toFixed(4); // => '9.6758'
   */
  aic(X: MatrixLike): number {
    const m = this.rowsFor(X, 'aic');
    const aic = -2 * this.score(m) * m.rows + 2 * this.nParameters;
    if (aic === Infinity) throw farRows(`${this.kind}.aic`, 'the criterion exceeds the largest double');
    return aic;
  }

  /**
   * Draw `n` rows from the mixture: component counts multinomial in the weights, rows grouped by component.
   *
   * @param options.seed - random seed (default: drawn)
   * @example
   * const gm = new GaussianMixture({ nComponents: 1 }).fit([[0], [2]]);
   * gm.sample(5, { seed: 1 }).X.rows; // => 5
   */
  sample(n: number, options: { seed?: Seed } = {}): GaussianMixtureSample {
    const context = 'GaussianMixtureModel.sample';
    assertKnownOptions(context, options, ['seed']);
    requireInteger(context, 'n', n, { min: 1, max: MAX_CELLS });
    const rng = createRng(resolveSeed(options.seed, context));
    const { type, k, d, weights, means, covariances } = this.#parameters;
    requireCells(context, 'the sample', n, d);
    const counts = new Array<number>(k).fill(0);
    for (let s = 0; s < n; s++) counts[rng.weightedIndex(weights)]! += 1;
    // a Cholesky factor of each covariance turns standard normals into draws
    const factors = covarianceFactors(type, k, d, covariances!);
    const data = new Float64Array(n * d);
    const labels = new Int32Array(n);
    const z = new Float64Array(d);
    let row = 0;
    for (let c = 0; c < k; c++) {
      for (let s = 0; s < counts[c]!; s++, row++) {
        labels[row] = c;
        for (let t = 0; t < d; t++) z[t] = rng.normal();
        for (let t = 0; t < d; t++) {
          let v = means[c * d + t]!;
          if (type === 'full' || type === 'tied') {
            const offset = type === 'full' ? c * d * d : 0;
            for (let s2 = 0; s2 <= t; s2++) v += factors[offset + t * d + s2]! * z[s2]!;
          } else v += factors[type === 'diag' ? c * d + t : c]! * z[t]!;
          data[row * d + t] = v;
        }
      }
    }
    return { X: { data, rows: n, cols: d }, labels };
  }

  /**
   * The model as plain JSON.
   *
   * @example
   * new GaussianMixture({ nComponents: 1 }).fit([[0], [2]]).toJSON().kind; // => 'GaussianMixtureModel'
   */
  toJSON(): GaussianMixtureModelJSON {
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      weights: [...this.weights],
      means: this.means.map((row) => [...row]),
      covariances: structuredCloneShape(this.covariances),
      precisionsCholesky: structuredCloneShape(this.precisionsCholesky),
      converged: this.converged,
      nIter: this.nIter,
      lowerBound: this.lowerBound,
      seed: this.seed,
    };
  }

  /**
   * Rebuild from {@link GaussianMixtureModel.toJSON} output, validating every field (shapes, positive
   * variances, a triangular precision factor with a positive diagonal, weights that sum to 1).
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * const gm = new GaussianMixture({ nComponents: 1 }).fit([[0], [2]]);
   * GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(gm))).means; // => [[1]]
   */
  static fromJSON(json: unknown): GaussianMixtureModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const params = readObject(object, 'params', context);
    const type = readString(params, 'covarianceType', context, ['full', 'tied', 'diag', 'spherical'] as const);
    const k = readNumber(params, 'nComponents', context, { min: 1, integer: true });
    const means = readNumberTable(object, 'means', context, k);
    const d = means[0]!.length;
    const weights = readNumberArray(object, 'weights', context, k);
    checkModel(
      weights.every((w) => w >= 0) && Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-9,
      context,
      'weights must be ≥ 0 and sum to 1',
    );
    const covariances = fromShape(type, k, d, object.covariances, context, 'E_MODEL', 'covariances');
    const precisionCholesky = fromShape(type, k, d, object.precisionsCholesky, context, 'E_MODEL', 'precisionsCholesky');
    checkCholesky(type, k, d, precisionCholesky, context, 'E_MODEL');
    checkCovariances(type, k, d, covariances, precisionCholesky, context);
    const fitted = GAUSSIAN_MIXTURE_PARAMS.readFitted<GaussianMixtureFittedParams>(params, context, FITTED_CHECKS, FITTED_KEYS);
    const seed = object.seed;
    checkModel(
      typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)),
      context,
      'seed must be a finite number or a string',
    );
    return new GaussianMixtureModel(
      {
        type,
        k,
        d,
        weights: Float64Array.from(weights),
        means: Float64Array.from(means.flat()),
        covariances,
        precisionCholesky,
        ...precisionCholeskyParts(type, k, d, precisionCholesky),
      },
      {
        converged: readBoolean(object, 'converged', context),
        nIter: readNumber(object, 'nIter', context, { min: 0, integer: true }),
        lowerBound: readNumber(object, 'lowerBound', context),
        seed: seed as Seed,
        params: fitted,
      },
    );
  }
}

function structuredCloneShape(shape: CovarianceShape): CovarianceShape {
  return JSON.parse(JSON.stringify(shape)) as CovarianceShape;
}

/** @internal Check a precision Cholesky factor: upper triangular with a positive diagonal (full/tied), positive otherwise. */
export function checkCholesky(
  type: CovarianceType,
  k: number,
  d: number,
  chol: Float64Array,
  context: string,
  code: 'E_PARAM' | 'E_MODEL',
): void {
  const ok = (() => {
    if (type === 'diag' || type === 'spherical') return chol.every((v) => v > 0);
    const blocks = type === 'full' ? k : 1;
    for (let b = 0; b < blocks; b++) {
      for (let i = 0; i < d; i++) {
        if (!(chol[b * d * d + i * d + i]! > 0)) return false;
        for (let j = 0; j < i; j++) if (chol[b * d * d + i * d + j] !== 0) return false;
      }
    }
    return true;
  })();
  if (!ok)
    throw new SegmentkitError(
      code,
      `${context}: precision Cholesky factors must be upper triangular with a positive diagonal (positive values for diag/spherical)`,
    );
}

/**
 * Serialised covariances must be what a fit makes: positive variances (diag, spherical) that match the precisions
 * (variance · precision factor² = 1), or symmetric positive definite matrices (full, tied). `sample` draws from them,
 * so a negative variance read back would make every draw NaN.
 */
function checkCovariances(type: CovarianceType, k: number, d: number, cov: Float64Array, chol: Float64Array, context: string): void {
  if (type === 'diag' || type === 'spherical') {
    cov.forEach((v, i) => {
      checkModel(v > 0, context, `covariances must be > 0 (entry ${i} is ${v})`);
      const product = v * chol[i]! * chol[i]!;
      checkModel(
        Math.abs(product - 1) <= 1e-6,
        context,
        `covariances[${i}] does not match precisionsCholesky (variance × precision = ${product}, not 1)`,
      );
    });
    return;
  }
  const blocks = type === 'full' ? k : 1;
  const factor = new Float64Array(d * d);
  for (let b = 0; b < blocks; b++) {
    const o = b * d * d;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        const scale = Math.max(Math.abs(cov[o + i * d + i]!), Math.abs(cov[o + j * d + j]!));
        checkModel(
          Math.abs(cov[o + i * d + j]! - cov[o + j * d + i]!) <= 1e-9 * scale,
          context,
          `covariances${type === 'full' ? `[${b}]` : ''} must be symmetric ([${i}][${j}] ≠ [${j}][${i}])`,
        );
        // Cholesky: a positive pivot at every step is positive definiteness
        let sum = cov[o + i * d + j]!;
        for (let t = 0; t < j; t++) sum -= factor[i * d + t]! * factor[j * d + t]!;
        if (i === j) {
          checkModel(sum > 0, context, `covariances${type === 'full' ? `[${b}]` : ''} must be positive definite`);
          factor[i * d + i] = Math.sqrt(sum);
        } else factor[i * d + j] = sum / factor[j * d + j]!;
      }
    }
  }
}

/** Lower Cholesky factors of the covariances (or standard deviations for diag/spherical), for sampling. */
function covarianceFactors(type: CovarianceType, k: number, d: number, covariances: Float64Array): Float64Array {
  if (type === 'diag' || type === 'spherical') return covariances.map(Math.sqrt);
  const blocks = type === 'full' ? k : 1;
  const out = new Float64Array(blocks * d * d);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = covariances[b * d * d + i * d + j]!;
        for (let s = 0; s < j; s++) sum -= out[b * d * d + i * d + s]! * out[b * d * d + j * d + s]!;
        out[b * d * d + i * d + j] = i === j ? Math.sqrt(Math.max(sum, 0)) : sum / out[b * d * d + j * d + j]!;
      }
    }
  }
  return out;
}

/** `E_DOMAIN` for rows whose log-density does not fit in a double (they lie far outside every component). */
function farRows(context: string, what: string): SegmentkitError {
  return new SegmentkitError(
    'E_DOMAIN',
    `${context}: ${what}: the rows lie too far from every component for a finite log-density; pass rows in the units the model was fitted on (or rescale and refit)`,
  );
}
