import { throwIfAborted, type FitControls } from '../core/abort';
import { resolveSeed, type Seed } from '../core/createRng';
import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import {
  checkModel,
  readBoolean,
  readModelHeader,
  readNumber,
  readNumberArray,
  readNumberTable,
  readObject,
  readSeed,
  readString,
  type JsonObject,
} from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireOneOf } from '../core/validateOptions';
import { rowsForTransform } from '../features/fittedColumns';
import { centring } from './centring';
import type { Decomposition, DecompositionProgress } from './Decomposition';
import { flipSigns } from './flipSigns';
import { fullDecomposition } from './fullDecomposition';
import { randomizedDecomposition } from './randomizedDecomposition';
import type { PowerIterationNormalizer } from './randomizedRange';

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

/** What {@link PCA.fit} is doing, reported to `onProgress`. */
export interface PCAProgress {
  /**
   * `'crossProduct'` / `'gram'`: accumulating Xᵀ X (or X Xᵀ for wide data) of the centred rows;
   * `'householderQR'`: the accurate fallback; `'rangeFinder'`: passes of the randomized solver.
   */
  readonly stage: 'crossProduct' | 'gram' | 'householderQR' | 'rangeFinder';
  /** Units done in this stage: rows (columns for `'gram'`, passes over the data for `'rangeFinder'`). */
  readonly completed: number;
  /** Units in this stage. */
  readonly total: number;
}

/** Execution options of {@link PCA.fit} (not hyper-parameters; never serialised). */
export interface PCAFitOptions extends FitControls<PCAProgress> {}

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

/** What the fit computed. */
export interface PCAFitStats {
  /** The solver that ran (what `'auto'` chose). */
  readonly solver: 'full' | 'randomized';
  /**
   * How: `'crossProduct'` (eigen-decomposition of the centred Xᵀ X), `'gram'` (of X Xᵀ, wide data),
   * `'householderQR'` (QR of the centred data, then SVD of R: the accurate fallback for a wide spread of
   * variances) or `'randomized'`.
   */
  readonly method: 'crossProduct' | 'gram' | 'householderQR' | 'randomized';
  /** Power iterations run (0 for the full solver). */
  readonly nPowerIterations: number;
}

/** The JSON form of a {@link PCAModel} (`kind: 'PCAModel'`, `version: 1`). */
export interface PCAModelJSON {
  /** Always `'PCAModel'`. */
  readonly kind: 'PCAModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: PCAFittedParams;
  /** Components, nComponents × nFeatures. */
  readonly components: number[][];
  /** Variance along each component (n − 1 denominator). */
  readonly explainedVariance: number[];
  /** Share of the total variance along each component. */
  readonly explainedVarianceRatio: number[];
  /** Singular values of the centred training data. */
  readonly singularValues: number[];
  /** Column means of the training data. */
  readonly mean: number[];
  /** Mean variance of the discarded directions. */
  readonly noiseVariance: number;
  /** Training rows. */
  readonly nSamples: number;
  /** The seed of the randomized solver, or `null` when the full solver ran. */
  readonly seed: Seed | null;
  /** What the fit computed. */
  readonly stats: PCAFitStats;
}

/** One original feature's weight in a component, from {@link PCAModel.loadings}. */
export interface PCALoading {
  /** Feature name (`x0`, `x1`, … when no names were given). */
  readonly feature: string;
  /** The feature's coefficient in the component (the component is a unit vector: the squares sum to 1). */
  readonly weight: number;
}

/** The loadings of one component, from {@link PCAModel.loadings}. */
export interface PCAComponentLoadings {
  /** Component index (0 = the direction of largest variance). */
  readonly component: number;
  /** Share of the total variance along this component. */
  readonly explainedVarianceRatio: number;
  /** Every feature's weight, sorted by decreasing |weight| (ties keep feature order). */
  readonly loadings: PCALoading[];
}

const PARAMS = ['nComponents', 'whiten', 'svdSolver', 'nOversamples', 'nPowerIterations', 'powerIterationNormalizer', 'seed'];
const SOLVERS = ['auto', 'full', 'randomized'] as const;
const NORMALIZERS = ['auto', 'QR', 'LU', 'none'] as const;
const METHODS = ['crossProduct', 'gram', 'householderQR', 'randomized'] as const;
const KIND = 'PCAModel';
const CONTEXT = 'PCAModel.fromJSON';

