import { toMatrix, type MatrixLike } from '../core/Matrix';
import { assertKnownOptions } from '../core/validateOptions';
import { LogTransformerModel, checkDomain } from './LogTransformerModel';

/**
 * `log(1 + x)` on every column: the usual first step for spend, order counts and other heavy right tails, so
 * a few big customers do not dominate distances. Zero stays zero; the inverse is `exp(y) − 1`.
 *
 * @example
 * new LogTransformer().fit([[0], [9]]).transform([[9]]).data; // => Float64Array [2.302585092994046]
 */
export class LogTransformer {
  /** @throws {@link SegmentkitError} `E_PARAM` for any option (it has none). */
  constructor(params: Record<string, never> = {}) {
    assertKnownOptions('LogTransformer', params, []);
  }

  /**
   * Check the columns (every value must be > −1) and remember their count.
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` naming the first value ≤ −1, `E_NOT_FINITE`, `E_EMPTY`.
   * @example
   * new LogTransformer().fit([[0, 1]]).nFeatures; // => 2
   */
  fit(X: MatrixLike): LogTransformerModel {
    const m = toMatrix(X, 'LogTransformer.fit');
    checkDomain(m, 'LogTransformer.fit');
    return new LogTransformerModel(m.cols);
  }
}
