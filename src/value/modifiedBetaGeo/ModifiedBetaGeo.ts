import { Estimator } from '../../core/Estimator';
import { hypergeometric2F1 } from '../../core/hypergeometric2F1';
import { logGamma } from '../../core/logGamma';
import { portableExp, portableLog } from '../../core/portableMath';
import type { BetaGeoParams, CustomerHistory } from '../betaGeo/BetaGeoModel';
import { fitPositiveParameters, groupRows, type FitSummary, type GroupedRows } from '../fitTransactionModel';
import { finiteResult, readCustomer, readSpan, readValueModel, valueFitterParams, type ValueFitterParams } from '../transactionModelKit';
import { ValueModel, withNumericGradient, type ValueModelJSON } from '../ValueModel';

/** The JSON form of a {@link ModifiedBetaGeoModel}. */
export type ModifiedBetaGeoModelJSON = ValueModelJSON<'ModifiedBetaGeoModel', BetaGeoParams>;

/**
 * MBG/NBD log-likelihood of grouped rows (Batislam, Denizel & Filiztekin 2007): as BG/NBD, but a customer may also
 * drop out right after the first purchase, so the dropout term is there for x = 0 too:
 * ln A₂ = ln Γ(a + b) + ln Γ(b + x + 1) − ln Γ(b) − ln Γ(a + b + x + 1), A₄ = a/(b + x) · (α + tₓ)^−(r+x).
 */
function negativeLogLikelihood(rows: GroupedRows): (params: Float64Array) => number {
  return (params) => {
    const [r, alpha, a, b] = params as unknown as [number, number, number, number];
    const constant = -logGamma(r) + r * portableLog(alpha) + logGamma(a + b) - logGamma(b);
    let total = 0;
    for (let i = 0; i < rows.x.length; i++) {
      const x = rows.x[i]!;
      const lnA3 = -(r + x) * portableLog(alpha + rows.T[i]!);
      const lnA4 = portableLog(a) - portableLog(b + x) - (r + x) * portableLog(alpha + rows.tx[i]!);
      const max = Math.max(lnA3, lnA4);
      const ll =
        constant +
        logGamma(r + x) +
        logGamma(b + x + 1) -
        logGamma(a + b + x + 1) +
        max +
        portableLog(portableExp(lnA3 - max) + portableExp(lnA4 - max));
      total += rows.weight[i]! * ll;
    }
    return -total;
  };
}

/**
 * A fitted MBG/NBD model (Batislam, Denizel & Filiztekin 2007), immutable: BG/NBD where a customer may drop out
 * before any repeat purchase, so long-silent one-time buyers are not all assumed alive.
 *
 * @example
 * const model = ModifiedBetaGeoModel.fromJSON({ kind: 'ModifiedBetaGeoModel', version: 1, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, logLikelihood: 0, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
 * model.probabilityAlive({ frequency: 0, recency: 0, T: 38 }) < 1; // => true
 */
export class ModifiedBetaGeoModel extends ValueModel<'ModifiedBetaGeoModel', BetaGeoParams> {
  /** @internal Use {@link ModifiedBetaGeoFitter.fit} or {@link ModifiedBetaGeoModel.fromJSON}. */
  constructor(params: BetaGeoParams, fit: FitSummary, penalizer: number, nCustomers: number) {
    super('ModifiedBetaGeoModel', 'ModifiedBetaGeoModel (MBG/NBD)', params, fit, penalizer, nCustomers);
    Object.freeze(this);
  }

  /**
   * P(alive) = 1 / (1 + a/(b + x) · ((α + T)/(α + tₓ))^(r+x)), below 1 even without repeat purchases.
   *
   * @example
   * const model = ModifiedBetaGeoModel.fromJSON({ kind: 'ModifiedBetaGeoModel', version: 1, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, logLikelihood: 0, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
   * model.probabilityAlive({ frequency: 0, recency: 0, T: 0 }).toFixed(4); // => '0.6443'
   */
  probabilityAlive(customer: CustomerHistory): number {
    const context = 'ModifiedBetaGeoModel.probabilityAlive';
    const { x, tx, T } = readCustomer(customer, context);
    const { r, alpha, a, b } = this.params;
    const logRatio = portableLog(a / (b + x)) + (r + x) * portableLog((alpha + T) / (alpha + tx));
    return finiteResult(logRatio > 0 ? portableExp(-logRatio) / (1 + portableExp(-logRatio)) : 1 / (1 + portableExp(logRatio)), context);
  }