/** Check nComponents: an integer ≥ 1 or a fraction in (0, 1). */
function checkComponentsParam(context: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (value >= 1 && !Number.isInteger(value))) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: nComponents must be an integer ≥ 1 (how many components) or a fraction in (0, 1) (how much variance to keep), got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
}

/**
 * @internal
 * Which solver `'auto'` runs. Multiply-adds: the full solver's cross-product costs max(n, d) · min(n, d)² / 2
 * plus about 9 min(n, d)³ for the eigen-decomposition; the randomized solver makes 2 (q + 1) + 1 passes of
 * n · d · l (l = k + oversamples, q power iterations). Both run at about the same speed per multiply-add in
 * JavaScript, so the randomized solver is chosen only when it needs under a third of the work, with more than
 * 500 rows or columns (scikit-learn's small-problem rule) and an integer nComponents. Measured (k = 5):
 * 5 000 × 1 000 full 3.4 s, randomized 0.69 s (chosen); 5 000 × 600 full 0.89 s, randomized 0.41 s (chosen);
 * 20 000 × 400 full 0.80 s, randomized 1.02 s (not chosen); 100 000 × 32 and 20 000 × 200: full.
 */
export function choosePCASolver(n: number, d: number, nComponents: number | undefined, nOversamples: number, nPowerIterations: number | 'auto'): 'full' | 'randomized' {
  if (nComponents === undefined || nComponents < 1 || Math.max(n, d) <= 500) return 'full';
  const p = Math.min(n, d);
  const l = Math.min(nComponents + nOversamples, p);
  const q = nPowerIterations === 'auto' ? (nComponents < 0.1 * p ? 7 : 4) : nPowerIterations;
  const full = Math.max(n, d) * p * p * 0.5 + 9 * p * p * p;
  const randomized = (2 * q + 3) * n * d * l;
  return 3 * randomized < full ? 'randomized' : 'full';
}

/**
 * Principal component analysis: the orthogonal directions of largest variance of the centred data, for
 * de-correlating features, compressing them, and plotting segments in two dimensions. Results match
 * scikit-learn 1.2 `PCA(svd_solver='full')`: same components, explained variances (n − 1 denominator), ratios,
 * singular values, noise variance, transform, inverse transform and whitening.
 *
 * Sign convention: each component is flipped so that its entry of largest absolute value is positive (ties →
 * the lower index), so results do not depend on the solver's arbitrary signs.
 *
 * @example
 * const model = new PCA({ nComponents: 1 }).fit([[1, 1], [2, 2], [3, 3]]);
 * model.explainedVarianceRatio; // => [1]
 * model.components[0]![0]!.toFixed(4); // => '0.7071'
 */
