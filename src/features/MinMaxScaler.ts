import { Estimator } from '../core/Estimator';
import { check, ParamKit } from '../core/params';
import type { MatrixLike } from '../core/Matrix';
import { MinMaxScalerModel } from './MinMaxScalerModel';

/** Options for {@link MinMaxScaler}. */
export interface MinMaxScalerParams {
  /** Target range of every column. Default `[0, 1]`. */
  readonly featureRange?: readonly [number, number];
}

/** @internal The spec of {@link MinMaxScalerParams}. */
export const MIN_MAX_SCALER_PARAMS: ParamKit<MinMaxScalerParams, 'featureRange'> = /* @__PURE__ */ new ParamKit<
  MinMaxScalerParams,
  'featureRange'
>('MinMaxScaler', () => ({
  featureRange: { doc: 'target range of every column', check: /* @__PURE__ */ check.range({ labels: ['min', 'max'] }), default: [0, 1] },
}));

/**
 * Rescale every column linearly so the fitted minimum maps to `featureRange[0]` and the maximum to
 * `featureRange[1]`, as scikit-learn's `MinMaxScaler`. A constant column maps to `featureRange[0]`.
 * New values outside the fitted range map outside the target range (no clipping).
 *
 * @example
 * new MinMaxScaler().fit([[10], [20]]).transform([[15]]).data; // => Float64Array [0.5]
 */
export class MinMaxScaler extends Estimator<MinMaxScalerParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a range with min ≥ max. */
  constructor(params: MinMaxScalerParams = {}) {
    super(MIN_MAX_SCALER_PARAMS, params);
  }

  /**
   * Learn each column's minimum and maximum.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new MinMaxScaler().fit([[10], [20]]).dataMax; // => [20]
   */
  fit(X: MatrixLike): MinMaxScalerModel {
    const { m } = this.startFit(X);
    const dataMin = new Array<number>(m.cols).fill(Infinity);
    const dataMax = new Array<number>(m.cols).fill(-Infinity);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j]!;
        if (v < dataMin[j]!) dataMin[j] = v;
        if (v > dataMax[j]!) dataMax[j] = v;
      }
    }
    return new MinMaxScalerModel({
      featureRange: [...MIN_MAX_SCALER_PARAMS.resolve(this.params).featureRange] as [number, number],
      dataMin,
      dataMax,
    });
  }
}
