import { Estimator } from '../core/Estimator';
import { check, ParamKit } from '../core/params';
import { columnMomentsOf, requireFiniteVariances } from '../core/columnMeans';
import type { MatrixLike } from '../core/Matrix';
import { handleZerosInScale } from './fittedColumns';
import { StandardScalerModel } from './StandardScalerModel';

/** Options for {@link StandardScaler}. */
export interface StandardScalerParams {
  /** Subtract the column mean. Default `true`. */
  readonly withMean?: boolean;
  /** Divide by the column standard deviation (population, ddof 0). Default `true`. */
  readonly withStd?: boolean;
}

/**
 * scikit-learn's `_is_constant_feature`: a variance within the rounding error of its own computation counts as
 * zero, so a constant column (even a large one such as 1e9 repeated) gets scale 1 instead of a noise scale.
 */
function isConstantFeature(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  return variance <= n * eps * variance + (n * mean * eps) ** 2;
}

type StandardScalerDefaults = 'withMean' | 'withStd';

/** @internal The spec of {@link StandardScalerParams}. */
export const STANDARD_SCALER_PARAMS: ParamKit<StandardScalerParams, StandardScalerDefaults> = /* @__PURE__ */ new ParamKit<
  StandardScalerParams,
  StandardScalerDefaults
>('StandardScaler', () => ({
  withMean: { doc: 'subtract the column mean', check: check.boolean, default: true },
  withStd: { doc: 'divide by the column standard deviation (ddof 0)', check: check.boolean, default: true },
}));

/**
 * Standardise columns: z = (x − mean) / std, with the population standard deviation (ddof 0) as scikit-learn.
 * A constant column gets scale 1 (it is centred, not divided by zero).
 *
 * @example
 * const scaler = new StandardScaler().fit([[1, 10], [3, 10]]);
 * scaler.transform([[2, 10]]).data; // => Float64Array [0, 0]
 */
export class StandardScaler extends Estimator<StandardScalerParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option. */
  constructor(params: StandardScalerParams = {}) {
    super(STANDARD_SCALER_PARAMS, params);
  }

  /**
   * Learn each column's mean and standard deviation.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`; `E_DOMAIN` for a column
   *   whose variance exceeds the largest double (rescale it).
   * @example
   * new StandardScaler().fit([[0], [2]]).mean; // => [1]
   */
  fit(X: MatrixLike): StandardScalerModel {
    const { m } = this.startFit(X);
    const { means, variances } = columnMomentsOf(m, 0);
    // the mean always fits (it is computed rescaled when the sum overflows); a variance past the largest double
    // cannot be stored, and a scale of Infinity would map every value to 0
    requireFiniteVariances('StandardScaler.fit', variances);
    const scale = Array.from(variances, (v, j) => handleZerosInScale(Math.sqrt(v), isConstantFeature(v, means[j]!, m.rows)));
    const { withMean, withStd } = STANDARD_SCALER_PARAMS.resolve(this.params);
    return new StandardScalerModel({
      withMean,
      withStd,
      mean: Array.from(means),
      var: Array.from(variances),
      scale,
      nSamplesSeen: m.rows,
    });
  }
}
