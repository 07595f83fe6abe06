import { Estimator } from '../core/Estimator';
import { check, ParamKit } from '../core/params';
import type { MatrixLike } from '../core/Matrix';
import { minimizeScalar } from '../core/minimizeScalar';
import { columnValues } from './columnValues';
import { mapCells } from './fittedColumns';
import { boxCox, boxCoxNegativeLogLikelihood, powerColumn, yeoJohnson, yeoJohnsonNegativeLogLikelihood } from './powerTransforms';
import { StandardScaler } from './StandardScaler';
import { PowerTransformerModel, checkPositive } from './PowerTransformerModel';

/** Options for {@link PowerTransformer}. */
export interface PowerTransformerParams {
  /** `'yeo-johnson'` (default; any sign) or `'box-cox'` (strictly positive data only). */
  readonly method?: 'yeo-johnson' | 'box-cox';
  /** Standardise the transformed columns to mean 0, variance 1. Default `true`. */
  readonly standardize?: boolean;
}

type PowerTransformerDefaults = 'method' | 'standardize';

/** @internal The spec of {@link PowerTransformerParams}. */
export const POWER_TRANSFORMER_PARAMS: ParamKit<PowerTransformerParams, PowerTransformerDefaults> = /* @__PURE__ */ new ParamKit<
  PowerTransformerParams,
  PowerTransformerDefaults
>('PowerTransformer', () => ({
  method: {
    doc: "'yeo-johnson' (any sign) or 'box-cox' (positive data)",
    check: /* @__PURE__ */ check.oneOf(['yeo-johnson', 'box-cox']),
    default: 'yeo-johnson',
  },
  standardize: { doc: 'standardise the transformed columns', check: check.boolean, default: true },
}));

/**
 * Make skewed columns as Gaussian as a power transform can, with λ fitted per column by maximum likelihood
 * (Brent's method bracketed from −2, 2), exactly as scikit-learn's `PowerTransformer`: Yeo–Johnson for any
 * sign, Box–Cox for strictly positive data; then (by default) standardise.
 *
 * @example
 * const model = new PowerTransformer().fit([[1], [2], [3], [50], [400]]);
 * model.lambdas.length; // => 1
 */
export class PowerTransformer extends Estimator<PowerTransformerParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or method. */
  constructor(params: PowerTransformerParams = {}) {
    super(POWER_TRANSFORMER_PARAMS, params);
  }

  /**
   * Fit λ for every column (and the standardiser).
   *
   * @throws {@link SegmentkitError} `E_DOMAIN` (Box–Cox on a value ≤ 0), `E_NOT_FINITE`, `E_EMPTY`.
   * @example
   * new PowerTransformer({ method: 'box-cox', standardize: false }).fit([[1], [2], [4], [8]]).lambdas[0].toFixed(3); // => '0.000' (λ = 0 is the log: powers of 2 are log-uniform)
   */
  fit(X: MatrixLike): PowerTransformerModel {
    const { method, standardize } = POWER_TRANSFORMER_PARAMS.resolve(this.params);
    const { m } = this.startFit(X);
    if (method === 'box-cox') checkPositive(m, 'PowerTransformer.fit');
    const lambdas: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      const column = powerColumn(columnValues(m, j), method);
      const objective =
        method === 'box-cox'
          ? (lambda: number) => boxCoxNegativeLogLikelihood(column, lambda)
          : (lambda: number) => yeoJohnsonNegativeLogLikelihood(column, lambda);
      lambdas.push(minimizeScalar(objective, { bracket: [-2, 2] }).x);
    }
    const forward = method === 'box-cox' ? boxCox : yeoJohnson;
    const scaler = standardize ? new StandardScaler().fit(mapCells(m, (v, j) => forward(v, lambdas[j]!))) : null;
    return new PowerTransformerModel({ method, standardize, lambdas, scaler: scaler === null ? null : scaler.toJSON() });
  }
}
