import { FittedModel } from '../core/FittedModel';
import type { Check } from '../core/params';
import { componentsCheck, PCA_PARAMS, type PCAFittedParams } from './pcaParams';
import type { Seed } from '../core/createRng';
import { formatNumber, htmlSummary } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import {
  checkModel,
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

const METHODS = ['crossProduct', 'gram', 'householderQR', 'randomized'] as const;

const KIND = 'PCAModel';

const CONTEXT = 'PCAModel.fromJSON';

/**
 * A fitted PCA (immutable). Produced by {@link PCA.fit}; projects rows onto the components, maps projections
 * back, explains which features drive each component, and serialises to JSON.
 *
 * @example
 * const model = new PCA({ nComponents: 1 }).fit([[0, 0], [1, 1], [2, 2]]);
 * Array.from(model.transform([[3, 3]]).data).map((v) => v.toFixed(4)); // => ['2.8284']
 */
export class PCAModel extends FittedModel {
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
    super(KIND, fields.nFeatures);
    const k = fields.nComponents;
    const d = fields.nFeatures;
    this.#components = fields.components;
    this.#mean = Float64Array.from(fields.mean);
    // scikit-learn ≥ 1.3 floors the divisor at ε so a zero-variance component does not divide by zero
    this.#whitenScale = Float64Array.from(fields.explainedVariance, (v) => Math.max(Math.sqrt(v), Number.EPSILON));
    this.components = Object.freeze(
      Array.from({ length: k }, (_, c) => Object.freeze(Array.from(fields.components.subarray(c * d, (c + 1) * d)))),
    );
    this.explainedVariance = Object.freeze([...fields.explainedVariance]);
    this.explainedVarianceRatio = Object.freeze([...fields.explainedVarianceRatio]);
    this.singularValues = Object.freeze([...fields.singularValues]);
    this.mean = Object.freeze([...fields.mean]);
    this.noiseVariance = fields.noiseVariance;
    this.nComponents = k;
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
    const m = this.rowsFor(X, 'transform');
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
      throw new SegmentkitError(
        'E_SHAPE',
        `PCAModel.inverseTransform: Z has ${m.cols} columns but the model has ${k} components; pass the output of transform`,
      );
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
    checkModel(
      k <= Math.min(nSamples, d),
      CONTEXT,
      `components has ${k} rows but at most min(nSamples, nFeatures) = ${Math.min(nSamples, d)} are possible`,
    );
    // the rows of a PCA's components are orthonormal (to rounding); anything else would transform wrongly
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += components[a]![j]! * components[b]![j]!;
        checkModel(
          Math.abs(dot - (a === b ? 1 : 0)) <= 1e-6,
          CONTEXT,
          `components must be orthonormal rows (row ${a} · row ${b} is ${dot}, not ${a === b ? 1 : 0})`,
        );
      }
    }
    checkModel('seed' in object, CONTEXT, 'seed must be a finite number, a string or null');
    const seed = object.seed === null ? null : readSeed(object, 'seed', CONTEXT);
    const stats = readObject(object, 'stats', CONTEXT);
    const fitted = PCA_PARAMS.readFitted<PCAFittedParams>(params, CONTEXT, { nComponents: nullableComponents }, FITTED_KEYS);
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

  /** @internal */
  protected summaryLine(): string {
    return `PCAModel { ${facts(this)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}, ratios: [${this.explainedVarianceRatio.map((v) => formatNumber(v)).join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    let cumulative = 0;
    const rows = this.loadings().map((c) => {
      cumulative += c.explainedVarianceRatio;
      const top = c.loadings
        .slice(0, 3)
        .map((l) => `${l.weight < 0 ? '−' : '+'}${l.feature}`)
        .join(' ');
      return [
        String(c.component),
        formatNumber(this.explainedVariance[c.component]!),
        `${(100 * c.explainedVarianceRatio).toFixed(1)} %`,
        `${(100 * cumulative).toFixed(1)} %`,
        top,
      ];
    });
    return htmlSummary('PCAModel', facts(this), { header: ['component', 'variance', 'ratio', 'cumulative', 'top features'], rows });
  }
}

function readNonNegativeArray(object: JsonObject, field: string, length: number): number[] {
  const values = readNumberArray(object, field, CONTEXT, length);
  checkModel(
    values.every((v) => v >= 0),
    CONTEXT,
    `${field} must be ≥ 0`,
  );
  return values;
}

const FITTED_KEYS = ['nComponents', 'whiten', 'svdSolver', 'nOversamples', 'nPowerIterations', 'powerIterationNormalizer'];

/** The fitted form of nComponents: as given, or null (every component). */
const nullableComponents: Check<number | null> = (value, context, name) => {
  if (value === null) return null;
  return componentsCheck(value, context, name);
};

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
