import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { minimizeScalar } from '../core/minimizeScalar';
import { checkModel, readBoolean, readModelHeader, readNumberArray, readObject, readString } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireOneOf } from '../core/validateOptions';
import { columnValues } from './columnValues';
import { mapCells, rowsForTransform } from './fittedColumns';
import {
  boxCox,
  boxCoxInverse,
  boxCoxNegativeLogLikelihood,
  yeoJohnson,
  yeoJohnsonInverse,
  yeoJohnsonNegativeLogLikelihood,
} from './powerTransforms';
import { StandardScaler, StandardScalerModel, type StandardScalerModelJSON } from './StandardScaler';

/** Options for {@link PowerTransformer}. */
export interface PowerTransformerParams {
  /** `'yeo-johnson'` (default; any sign) or `'box-cox'` (strictly positive data only). */
  readonly method?: 'yeo-johnson' | 'box-cox';
  /** Standardise the transformed columns to mean 0, variance 1. Default `true`. */
  readonly standardize?: boolean;
}

/** The JSON form of a {@link PowerTransformerModel}. */
export interface PowerTransformerModelJSON {
  /** Always `'PowerTransformerModel'`. */
  readonly kind: 'PowerTransformerModel';
  /** Format version. */
  readonly version: 1;
  /** The power transform. */
  readonly method: 'yeo-johnson' | 'box-cox';
  /** Whether the output is standardised. */
  readonly standardize: boolean;
  /** The fitted λ per column. */
  readonly lambdas: number[];
  /** The standardiser of the transformed columns, when `standardize`. */
  readonly scaler: StandardScalerModelJSON | null;
}

const KIND = 'PowerTransformerModel';

