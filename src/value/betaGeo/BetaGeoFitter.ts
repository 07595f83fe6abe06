import { Estimator } from '../../core/Estimator';
import { fitPositiveParameters, groupRows } from '../fitTransactionModel';
import { valueFitterParams, type ValueFitterParams } from '../transactionModelKit';
import { betaGeoNegativeLogLikelihood } from './betaGeoLikelihood';
import { BetaGeoModel, type CustomerHistory } from './BetaGeoModel';

/** @internal The spec of the BG/NBD fitter's options. */
export const BETA_GEO_PARAMS: ReturnType<typeof valueFitterParams> = /* @__PURE__ */ valueFitterParams('BetaGeoFitter');

/**
 * Fit the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way") to customer summaries:
 * maximum likelihood as lifetimes (log-parameters, BFGS, analytic gradient; identical rows grouped first), with
 * standard errors and 95 % intervals from the Hessian. On the paper's CDNOW cohort it gives r = 0.243,
 * α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4.
 *
 * @example
 * const model = new BetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }]);
 * model.fit.converged; // => true
 */
export class BetaGeoFitter extends Estimator<ValueFitterParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a negative penalizer. */
  constructor(params: ValueFitterParams = {}) {
    super(BETA_GEO_PARAMS, params);
  }

  /**
   * Estimate r, α, a, b from summary rows (`frequency`, `recency`, `T`; {@link clvSummary}'s output).
   *
   * @throws {@link SegmentkitError} `E_PARSE` naming a malformed row, `E_EMPTY`, `E_CONVERGENCE` when the
   *   estimate runs off (try a penalizer).
   * @example
   * new BetaGeoFitter({ penalizer: 0.01 }).fit([{ frequency: 1, recency: 3, T: 10 }, { frequency: 0, recency: 0, T: 10 }]).penalizer; // => 0.01
   */
  fit(rows: readonly CustomerHistory[]): BetaGeoModel {
    const context = 'BetaGeoFitter.fit';
    const { penalizer } = BETA_GEO_PARAMS.resolve(this.params);
    const grouped = groupRows(rows, context);
    const { params, summary } = fitPositiveParameters(
      (p, g) => betaGeoNegativeLogLikelihood(grouped, p, g),
      grouped.total,
      [1, 1, 1, 1],
      penalizer,
      context,
    );
    const [r, alpha, a, b] = params as [number, number, number, number];
    return new BetaGeoModel({ r, alpha, a, b }, summary, penalizer, grouped.total);
  }
}
