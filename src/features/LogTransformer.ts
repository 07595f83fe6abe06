import type { MatrixLike } from '../core/Matrix';
import { Estimator } from '../core/Estimator';
import { ParamKit } from '../core/params';
import { LogTransformerModel, checkDomain } from './LogTransformerModel';

/** @internal The spec of {@link LogTransformer}'s parameters: it has none. */
export const LOG_TRANSFORMER_PARAMS: ParamKit<Record<string, never>> = /* @__PURE__ */ new ParamKit<Record<string, never>>(
  'LogTransformer',
  () => ({}),
);

/**
 * `log(1 + x)` on every column: the usual first step for spend, order counts and other heavy right tails, so
 * a few big customers do not dominate distances. Zero stays zero; the inverse is `exp(y) − 1`.
 *
 * @example
 * new LogTransformer().fit([[0], [9]]).transform([[9]]).data; // => Float64Array [2.302585092994046]
 */
export class LogTransformer extends Estimator<Record<string, never>> {
  /** @throws {@link SegmentkitError} `E_PARAM` for any option (it has none). */
  constructor(params: Record<string, never> = {}) {
    super(LOG_TRANSFORMER_PARAMS, params);
  }

  /**
   * Check the columns (every value must be > −1) and remember their count.
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` naming the first value ≤ −1, `E_NOT_FINITE`, `E_EMPTY`.
   * @example
   * new LogTransformer().fit([[0, 1]]).nFeatures; // => 2
   */
  fit(X: MatrixLike): LogTransformerModel {
    const { m } = this.startFit(X);
    checkDomain(m, 'LogTransformer.fit');
    return new LogTransformerModel(m.cols);
  }
}
