import { htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, readNumber } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import { mapCells, rowsForTransform } from './fittedColumns';

/** The JSON form of a {@link LogTransformerModel}. */
export interface LogTransformerModelJSON {
  /** Always `'LogTransformerModel'`. */
  readonly kind: 'LogTransformerModel';
  /** Format version. */
  readonly version: 1;
  /** Number of columns. */
  readonly nFeatures: number;
}

const KIND = 'LogTransformerModel';

function checkDomain(m: Matrix, context: string): void {
  for (let index = 0; index < m.data.length; index++) {
    if (m.data[index]! <= -1) {
      const i = Math.floor(index / m.cols);
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: X[${i}][${index - i * m.cols}] is ${m.data[index]}; log1p needs values > −1 (for signed data such as net spend after refunds use PowerTransformer({ method: 'yeo-johnson' }))`,
      );
    }
  }
}

/**
 * `log(1 + x)` on every column: the usual first step for spend, order counts and other heavy right tails, so
 * a few big customers do not dominate distances. Zero stays zero; the inverse is `exp(y) − 1`.
 *
 * @example
 * new LogTransformer().fit([[0], [9]]).transform([[9]]).data; // => Float64Array [2.302585092994046]
 */
export class LogTransformer {
  /** @throws {@link SegmentkitError} `E_PARAM` for any option (it has none). */
  constructor(params: Record<string, never> = {}) {
    assertKnownOptions('LogTransformer', params, []);
  }

  /**
   * Check the columns (every value must be > −1) and remember their count.
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` naming the first value ≤ −1, `E_NOT_FINITE`, `E_EMPTY`.
   * @example
   * new LogTransformer().fit([[0, 1]]).nFeatures; // => 2
   */
  fit(X: MatrixLike): LogTransformerModel {
    const m = toMatrix(X, 'LogTransformer.fit');
    checkDomain(m, 'LogTransformer.fit');
    return new LogTransformerModel(m.cols);
  }
}

/** A fitted {@link LogTransformer} (immutable). */
export class LogTransformerModel {
  /** Number of columns. */
  readonly nFeatures: number;

  /** @internal Use {@link LogTransformer.fit} or {@link LogTransformerModel.fromJSON}. */
  constructor(nFeatures: number) {
    this.nFeatures = nFeatures;
    Object.freeze(this);
  }

  /**
   * `log1p` of every value.
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` for a value ≤ −1, `E_SHAPE` for a wrong column count.
   * @example
   * new LogTransformer().fit([[0]]).transform([[Math.E - 1]]).data; // => Float64Array [1]
   */
  transform(X: MatrixLike): Matrix {
    const m = rowsForTransform(X, this.nFeatures, 'LogTransformerModel.transform');
    checkDomain(m, 'LogTransformerModel.transform');
    return mapCells(m, Math.log1p);
  }

  /**
   * `expm1` of every value: back to the original units.
   *
   * @example
   * new LogTransformer().fit([[0]]).inverseTransform([[1]]).data; // => Float64Array [1.718281828459045]
   */
  inverseTransform(X: MatrixLike): Matrix {
    return mapCells(rowsForTransform(X, this.nFeatures, 'LogTransformerModel.inverseTransform'), Math.expm1);
  }

  /**
   * The fitted transformer as plain JSON.
   *
   * @example
   * new LogTransformer().fit([[0]]).toJSON().nFeatures; // => 1
   */
  toJSON(): LogTransformerModelJSON {
    return { kind: KIND, version: 1, nFeatures: this.nFeatures };
  }

  /**
   * Rebuild from {@link LogTransformerModel.toJSON} output.
   *
   * @throws {@link SegmentkitError} `E_MODEL` for anything malformed.
   * @example
   * LogTransformerModel.fromJSON({ kind: 'LogTransformerModel', version: 1, nFeatures: 2 }).nFeatures; // => 2
   */
  static fromJSON(json: unknown): LogTransformerModel {
    const context = `${KIND}.fromJSON`;
    const nFeatures = readNumber(readModelHeader(json, KIND, 1), 'nFeatures', context, { min: 1, integer: true });
    checkModel(nFeatures >= 1, context, 'nFeatures must be ≥ 1');
    return new LogTransformerModel(nFeatures);
  }
}

installDisplay(
  LogTransformerModel.prototype,
  (model) => `LogTransformerModel { nFeatures: ${model.nFeatures} }`,
  (model) => htmlSummary('LogTransformerModel', [['nFeatures', String(model.nFeatures)], ['transform', 'log(1 + x)']]),
);