export class PCA {
  /** The hyper-parameters, as given. */
  readonly params: PCAParams;

  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an invalid or unknown hyper-parameter (also a fractional
   *   nComponents with the randomized solver, which needs a count up front).
   */
  constructor(params: PCAParams = {}) {
    assertKnownOptions('PCA', params, PARAMS);
    if (params.nComponents !== undefined) checkComponentsParam('PCA', params.nComponents);
    if (params.whiten !== undefined && typeof params.whiten !== 'boolean') {
      throw new SegmentkitError('E_PARAM', `PCA: whiten must be true or false, got ${JSON.stringify(params.whiten) ?? String(params.whiten)}`);
    }
    if (params.svdSolver !== undefined) requireOneOf('PCA', 'svdSolver', params.svdSolver, SOLVERS);
    if (params.nOversamples !== undefined) requireInteger('PCA', 'nOversamples', params.nOversamples, { min: 0 });
    if (params.nPowerIterations !== undefined && params.nPowerIterations !== 'auto') {
      requireInteger('PCA', 'nPowerIterations', params.nPowerIterations, { min: 0 });
    }
    if (params.powerIterationNormalizer !== undefined) requireOneOf('PCA', 'powerIterationNormalizer', params.powerIterationNormalizer, NORMALIZERS);
    if (params.svdSolver === 'randomized' && params.nComponents !== undefined && params.nComponents < 1) {
      throw new SegmentkitError(
        'E_PARAM',
        `PCA: nComponents = ${params.nComponents} is a fraction of variance, which needs every component; use svdSolver 'full' (or 'auto'), or give a number of components`,
      );
    }
    if (params.seed !== undefined) resolveSeed(params.seed);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Fit to the rows of `X` and return the immutable {@link PCAModel}.
   *
   * @param X - one row per customer (n × d, n ≥ 2), finite numbers; never modified
   * @param options - `onProgress` (per block of rows and per pass), `signal` (abort)
   * @throws {@link SegmentkitError} `E_PARAM` (nComponents > min(n, d)), `E_EMPTY` (fewer than 2 rows),
   *   `E_NOT_FINITE`, `E_SHAPE`, `E_ABORTED`.
   * @example
   * const model = new PCA().fit([[2, 0], [0, 1], [-2, 0], [0, -1]]);
   * model.explainedVariance; // => [2.6666666666666665, 0.6666666666666666]
   * model.components; // => [[1, 0], [0, 1]]
   */
  fit(X: MatrixLike, options: PCAFitOptions = {}): PCAModel {
    assertKnownOptions('PCA.fit', options, ['onProgress', 'signal']);
    const { signal, onProgress } = options;
    throwIfAborted(signal, 'PCA.fit');
    const m = toMatrix(X, 'PCA.fit');
    const { rows: n, cols: d } = m;
    if (n < 2) {
      throw new SegmentkitError('E_EMPTY', `PCA.fit: X has ${n} row; PCA measures variance across rows (n − 1 denominator) and needs at least 2`);
    }
    const p = Math.min(n, d);
    const requested = this.params.nComponents;
    if (requested !== undefined && requested >= 1 && requested > p) {
      throw new SegmentkitError(
        'E_PARAM',
        `PCA.fit: nComponents = ${requested} but X (${n} × ${d}) has at most min(n, d) = ${p} components; lower nComponents`,
      );
    }
    const nOversamples = this.params.nOversamples ?? 10;
    const nPowerIterations = this.params.nPowerIterations ?? 'auto';
    const normalizer = this.params.powerIterationNormalizer ?? 'auto';
    const svdSolver = this.params.svdSolver ?? 'auto';
    const solver = svdSolver === 'auto' ? choosePCASolver(n, d, requested, nOversamples, nPowerIterations) : svdSolver;
    const report: DecompositionProgress = (stage, completed, total) => onProgress?.({ stage, completed, total });
    const { mean, scale } = centring(m);

    let decomposition: Decomposition;
    let seed: Seed | null = null;
    let nIter = 0;
    if (solver === 'randomized') {
      const k = requested ?? p;
      nIter = nPowerIterations === 'auto' ? (k < 0.1 * p ? 7 : 4) : nPowerIterations;
      seed = resolveSeed(this.params.seed);
      decomposition = randomizedDecomposition(m, mean, scale, k, { nOversamples, nIter, normalizer, seed, signal, report });
    } else {
      decomposition = fullDecomposition(m, mean, scale, requested, signal, report);
    }
    throwIfAborted(signal, 'PCA.fit');
    const { k, components, squares } = decomposition;
    flipSigns(components, k, d);
    const explainedVariance = Array.from(squares, (s) => s / (n - 1));
    const totalVariance = decomposition.totalSquares / (n - 1);
    return new PCAModel({
      components,
      nComponents: k,
      nFeatures: d,
      mean: Array.from(mean),
      explainedVariance,
      explainedVarianceRatio: explainedVariance.map((v) => (totalVariance > 0 ? v / totalVariance : 0)),
      singularValues: Array.from(squares, (s) => Math.sqrt(s)),
      noiseVariance: decomposition.noiseSquares / (n - 1),
      nSamples: n,
      seed,
      params: {
        nComponents: requested ?? null,
        whiten: this.params.whiten ?? false,
        svdSolver,
        nOversamples,
        nPowerIterations,
        powerIterationNormalizer: normalizer,
      },
      stats: { solver, method: decomposition.method, nPowerIterations: nIter },
    });
  }
}

/**
 * A fitted PCA (immutable). Produced by {@link PCA.fit}; projects rows onto the components, maps projections
 * back, explains which features drive each component, and serialises to JSON.
 *
 * @example
 * const model = new PCA({ nComponents: 1 }).fit([[0, 0], [1, 1], [2, 2]]);
 * Array.from(model.transform([[3, 3]]).data).map((v) => v.toFixed(4)); // => ['2.8284']
 */
export class PCAModel {
  /** Principal axes, one unit row per component (nComponents × nFeatures), by decreasing explained variance. */
  readonly components: readonly (readonly number[])[];
  /** Variance of the training data along each component (n − 1 denominator, as scikit-learn). */
  readonly explainedVariance: readonly number[];
  /** Share of the total variance along each component. */
  readonly explainedVarianceRatio: readonly number[];
  /** Singular values of the centred training data (√((n − 1) · explainedVariance)). */
  readonly singularValues: readonly number[];
  /** Column means of the training data (subtracted before projecting). */
  readonly mean: readonly number[];
  /**
   * Mean variance of the discarded directions (the probabilistic-PCA noise estimate): the mean of the
   * explained variances after the first nComponents, 0 when every component is kept.
   */
  readonly noiseVariance: number;
  /** Number of components kept. */
  readonly nComponents: number;
  /** Number of features (columns) the model was fitted on. */
  readonly nFeatures: number;
  /** Number of training rows. */
  readonly nSamples: number;
  /** Whether {@link PCAModel.transform} whitens. */
  readonly whiten: boolean;
  /** The seed the randomized solver used (drawn at random when none was given), or `null` when the full solver ran. */
  readonly seed: Seed | null;
  /** Resolved hyper-parameters. */
  readonly params: PCAFittedParams;
  /** What the fit computed. */
  readonly stats: PCAFitStats;
  readonly #components: Float64Array;
  readonly #mean: Float64Array;
  readonly #whitenScale: Float64Array;