  /**
   * Expected purchases in `t` periods. For a new customer b/(a − 1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]
   * (a geometric number of purchases from 0, as the model lets a customer drop out at once); given a history,
   * Batislam et al.'s conditional expectation (the future of a live customer is BG/NBD with p ~ Beta(a, b + x + 1)).
   *
   * @example
   * const model = ModifiedBetaGeoModel.fromJSON({ kind: 'ModifiedBetaGeoModel', version: 1, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, logLikelihood: 0, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
   * model.expectedPurchases(0); // => 0
   */
  expectedPurchases(t: number, customer?: CustomerHistory): number {
    const context = 'ModifiedBetaGeoModel.expectedPurchases';
    readSpan(t, context);
    if (t === 0) return 0;
    const { r, alpha, a, b } = this.params;
    if (customer === undefined) {
      return finiteResult(
        (b / (a - 1)) * (1 - hypergeometric2F1(r, b + 1, a + b, t / (alpha + t)) * portableExp(r * portableLog(alpha / (alpha + t)))),
        context,
      );
    }
    const { x, tx, T } = readCustomer(customer, context);
    const second =
      1 -
      hypergeometric2F1(r + x, b + x + 1, a + b + x, t / (alpha + T + t)) *
        portableExp((r + x) * portableLog((alpha + T) / (alpha + t + T)));
    const denominator = 1 + (a / (b + x)) * portableExp((r + x) * portableLog((alpha + T) / (alpha + tx)));
    return finiteResult((((a + b + x) / (a - 1)) * second) / denominator, context);
  }

  /**
   * Rebuild from {@link ModifiedBetaGeoModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * ModifiedBetaGeoModel.fromJSON({ kind: 'ModifiedBetaGeoModel', version: 1, params: { r: 1, alpha: 2, a: 3, b: 4 }, logLikelihood: 0, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 1 }).params.b; // => 4
   */
  static fromJSON(json: unknown): ModifiedBetaGeoModel {
    const { params, summary, penalizer, nCustomers } = readValueModel(json, 'ModifiedBetaGeoModel', ['r', 'alpha', 'a', 'b']);
    const [r, alpha, a, b] = params as [number, number, number, number];
    return new ModifiedBetaGeoModel({ r, alpha, a, b }, summary, penalizer, nCustomers);
  }
}

/** @internal */
export const MODIFIED_BETA_GEO_PARAMS: ReturnType<typeof valueFitterParams> = /* @__PURE__ */ valueFitterParams('ModifiedBetaGeoFitter');

/**
 * Fit the MBG/NBD model to customer summaries by maximum likelihood (log-parameters, BFGS, central-difference
 * gradient), as lifetimes' ModifiedBetaGeoFitter.
 *
 * @example
 * const model = new ModifiedBetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }, { frequency: 0, recency: 0, T: 20 }]);
 * model.nCustomers; // => 5
 */
export class ModifiedBetaGeoFitter extends Estimator<ValueFitterParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a negative penalizer. */
  constructor(params: ValueFitterParams = {}) {
    super(MODIFIED_BETA_GEO_PARAMS, params);
  }

  /**
   * Estimate r, α, a, b from summary rows.
   *
   * @throws {@link SegmentkitError} `E_PARSE` naming a malformed row, `E_EMPTY`, `E_CONVERGENCE`.
   * @example
   * new ModifiedBetaGeoFitter({ penalizer: 0.01 }).fit([{ frequency: 1, recency: 3, T: 10 }, { frequency: 0, recency: 0, T: 10 }]).penalizer; // => 0.01
   */
  fit(rows: readonly CustomerHistory[]): ModifiedBetaGeoModel {
    const context = 'ModifiedBetaGeoFitter.fit';
    const { penalizer } = MODIFIED_BETA_GEO_PARAMS.resolve(this.params);
    const grouped = groupRows(rows, context);
    const value = negativeLogLikelihood(grouped);
    const { params, summary } = fitPositiveParameters(withNumericGradient(value), grouped.total, [1, 1, 1, 1], penalizer, context, value);
    const [r, alpha, a, b] = params as [number, number, number, number];
    return new ModifiedBetaGeoModel({ r, alpha, a, b }, summary, penalizer, grouped.total);
  }
}
