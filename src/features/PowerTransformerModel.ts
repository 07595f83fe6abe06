import { columnsSummary, numberList } from '../core/display';
import type { Matrix, MatrixLike } from '../core/Matrix';
import { FittedModel } from '../core/FittedModel';
import { checkModel, readBoolean, readModelHeader, readNumberArray, readObject, readString } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { finiteCells, mapCells, OVERFLOW_HINT } from './fittedColumns';
import { boxCox, boxCoxInverse, yeoJohnson, yeoJohnsonInverse } from './powerTransforms';
import { StandardScalerModel, type StandardScalerModelJSON } from './StandardScalerModel';

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

export function checkPositive(m: Matrix, context: string): void {
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
 * A fitted {@link PowerTransformer} (immutable).
 *
 * @example
 * const model = new PowerTransformer().fit([[1], [2], [3], [4]]);
 * model.inverseTransform(model.transform([[2.5]])).data[0].toFixed(9); // => '2.500000000'
 */
export class PowerTransformerModel extends FittedModel {
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
    super(KIND, fields.lambdas.length);
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
    const m = this.rowsFor(X, 'transform');
    if (this.method === 'box-cox') checkPositive(m, 'PowerTransformerModel.transform');
    const forward = this.method === 'box-cox' ? boxCox : yeoJohnson;
    const lambdas = this.lambdas;
    const transformed = finiteCells(
      mapCells(m, (v, j) => forward(v, lambdas[j]!)),
      `${this.kind}.transform`,
      OVERFLOW_HINT,
    );
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
    const m = this.rowsFor(X, 'inverseTransform');
    const unscaled = this.scaler === null ? m : this.scaler.inverseTransform(m);
    const inverse = this.method === 'box-cox' ? boxCoxInverse : yeoJohnsonInverse;
    const lambdas = this.lambdas;
    return finiteCells(
      mapCells(unscaled, (v, j) => inverse(v, lambdas[j]!)),
      `${this.kind}.inverseTransform`,
      'the value is outside what the power transform produces (its inverse is not defined there) or the result exceeds the largest double; pass values that transform produced',
    );
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
    checkModel(
      standardize ? object.scaler !== null : object.scaler === null,
      context,
      'scaler must be present exactly when standardize is true',
    );
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

  /** @internal */
  protected summaryLine(): string {
    return `PowerTransformerModel { method: ${this.method}, standardize: ${this.standardize}, lambdas: ${numberList(this.lambdas)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary(
      'PowerTransformerModel',
      [
        ['method', this.method],
        ['standardize', String(this.standardize)],
      ],
      [['λ', this.lambdas]],
    );
  }
}