  /** @internal Use {@link PCA.fit} or {@link PCAModel.fromJSON}. */
  constructor(fields: {
    components: Float64Array;
    nComponents: number;
    nFeatures: number;
    mean: number[];
    explainedVariance: number[];
    explainedVarianceRatio: number[];
    singularValues: number[];
    noiseVariance: number;
    nSamples: number;
    seed: Seed | null;
    params: PCAFittedParams;
    stats: PCAFitStats;
  }) {
    const k = fields.nComponents;
    const d = fields.nFeatures;
    this.#components = fields.components;
    this.#mean = Float64Array.from(fields.mean);
    // scikit-learn ≥ 1.3 floors the divisor at ε so a zero-variance component does not divide by zero
    this.#whitenScale = Float64Array.from(fields.explainedVariance, (v) => Math.max(Math.sqrt(v), Number.EPSILON));
    this.components = Object.freeze(Array.from({ length: k }, (_, c) => Object.freeze(Array.from(fields.components.subarray(c * d, (c + 1) * d)))));
    this.explainedVariance = Object.freeze([...fields.explainedVariance]);
    this.explainedVarianceRatio = Object.freeze([...fields.explainedVarianceRatio]);
    this.singularValues = Object.freeze([...fields.singularValues]);
    this.mean = Object.freeze([...fields.mean]);
    this.noiseVariance = fields.noiseVariance;
    this.nComponents = k;
    this.nFeatures = d;
    this.nSamples = fields.nSamples;
    this.whiten = fields.params.whiten;
    this.seed = fields.seed;
    this.params = Object.freeze({ ...fields.params });
    this.stats = Object.freeze({ ...fields.stats });
    Object.freeze(this);
  }

  /**
   * Project rows onto the components: (x − mean) · componentsᵀ, divided by √explainedVariance when whitening.
   *
   * @returns n × nComponents
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE` for NaN/±Infinity.
   * @example
   * const model = new PCA().fit([[2, 0], [0, 1], [-2, 0], [0, -1]]);
   * model.transform([[1, 1]]).data; // => Float64Array [1, 1]
   */
  transform(X: MatrixLike): Matrix {
    const m = rowsForTransform(X, this.nFeatures, 'PCAModel.transform');
    const { data, rows } = m;
    const d = this.nFeatures;
    const k = this.nComponents;
    const components = this.#components;
    const mean = this.#mean;
    const centred = new Float64Array(d);
    const out = new Float64Array(rows * k);
    for (let i = 0; i < rows; i++) {
      const offset = i * d;
      for (let j = 0; j < d; j++) centred[j] = data[offset + j]! - mean[j]!;
      for (let c = 0; c < k; c++) {
        const row = c * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += centred[j]! * components[row + j]!;
        out[i * k + c] = this.whiten ? s / this.#whitenScale[c]! : s;
      }
    }
    return { data: out, rows, cols: k };
  }

