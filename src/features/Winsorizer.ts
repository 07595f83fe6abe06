import { Estimator } from '../core/Estimator';
import { check, ParamKit } from '../core/params';
import type { MatrixLike } from '../core/Matrix';
import { interpolateSorted } from '../core/quantile';
import { sortedColumn } from './columnValues';
import { WinsorizerModel } from './WinsorizerModel';

/** Options for {@link Winsorizer}. */
export interface WinsorizerParams {
  /** Lower and upper quantiles to clip at, in [0, 1]. Default `[0.01, 0.99]`. */
  readonly quantiles?: readonly [number, number];
}

/** @internal The spec of {@link WinsorizerParams}. */
export const WINSORIZER_PARAMS: ParamKit<WinsorizerParams, 'quantiles'> = /* @__PURE__ */ new ParamKit<WinsorizerParams, 'quantiles'>(
  'Winsorizer',
  () => ({
    quantiles: {
      doc: 'lower and upper quantiles to clip at, in [0, 1]',
      check: /* @__PURE__ */ check.range({ min: 0, max: 1 }),
      default: [0.01, 0.99],
    },
  }),
);

/**
 * Clip every column to quantiles learnt in fit (numpy's 'linear' quantiles), so a handful of extreme customers
 * cannot drag centroids around. Rows are never dropped; values are capped.
 *
 * @example
 * const model = new Winsorizer({ quantiles: [0, 0.75] }).fit([[1], [2], [3], [100]]);
 * model.transform([[100]]).data; // => Float64Array [27.25]
 */
export class Winsorizer extends Estimator<WinsorizerParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or quantiles outside 0 ≤ low < high ≤ 1. */
  constructor(params: WinsorizerParams = {}) {
    super(WINSORIZER_PARAMS, params);
  }

  /**
   * Learn each column's clip limits.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`.
   * @example
   * new Winsorizer({ quantiles: [0.25, 0.75] }).fit([[1], [2], [3], [4], [5]]).upper; // => [4]
   */
  fit(X: MatrixLike): WinsorizerModel {
    const { m } = this.startFit(X);
    const [low, high] = WINSORIZER_PARAMS.resolve(this.params).quantiles;
    const lower: number[] = [];
    const upper: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      const sorted = sortedColumn(m, j);
      lower.push(interpolateSorted(sorted, low));
      upper.push(interpolateSorted(sorted, high));
    }
    return new WinsorizerModel({ lower, upper });
  }
}