function checkPositive(m: Matrix, context: string): void {
  for (let index = 0; index < m.data.length; index++) {
    if (!(m.data[index]! > 0)) {
      const i = Math.floor(index / m.cols);
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: X[${i}][${index - i * m.cols}] is ${m.data[index]}; Box–Cox needs strictly positive values (use method: 'yeo-johnson' for zeros or negatives)`,
      );
    }
  }
}

/**
 * Make skewed columns as Gaussian as a power transform can, with λ fitted per column by maximum likelihood
 * (Brent's method bracketed from −2, 2), exactly as scikit-learn's `PowerTransformer`: Yeo–Johnson for any
 * sign, Box–Cox for strictly positive data; then (by default) standardise.
 *
 * @example
 * const model = new PowerTransformer().fit([[1], [2], [3], [50], [400]]);
 * model.lambdas.length; // => 1
 */
export class PowerTransformer {
  /** The options, as given. */
  readonly params: PowerTransformerParams;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or method. */
  constructor(params: PowerTransformerParams = {}) {
    assertKnownOptions('PowerTransformer', params, ['method', 'standardize']);
    if (params.method !== undefined) requireOneOf('PowerTransformer', 'method', params.method, ['yeo-johnson', 'box-cox']);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Fit λ for every column (and the standardiser).
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` (Box–Cox on a value ≤ 0), `E_NOT_FINITE`, `E_EMPTY`.
   * @example
   * new PowerTransformer({ method: 'box-cox', standardize: false }).fit([[1], [2], [4], [8]]).lambdas[0]; // => close to 0 (log-normal-like data)
   */
  fit(X: MatrixLike): PowerTransformerModel {
    const method = this.params.method ?? 'yeo-johnson';
    const standardize = this.params.standardize ?? true;
    const m = toMatrix(X, 'PowerTransformer.fit');
    if (method === 'box-cox') checkPositive(m, 'PowerTransformer.fit');
    const scratch = new Float64Array(m.rows);
    const lambdas: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      const column = columnValues(m, j);
      const objective =
        method === 'box-cox'
          ? (lambda: number) => boxCoxNegativeLogLikelihood(column, lambda, scratch)
          : (lambda: number) => yeoJohnsonNegativeLogLikelihood(column, lambda, scratch);
      lambdas.push(minimizeScalar(objective, { bracket: [-2, 2] }).x);
    }
    const forward = method === 'box-cox' ? boxCox : yeoJohnson;
    const scaler = standardize ? new StandardScaler().fit(mapCells(m, (v, j) => forward(v, lambdas[j]!))) : null;
    return new PowerTransformerModel({ method, standardize, lambdas, scaler: scaler === null ? null : scaler.toJSON() });
  }
}

/** A fitted {@link PowerTransformer} (immutable). */
export class PowerTransformerModel {
  /** Number of columns. */
  readonly nFeatures: number;
  /** The power transform. */
  readonly method: 'yeo-johnson' | 'box-cox';
  /** Whether the output is standardised. */
  readonly standardize: boolean;
  /** The fitted λ per column. */
  readonly lambdas: readonly number[];
  /** The standardiser applied after the power transform (null when `standardize` is false). */
  readonly scaler: StandardScalerModel | null;

  /** @internal Use {@link PowerTransformer.fit} or {@link PowerTransformerModel.fromJSON}. */
  constructor(fields: Omit<PowerTransformerModelJSON, 'kind' | 'version'>) {
    this.nFeatures = fields.lambdas.length;
    this.method = fields.method;
    this.standardize = fields.standardize;
    this.lambdas = Object.freeze([...fields.lambdas]);
    this.scaler = fields.scaler === null ? null : StandardScalerModel.fromJSON(fields.scaler);
    Object.freeze(this);
  }

  /**
   * Apply the fitted power transform (then the standardiser).
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` (Box–Cox on a value ≤ 0), `E_SHAPE`.
   * @example
   * const model = new PowerTransformer({ standardize: false }).fit([[1], [2], [3], [50], [400]]);
   * model.transform([[0]]).data; // => Float64Array [0]
   */
  transform(X: MatrixLike): Matrix {
    const m = rowsForTransform(X, this.nFeatures, 'PowerTransformerModel.transform');
    if (this.method === 'box-cox') checkPositive(m, 'PowerTransformerModel.transform');
    const forward = this.method === 'box-cox' ? boxCox : yeoJohnson;
    const lambdas = this.lambdas;
    const transformed = mapCells(m, (v, j) => forward(v, lambdas[j]!));
    return this.scaler === null ? transformed : this.scaler.transform(transformed);
  }

  /**
   * Undo the standardiser, then the power transform: back to the original units.
   *
   * @example
   * const model = new PowerTransformer().fit([[1], [2], [3], [50], [400]]);
   * model.inverseTransform(model.transform([[50]])).data[0].toFixed(6); // => '50.000000'
   */
  inverseTransform(X: MatrixLike): Matrix {
    const m = rowsForTransform(X, this.nFeatures, 'PowerTransformerModel.inverseTransform');
    const unscaled = this.scaler === null ? m : this.scaler.inverseTransform(m);
    const inverse = this.method === 'box-cox' ? boxCoxInverse : yeoJohnsonInverse;
    const lambdas = this.lambdas;
    return mapCells(unscaled, (v, j) => inverse(v, lambdas[j]!));
  }

  /**
   * The fitted transformer as plain JSON.
   *
   * @example
   * new PowerTransformer().fit([[1], [2], [5]]).toJSON().method; // => 'yeo-johnson'
   */
  toJSON(): PowerTransformerModelJSON {
    return {
      kind: KIND,
      version: 1,
      method: this.method,
      standardize: this.standardize,
      lambdas: [...this.lambdas],
      scaler: this.scaler === null ? null : this.scaler.toJSON(),
    };
  }

  /**
   * Rebuild from {@link PowerTransformerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * const json = new PowerTransformer().fit([[1], [2], [5]]).toJSON();
   * PowerTransformerModel.fromJSON(json).lambdas.length; // => 1
   */
  static fromJSON(json: unknown): PowerTransformerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const standardize = readBoolean(object, 'standardize', context);
    const lambdas = readNumberArray(object, 'lambdas', context);
    checkModel(lambdas.length > 0, context, 'lambdas must be non-empty');
    checkModel(standardize ? object.scaler !== null : object.scaler === null, context, 'scaler must be present exactly when standardize is true');
    const scalerJson = standardize ? readObject(object, 'scaler', context) : null;
    if (scalerJson !== null) {
      const scaler = StandardScalerModel.fromJSON(scalerJson);
      checkModel(scaler.nFeatures === lambdas.length, context, 'scaler must have one column per lambda');
    }
    return new PowerTransformerModel({
      method: readString(object, 'method', context, ['yeo-johnson', 'box-cox'] as const),
      standardize,
      lambdas,
      scaler: scalerJson as StandardScalerModelJSON | null,
    });
  }
}

installDisplay(
  PowerTransformerModel.prototype,
  (model) => `PowerTransformerModel { method: ${model.method}, standardize: ${model.standardize}, lambdas: [${model.lambdas.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) =>
    htmlSummary('PowerTransformerModel', [['method', model.method], ['standardize', String(model.standardize)]], {
      header: ['feature', 'λ'],
      rows: model.lambdas.map((v, j) => [String(j), formatNumber(v)]),
    }),
);
