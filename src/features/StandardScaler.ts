import { columnMoments } from '../core/columnMeans';
import { htmlSummary, installDisplay, formatNumber } from '../core/display';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readBoolean, readModelHeader, readNumber, readNumberArray } from '../core/modelJson';
import { assertKnownOptions } from '../core/validateOptions';
import { AffineColumnsModel } from './AffineColumnsModel';
import { handleZerosInScale } from './fittedColumns';

/** Options for {@link StandardScaler}. */
export interface StandardScalerParams {
  /** Subtract the column mean. Default `true`. */
  readonly withMean?: boolean;
  /** Divide by the column standard deviation (population, ddof 0). Default `true`. */
  readonly withStd?: boolean;
}

/** The JSON form of a {@link StandardScalerModel}. */
export interface StandardScalerModelJSON {
  /** Always `'StandardScalerModel'`. */
  readonly kind: 'StandardScalerModel';
  /** Format version. */
  readonly version: 1;
  /** Whether the mean is subtracted. */
  readonly withMean: boolean;
  /** Whether the scale is divided out. */
  readonly withStd: boolean;
  /** Column means. */
  readonly mean: number[];
  /** Column variances (ddof 0). */
  readonly var: number[];
  /** Column scales (standard deviations; 1 for constant columns). */
  readonly scale: number[];
  /** Rows seen in fit. */
  readonly nSamplesSeen: number;
}

const KIND = 'StandardScalerModel';

/**
 * scikit-learn's `_is_constant_feature`: a variance within the rounding error of its own computation counts as
 * zero, so a constant column (even a large one such as 1e9 repeated) gets scale 1 instead of a noise scale.
 */
function isConstantFeature(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

/**
 * Standardise columns: z = (x − mean) / std, with the population standard deviation (ddof 0) as scikit-learn.
 * A constant column gets scale 1 (it is centred, not divided by zero).
 *
 * @example
 * const scaler = new StandardScaler().fit([[1, 10], [3, 10]]);
 * scaler.transform([[2, 10]]).data; // => Float64Array [0, 0]
 */
export class StandardScaler {
  /** The options, as given. */
  readonly params: StandardScalerParams;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option. */
  constructor(params: StandardScalerParams = {}) {
    assertKnownOptions('StandardScaler', params, ['withMean', 'withStd']);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Learn each column's mean and standard deviation.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new StandardScaler().fit([[0], [2]]).mean; // => [1]
   */
  fit(X: MatrixLike): StandardScalerModel {
    const m = toMatrix(X, 'StandardScaler.fit');
    const { means, variances } = columnMoments(m, 0);
    const scale = Array.from(variances, (v, j) => handleZerosInScale(Math.sqrt(v), isConstantFeature(v, means[j]!, m.rows)));
    return new StandardScalerModel({
      withMean: this.params.withMean ?? true,
      withStd: this.params.withStd ?? true,
      mean: Array.from(means),
      var: Array.from(variances),
      scale,
      nSamplesSeen: m.rows,
    });
  }
}

/** A fitted {@link StandardScaler} (immutable): `z = (x − mean) / scale`. */
export class StandardScalerModel extends AffineColumnsModel {
  /** Column means (what is subtracted when `withMean`). */
  readonly mean: readonly number[];
  /** Column variances (ddof 0). */
  readonly var: readonly number[];
  /** Column scales: standard deviations, 1 for constant columns (what is divided out when `withStd`). */
  readonly scale: readonly number[];
  /** Rows seen in fit. */
  readonly nSamplesSeen: number;
  /** Whether the mean is subtracted. */
  readonly withMean: boolean;
  /** Whether the scale is divided out. */
  readonly withStd: boolean;

  /** @internal Use {@link StandardScaler.fit} or {@link StandardScalerModel.fromJSON}. */
  constructor(fields: Omit<StandardScalerModelJSON, 'kind' | 'version'>) {
    super(
      KIND,
      fields.withMean ? fields.mean : fields.mean.map(() => 0),
      fields.withStd ? fields.scale : fields.scale.map(() => 1),
    );
    this.mean = Object.freeze([...fields.mean]);
    this.var = Object.freeze([...fields.var]);
    this.scale = Object.freeze([...fields.scale]);
    this.nSamplesSeen = fields.nSamplesSeen;
    this.withMean = fields.withMean;
    this.withStd = fields.withStd;
    Object.freeze(this);
  }

  /**
   * The fitted scaler as plain JSON.
   *
   * @example
   * new StandardScaler().fit([[0], [2]]).toJSON().scale; // => [1]
   */
  toJSON(): StandardScalerModelJSON {
    return {
      kind: KIND,
      version: 1,
      withMean: this.withMean,
      withStd: this.withStd,
      mean: [...this.mean],
      var: [...this.var],
      scale: [...this.scale],
      nSamplesSeen: this.nSamplesSeen,
    };
  }

  /**
   * Rebuild from {@link StandardScalerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * StandardScalerModel.fromJSON(new StandardScaler().fit([[0], [2]]).toJSON()).mean; // => [1]
   */
  static fromJSON(json: unknown): StandardScalerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const mean = readNumberArray(object, 'mean', context);
    const d = mean.length;
    const scale = readNumberArray(object, 'scale', context, d);
    checkModel(d > 0 && scale.every((s) => s > 0), context, 'mean must be non-empty and every scale > 0');
    return new StandardScalerModel({
      withMean: readBoolean(object, 'withMean', context),
      withStd: readBoolean(object, 'withStd', context),
      mean,
      var: readNumberArray(object, 'var', context, d),
      scale,
      nSamplesSeen: readNumber(object, 'nSamplesSeen', context, { min: 1, integer: true }),
    });
  }
}

installDisplay(
  StandardScalerModel.prototype,
  (model) => `StandardScalerModel { nFeatures: ${model.nFeatures}, mean: [${model.mean.map((v) => formatNumber(v)).join(', ')}], scale: [${model.scale.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) =>
    htmlSummary('StandardScalerModel', [['nFeatures', String(model.nFeatures)]], {
      header: ['feature', 'mean', 'scale'],
      rows: model.mean.map((m, j) => [String(j), formatNumber(m), formatNumber(model.scale[j]!)]),
    }),
);
