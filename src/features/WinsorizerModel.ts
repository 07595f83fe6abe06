import { columnsSummary, numberList } from '../core/display';
import type { Matrix, MatrixLike } from '../core/Matrix';
import { FittedModel } from '../core/FittedModel';
import { checkModel, readModelHeader, readNumberArray } from '../core/modelJson';
import { mapCells } from './fittedColumns';

/** The JSON form of a {@link WinsorizerModel}. */
export interface WinsorizerModelJSON {
  /** Always `'WinsorizerModel'`. */
  readonly kind: 'WinsorizerModel';
  /** Format version. */
  readonly version: 1;
  /** Lower clip per column. */
  readonly lower: number[];
  /** Upper clip per column. */
  readonly upper: number[];
}

const KIND = 'WinsorizerModel';

/**
 * A fitted {@link Winsorizer} (immutable).
 *
 * @example
 * new Winsorizer({ quantiles: [0.25, 0.75] }).fit([[1], [2], [3], [4], [5]]).transform([[10], [0]]).data; // => Float64Array [4, 2]
 */
export class WinsorizerModel extends FittedModel {
  /** Lower clip per column. */
  readonly lower: readonly number[];
  /** Upper clip per column. */
  readonly upper: readonly number[];

  /** @internal Use {@link Winsorizer.fit} or {@link WinsorizerModel.fromJSON}. */
  constructor(fields: Omit<WinsorizerModelJSON, 'kind' | 'version'>) {
    super(KIND, fields.lower.length);
    this.lower = Object.freeze([...fields.lower]);
    this.upper = Object.freeze([...fields.upper]);
    Object.freeze(this);
  }

  /**
   * Clip every value to its column's limits.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count.
   * @example
   * new Winsorizer({ quantiles: [0.25, 0.75] }).fit([[1], [2], [3], [4], [5]]).transform([[0], [9]]).data; // => Float64Array [2, 4]
   */
  transform(X: MatrixLike): Matrix {
    const { lower, upper } = this;
    return mapCells(this.rowsFor(X, 'transform'), (v, j) => Math.min(upper[j]!, Math.max(lower[j]!, v)));
  }

  /**
   * The identity: clipped values cannot be recovered (centroids are reported within the clip limits).
   *
   * @example
   * new Winsorizer().fit([[1], [2]]).inverseTransform([[1.5]]).data; // => Float64Array [1.5]
   */
  inverseTransform(X: MatrixLike): Matrix {
    return mapCells(this.rowsFor(X, 'inverseTransform'), (v) => v);
  }

  /**
   * The fitted winsorizer as plain JSON.
   *
   * @example
   * new Winsorizer({ quantiles: [0, 1] }).fit([[1], [2]]).toJSON().upper; // => [2]
   */
  toJSON(): WinsorizerModelJSON {
    return { kind: KIND, version: 1, lower: [...this.lower], upper: [...this.upper] };
  }

  /**
   * Rebuild from {@link WinsorizerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * WinsorizerModel.fromJSON({ kind: 'WinsorizerModel', version: 1, lower: [0], upper: [5] }).upper; // => [5]
   */
  static fromJSON(json: unknown): WinsorizerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const lower = readNumberArray(object, 'lower', context);
    const upper = readNumberArray(object, 'upper', context, lower.length);
    checkModel(lower.length > 0 && lower.every((v, j) => v <= upper[j]!), context, 'lower must be non-empty and ≤ upper');
    return new WinsorizerModel({ lower, upper });
  }

  /** @internal */
  protected summaryLine(): string {
    return `WinsorizerModel { nFeatures: ${this.nFeatures}, lower: ${numberList(this.lower)}, upper: ${numberList(this.upper)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary(
      'WinsorizerModel',
      [['nFeatures', String(this.nFeatures)]],
      [
        ['lower', this.lower],
        ['upper', this.upper],
      ],
    );
  }
}
