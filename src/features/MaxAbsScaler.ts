import type { MatrixLike } from '../core/Matrix';
import { Estimator } from '../core/Estimator';
import { ParamKit } from '../core/params';
import { MaxAbsScalerModel } from './MaxAbsScalerModel';

/** @internal The spec of {@link MaxAbsScaler}'s parameters: it has none. */
export const MAX_ABS_SCALER_PARAMS: ParamKit<Record<string, never>> = /* @__PURE__ */ new ParamKit<Record<string, never>>(
  'MaxAbsScaler',
  () => ({}),
);

/**
 * Divide every column by its largest absolute value, so values land in [−1, 1] and zeros stay zeros (as
 * scikit-learn's `MaxAbsScaler`). An all-zero column is left as is.
 *
 * @example
 * new MaxAbsScaler().fit([[-4], [2]]).transform([[2]]).data; // => Float64Array [0.5]
 */
export class MaxAbsScaler extends Estimator<Record<string, never>> {
  /** @throws {@link SegmentkitError} `E_PARAM` for any option (it has none). */
  constructor(params: Record<string, never> = {}) {
    super(MAX_ABS_SCALER_PARAMS, params);
  }

  /**
   * Learn each column's largest absolute value.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new MaxAbsScaler().fit([[-4], [2]]).maxAbs; // => [4]
   */
  fit(X: MatrixLike): MaxAbsScalerModel {
    const { m } = this.startFit(X);
    const maxAbs = new Array<number>(m.cols).fill(0);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) maxAbs[j] = Math.max(maxAbs[j]!, Math.abs(m.data[i * m.cols + j]!));
    }
    return new MaxAbsScalerModel({ maxAbs });
  }
}
