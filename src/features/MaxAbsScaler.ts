import { toMatrix, type MatrixLike } from '../core/Matrix';
import { assertKnownOptions } from '../core/validateOptions';
import { MaxAbsScalerModel } from './MaxAbsScalerModel';

/**
 * Divide every column by its largest absolute value, so values land in [−1, 1] and zeros stay zeros (as
 * scikit-learn's `MaxAbsScaler`). An all-zero column is left as is.
 *
 * @example
 * new MaxAbsScaler().fit([[-4], [2]]).transform([[2]]).data; // => Float64Array [0.5]
 */
export class MaxAbsScaler {
  /** @throws {@link SegmentkitError} `E_PARAM` for any option (it has none). */
  constructor(params: Record<string, never> = {}) {
    assertKnownOptions('MaxAbsScaler', params, []);
  }

  /**
   * Learn each column's largest absolute value.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new MaxAbsScaler().fit([[-4], [2]]).maxAbs; // => [4]
   */
  fit(X: MatrixLike): MaxAbsScalerModel {
    const m = toMatrix(X, 'MaxAbsScaler.fit');
    const maxAbs = new Array<number>(m.cols).fill(0);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) maxAbs[j] = Math.max(maxAbs[j]!, Math.abs(m.data[i * m.cols + j]!));
    }
    return new MaxAbsScalerModel({ maxAbs });
  }
}
