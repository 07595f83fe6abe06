import { FittedModel } from '../core/FittedModel';
import type { Matrix, MatrixLike } from '../core/Matrix';
import { finiteCells, mapCells, OVERFLOW_HINT } from './fittedColumns';

/**
 * The shared shape of the per-column linear scalers ({@link StandardScalerModel}, {@link MinMaxScalerModel},
 * {@link RobustScalerModel}, {@link MaxAbsScalerModel}): `y = (x − shift) / divisor + offset`, inverted exactly.
 * Not constructed directly.
 *
 * @example
 * new StandardScaler().fit([[0], [4]]) instanceof AffineColumnsModel; // => true
 */
export abstract class AffineColumnsModel extends FittedModel {
  readonly #shift: Float64Array;
  readonly #divisor: Float64Array;
  readonly #offset: Float64Array;

  /** @internal */
  protected constructor(kind: string, shift: readonly number[], divisor: readonly number[], offset?: readonly number[]) {
    super(kind, shift.length);
    this.#shift = Float64Array.from(shift);
    this.#divisor = Float64Array.from(divisor);
    this.#offset = offset === undefined ? new Float64Array(shift.length) : Float64Array.from(offset);
  }

  /**
   * Scale rows with the fitted parameters.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`.
   * @example
   * new StandardScaler().fit([[0], [2]]).transform([[4]]).data; // => Float64Array [3]
   */
  transform(X: MatrixLike): Matrix {
    const m = this.rowsFor(X, 'transform');
    const shift = this.#shift;
    const divisor = this.#divisor;
    const offset = this.#offset;
    return finiteCells(
      mapCells(m, (v, j) => (v - shift[j]!) / divisor[j]! + offset[j]!),
      `${this.kind}.transform`,
      OVERFLOW_HINT,
    );
  }

  /**
   * Back to the original units.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count.
   * @example
   * new StandardScaler().fit([[0], [2]]).inverseTransform([[3]]).data; // => Float64Array [4]
   */
  inverseTransform(X: MatrixLike): Matrix {
    const m = this.rowsFor(X, 'inverseTransform');
    const shift = this.#shift;
    const divisor = this.#divisor;
    const offset = this.#offset;
    return finiteCells(
      mapCells(m, (v, j) => (v - offset[j]!) * divisor[j]! + shift[j]!),
      `${this.kind}.inverseTransform`,
      OVERFLOW_HINT,
    );
  }
}
