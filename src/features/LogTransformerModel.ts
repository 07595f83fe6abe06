import { htmlSummary } from '../core/display';
import type { Matrix, MatrixLike } from '../core/Matrix';
import { FittedModel } from '../core/FittedModel';
import { checkModel, readModelHeader, readNumber } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { finiteCells, mapCells, OVERFLOW_HINT } from './fittedColumns';
import { portableExpm1, portableLog1p } from '../core/portableMath';

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

export function checkDomain(m: Matrix, context: string): void {
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
 * A fitted {@link LogTransformer} (immutable).
 *
 * @example
 * const model = new LogTransformer().fit([[0], [9]]);
 * model.inverseTransform(model.transform([[9]])).data[0].toFixed(9); // => '9.000000000'
 */
export class LogTransformerModel extends FittedModel {
  /** @internal Use {@link LogTransformer.fit} or {@link LogTransformerModel.fromJSON}. */
  constructor(nFeatures: number) {
    super(KIND, nFeatures);
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
    const m = this.rowsFor(X, 'transform');
    checkDomain(m, 'LogTransformerModel.transform');
    return mapCells(m, portableLog1p);
  }

  /**
   * `expm1` of every value: back to the original units.
   *
   * @example
   * new LogTransformer().fit([[0]]).inverseTransform([[1]]).data; // => Float64Array [1.718281828459045]
   */
  inverseTransform(X: MatrixLike): Matrix {
    return finiteCells(mapCells(this.rowsFor(X, 'inverseTransform'), portableExpm1), `${this.kind}.inverseTransform`, OVERFLOW_HINT);
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

  /** @internal */
  protected summaryLine(): string {
    return `LogTransformerModel { nFeatures: ${this.nFeatures} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary('LogTransformerModel', [
      ['nFeatures', String(this.nFeatures)],
      ['transform', 'log(1 + x)'],
    ]);
  }
}