  /**
   * Map projections back to the original features: z · components (times √explainedVariance when whitening)
   * + mean. Exact for rows in the span of the components; with every component kept, it undoes
   * {@link PCAModel.transform}.
   *
   * @param Z - n × nComponents
   * @returns n × nFeatures
   * @throws {@link SegmentkitError} `E_SHAPE` when Z does not have nComponents columns.
   * @example
   * const model = new PCA().fit([[2, 0], [0, 1], [-2, 0], [0, -1]]);
   * model.inverseTransform([[1, 1]]).data; // => Float64Array [1, 1]
   */
  inverseTransform(Z: MatrixLike): Matrix {
    const m = toMatrix(Z, 'PCAModel.inverseTransform', { name: 'Z' });
    const k = this.nComponents;
    if (m.cols !== k) {
      throw new SegmentkitError('E_SHAPE', `PCAModel.inverseTransform: Z has ${m.cols} columns but the model has ${k} components; pass the output of transform`);
    }
    const { data, rows } = m;
    const d = this.nFeatures;
    const components = this.#components;
    const out = new Float64Array(rows * d);
    for (let i = 0; i < rows; i++) {
      const target = i * d;
      for (let c = 0; c < k; c++) {
        const z = this.whiten ? data[i * k + c]! * Math.sqrt(this.explainedVariance[c]!) : data[i * k + c]!;
        if (z === 0) continue;
        const row = c * d;
        for (let j = 0; j < d; j++) out[target + j] = out[target + j]! + z * components[row + j]!;
      }
      for (let j = 0; j < d; j++) out[target + j] = out[target + j]! + this.#mean[j]!;
    }
    return { data: out, rows, cols: d };
  }

  /**
   * Which original features drive each component: per component, every feature's weight (its coefficient in
   * the unit-length component), sorted by decreasing |weight|. Multiply a weight by
   * √explainedVariance[component] for the covariance-scale loading.
   *
   * @param featureNames - one name per feature; default `x0`, `x1`, …
   * @throws {@link SegmentkitError} `E_SHAPE` when featureNames does not have nFeatures names.
   * @example
   * const model = new PCA({ nComponents: 1 }).fit([[0, 0], [1, 3], [2, 6]]);
   * model.loadings(['visits', 'spend'])[0]!.loadings.map((l) => l.feature); // => ['spend', 'visits']
   */
  loadings(featureNames?: readonly string[]): PCAComponentLoadings[] {
    const d = this.nFeatures;
    if (featureNames !== undefined && (!Array.isArray(featureNames) || featureNames.length !== d)) {
      throw new SegmentkitError(
        'E_SHAPE',
        `PCAModel.loadings: featureNames has ${Array.isArray(featureNames) ? featureNames.length : 'no'} names but the model has ${d} features; pass one name per column`,
      );
    }
    const names = featureNames ?? Array.from({ length: d }, (_, j) => `x${j}`);
    return this.components.map((component, c) => ({
      component: c,
      explainedVarianceRatio: this.explainedVarianceRatio[c]!,
      loadings: component
        .map((weight, j) => ({ feature: String(names[j]), weight, j }))
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.j - b.j)
        .map(({ feature, weight }) => ({ feature, weight })),
    }));
  }

