import { SegmentkitError } from '../core/SegmentkitError';
import { Estimator } from '../core/Estimator';
import { check, ParamKit } from '../core/params';
import type { MatrixLike } from '../core/Matrix';
import { normalQuantile } from '../core/normalQuantile';
import { interpolateSorted } from '../core/quantile';
import { sortedColumn } from './columnValues';
import { handleZerosInScale } from './fittedColumns';
import { RobustScalerModel } from './RobustScalerModel';

/** Options for {@link RobustScaler}. */
export interface RobustScalerParams {
  /** Subtract the median. Default `true`. */
  readonly withCentering?: boolean;
  /** Divide by the inter-quantile range. Default `true`. */
  readonly withScaling?: boolean;
  /** The percentiles whose difference is the scale. Default `[25, 75]` (the IQR). */
  readonly quantileRange?: readonly [number, number];
  /** Also divide by the normal distribution's width for that range, so normal data ends with variance 1. Default `false`. */
  readonly unitVariance?: boolean;
}

type RobustScalerDefaults = 'withCentering' | 'withScaling' | 'quantileRange' | 'unitVariance';

/** @internal The spec of {@link RobustScalerParams}. */
export const ROBUST_SCALER_PARAMS: ParamKit<RobustScalerParams, RobustScalerDefaults> = /* @__PURE__ */ new ParamKit<
  RobustScalerParams,
  RobustScalerDefaults
>('RobustScaler', () => ({
  withCentering: { doc: 'subtract the median', check: check.boolean, default: true },
  withScaling: { doc: 'divide by the inter-quantile range', check: check.boolean, default: true },
  quantileRange: {
    doc: 'the percentiles whose difference is the scale',
    check: /* @__PURE__ */ check.range({ min: 0, max: 100 }),
    default: [25, 75],
  },
  unitVariance: { doc: 'also divide by the normal width of that range', check: check.boolean, default: false },
}));

/**
 * Scale with statistics that outliers barely move: subtract the median, divide by the inter-quartile range
 * (numpy 'linear' percentiles), as scikit-learn's `RobustScaler`. A zero range (e.g. a mostly-zero column)
 * gives scale 1. Prefer it to {@link StandardScaler} for spend-like columns with a few huge customers.
 *
 * @example
 * new RobustScaler().fit([[1], [2], [3], [4], [100]]).center; // => [3]
 */
export class RobustScaler extends Estimator<RobustScalerParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a range outside 0 ≤ low < high ≤ 100. */
  constructor(params: RobustScalerParams = {}) {
    super(ROBUST_SCALER_PARAMS, params);
  }

  /**
   * Learn each column's median and inter-quantile range.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new RobustScaler().fit([[1], [2], [3], [4], [100]]).scale; // => [2]
   */
  fit(X: MatrixLike): RobustScalerModel {
    const { m } = this.startFit(X);
    const { quantileRange, withCentering, withScaling, unitVariance } = ROBUST_SCALER_PARAMS.resolve(this.params);
    const [low, high] = quantileRange;
    const center: number[] = [];
    const scale: number[] = [];
    const normalWidth = unitVariance ? normalQuantile(high / 100) - normalQuantile(low / 100) : 1;
    for (let j = 0; j < m.cols; j++) {
      const sorted = sortedColumn(m, j);
      center.push(interpolateSorted(sorted, 0.5));
      const range = interpolateSorted(sorted, high / 100) - interpolateSorted(sorted, low / 100);
      if (range === Infinity) {
        throw new SegmentkitError(
          'E_DOMAIN',
          `RobustScaler.fit: the inter-quantile range of column ${j} exceeds the largest double; rescale the column (divide it by a power of ten) first`,
        );
      }
      scale.push(handleZerosInScale(range) / normalWidth);
    }
    return new RobustScalerModel({
      withCentering,
      withScaling,
      center,
      scale,
    });
  }
}