  /**
   * The model as plain JSON (everything needed to transform and to reproduce the summary).
   *
   * @example
   * new PCA().fit([[0, 1], [1, 0], [2, 2]]).toJSON().kind; // => 'PCAModel'
   */
  toJSON(): PCAModelJSON {
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      components: this.components.map((row) => [...row]),
      explainedVariance: [...this.explainedVariance],
      explainedVarianceRatio: [...this.explainedVarianceRatio],
      singularValues: [...this.singularValues],
      mean: [...this.mean],
      noiseVariance: this.noiseVariance,
      nSamples: this.nSamples,
      seed: this.seed,
      stats: { ...this.stats },
    };
  }

  /**
   * Rebuild a model from {@link PCAModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = new PCA().fit([[0, 1], [1, 0], [2, 2]]);
   * PCAModel.fromJSON(JSON.parse(JSON.stringify(model))).explainedVariance.length; // => 2
   */
  static fromJSON(json: unknown): PCAModel {
    const object = readModelHeader(json, KIND, 1);
    const params = readObject(object, 'params', CONTEXT);
    const components = readNumberTable(object, 'components', CONTEXT);
    const k = components.length;
    const d = components[0]!.length;
    const mean = readNumberArray(object, 'mean', CONTEXT, d);
    const explainedVariance = readNonNegativeArray(object, 'explainedVariance', k);
    const explainedVarianceRatio = readNonNegativeArray(object, 'explainedVarianceRatio', k);
    const singularValues = readNonNegativeArray(object, 'singularValues', k);
    const noiseVariance = readNumber(object, 'noiseVariance', CONTEXT, { min: 0 });
    const nSamples = readNumber(object, 'nSamples', CONTEXT, { min: 2, integer: true });
    checkModel(k <= Math.min(nSamples, d), CONTEXT, `components has ${k} rows but at most min(nSamples, nFeatures) = ${Math.min(nSamples, d)} are possible`);
    checkModel('seed' in object, CONTEXT, 'seed must be a finite number, a string or null');
    const seed = object.seed === null ? null : readSeed(object, 'seed', CONTEXT);
    const stats = readObject(object, 'stats', CONTEXT);
    const fitted: PCAFittedParams = {
      nComponents: readComponentsParam(params),
      whiten: readBoolean(params, 'whiten', CONTEXT),
      svdSolver: readString(params, 'svdSolver', CONTEXT, SOLVERS),
      nOversamples: readNumber(params, 'nOversamples', CONTEXT, { min: 0, integer: true }),
      nPowerIterations: params.nPowerIterations === 'auto' ? 'auto' : readNumber(params, 'nPowerIterations', CONTEXT, { min: 0, integer: true }),
      powerIterationNormalizer: readString(params, 'powerIterationNormalizer', CONTEXT, NORMALIZERS),
    };
    return new PCAModel({
      components: Float64Array.from(components.flat()),
      nComponents: k,
      nFeatures: d,
      mean,
      explainedVariance,
      explainedVarianceRatio,
      singularValues,
      noiseVariance,
      nSamples,
      seed,
      params: fitted,
      stats: {
        solver: readString(stats, 'solver', CONTEXT, ['full', 'randomized'] as const),
        method: readString(stats, 'method', CONTEXT, METHODS),
        nPowerIterations: readNumber(stats, 'nPowerIterations', CONTEXT, { min: 0, integer: true }),
      },
    });
  }
}

function readNonNegativeArray(object: JsonObject, field: string, length: number): number[] {
  const values = readNumberArray(object, field, CONTEXT, length);
  checkModel(values.every((v) => v >= 0), CONTEXT, `${field} must be ≥ 0`);
  return values;
}

function readComponentsParam(params: JsonObject): number | null {
  checkModel('nComponents' in params, CONTEXT, 'params.nComponents must be a count, a fraction in (0, 1) or null');
  if (params.nComponents === null) return null;
  const value = readNumber(params, 'nComponents', CONTEXT);
  checkModel(value > 0 && (value < 1 || Number.isInteger(value)), CONTEXT, 'params.nComponents must be a count, a fraction in (0, 1) or null');
  return value;
}

function facts(model: PCAModel): [string, string][] {
  const kept = model.explainedVarianceRatio.reduce((a, b) => a + b, 0);
  return [
    ['nComponents', String(model.nComponents)],
    ['nFeatures', String(model.nFeatures)],
    ['nSamples', String(model.nSamples)],
    ['explained', `${(100 * kept).toFixed(1)} %`],
    ['whiten', String(model.whiten)],
    ['method', model.stats.method],
  ];
}

installDisplay(
  PCAModel.prototype,
  (model) =>
    `PCAModel { ${facts(model).map(([k, v]) => `${k}: ${v}`).join(', ')}, ratios: [${model.explainedVarianceRatio.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) => {
    let cumulative = 0;
    const rows = model.loadings().map((c) => {
      cumulative += c.explainedVarianceRatio;
      const top = c.loadings
        .slice(0, 3)
        .map((l) => `${l.weight < 0 ? '−' : '+'}${l.feature}`)
        .join(' ');
      return [
        String(c.component),
        formatNumber(model.explainedVariance[c.component]!),
        `${(100 * c.explainedVarianceRatio).toFixed(1)} %`,
        `${(100 * cumulative).toFixed(1)} %`,
        top,
      ];
    });
    return htmlSummary('PCAModel', facts(model), { header: ['component', 'variance', 'ratio', 'cumulative', 'top features'], rows });
  },
);
