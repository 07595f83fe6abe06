import { Estimator } from '../../core/Estimator';
import { hypergeometric2F1 } from '../../core/hypergeometric2F1';
import { logGamma } from '../../core/logGamma';
import { portableExp, portableLog, portableLog1p } from '../../core/portableMath';
import type { CustomerHistory } from '../betaGeo/BetaGeoModel';
import { fitPositiveParameters, groupRows, type FitSummary, type GroupedRows } from '../fitTransactionModel';
import { finiteResult, readCustomer, readSpan, readValueModel, valueFitterParams, type ValueFitterParams } from '../transactionModelKit';
import { ValueModel, withNumericGradient, type ValueModelJSON } from '../ValueModel';

/** Pareto/NBD parameters: purchase rates Gamma(r, α), dropout rates Gamma(s, β). */
export interface ParetoNBDParams {
  /** Shape of the gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the gamma distribution of purchase rates (in periods). */
  readonly alpha: number;
  /** Shape of the gamma distribution of dropout rates. */
  readonly s: number;
  /** Scale of the gamma distribution of dropout rates (in periods). */
  readonly beta: number;
}

/** The JSON form of a {@link ParetoNBDModel}. */
export type ParetoNBDModelJSON = ValueModelJSON<'ParetoNBDModel', ParetoNBDParams>;

/**
 * ln of A₀ (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model", eq. 19–20): the difference of two
 * ₂F₁ terms at tₓ and T, taken on the side of max(α, β) so the argument stays in [0, 1).
 */
function logA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const rsx = r + s + x;
  let first: number;
  let second: number;
  if (alpha >= beta) {
    first = portableLog(hypergeometric2F1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx))) - rsx * portableLog(alpha + tx);
    second = portableLog(hypergeometric2F1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + T))) - rsx * portableLog(alpha + T);
  } else {
    first = portableLog(hypergeometric2F1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx))) - rsx * portableLog(beta + tx);
    second = portableLog(hypergeometric2F1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + T))) - rsx * portableLog(beta + T);
  }
  // e^first − e^second with first ≥ second (tₓ ≤ T); equal when tₓ = T
  if (second >= first) return Number.NEGATIVE_INFINITY;
  return first + portableLog1p(-portableExp(second - first));
}

/** @internal Pareto/NBD log-likelihood of one customer (Fader & Hardie's note, eq. 22), in log space. */
function customerLogLikelihood(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const common = logGamma(r + x) - logGamma(r) + r * portableLog(alpha) + s * portableLog(beta);
  const lnFirst = -(r + x) * portableLog(alpha + T) - s * portableLog(beta + T);
  const lnSecond = portableLog(s / (r + s + x)) + logA0(r, alpha, s, beta, x, tx, T);
  const max = Math.max(lnFirst, lnSecond);
  return common + max + portableLog(portableExp(lnFirst - max) + portableExp(lnSecond - max));
}

function negativeLogLikelihood(rows: GroupedRows): (params: Float64Array) => number {
  return (params) => {
    const [r, alpha, s, beta] = params as unknown as [number, number, number, number];
    let total = 0;
    for (let i = 0; i < rows.x.length; i++)
      total += rows.weight[i]! * customerLogLikelihood(r, alpha, s, beta, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
    return -total;
  };
}

/**
 * A fitted Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), immutable: Poisson purchases while alive, an
 * exponential lifetime, both rates gamma-distributed across customers. Times are in the summary's periods.
 *
 * @example
 * const model = ParetoNBDModel.fromJSON({ kind: 'ParetoNBDModel', version: 1, params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, logLikelihood: -9595, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
 * model.probabilityAlive({ frequency: 0, recency: 0, T: 10 }) > model.probabilityAlive({ frequency: 0, recency: 0, T: 50 }); // => true
 */
export class ParetoNBDModel extends ValueModel<'ParetoNBDModel', ParetoNBDParams> {
  /** @internal Use {@link ParetoNBDFitter.fit} or {@link ParetoNBDModel.fromJSON}. */
  constructor(params: ParetoNBDParams, fit: FitSummary, penalizer: number, nCustomers: number) {
    super('ParetoNBDModel', 'ParetoNBDModel (Pareto/NBD)', params, fit, penalizer, nCustomers);
    Object.freeze(this);
  }

  /**
   * P(alive) given a customer's history: 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀).
   *
   * @example
   * const model = ParetoNBDModel.fromJSON({ kind: 'ParetoNBDModel', version: 1, params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, logLikelihood: -9595, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
   * model.probabilityAlive({ frequency: 2, recency: 38, T: 38 }); // => 1
   */
  probabilityAlive(customer: CustomerHistory): number {
    const context = 'ParetoNBDModel.probabilityAlive';
    const { x, tx, T } = readCustomer(customer, context);
    const { r, alpha, s, beta } = this.params;
    const logRatio =
      portableLog(s / (r + s + x)) + (r + x) * portableLog(alpha + T) + s * portableLog(beta + T) + logA0(r, alpha, s, beta, x, tx, T);
    return finiteResult(logRatio > 0 ? portableExp(-logRatio) / (1 + portableExp(-logRatio)) : 1 / (1 + portableExp(logRatio)), context);
  }

  /**
   * Expected purchases in `t` periods: for a new customer, r β / (α (s − 1)) · [1 − (β/(β+t))^(s−1)]; given a
   * history, P(alive) · (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)].
   *
   * @example
   * const model = ParetoNBDModel.fromJSON({ kind: 'ParetoNBDModel', version: 1, params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, logLikelihood: -9595, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
   * model.expectedPurchases(0); // => 0
   */
  expectedPurchases(t: number, customer?: CustomerHistory): number {
    const context = 'ParetoNBDModel.expectedPurchases';
    readSpan(t, context);
    if (t === 0) return 0;
    const { r, alpha, s, beta } = this.params;
    if (customer === undefined)
      return finiteResult(((r * beta) / (alpha * (s - 1))) * (1 - portableExp((s - 1) * portableLog(beta / (beta + t)))), context);
    const { x, T } = readCustomer(customer, context);
    return finiteResult(
      this.probabilityAlive(customer) *
        (((r + x) * (beta + T)) / ((alpha + T) * (s - 1))) *
        (1 - portableExp((s - 1) * portableLog((beta + T) / (beta + T + t)))),
      context,
    );
  }

  /**
   * Rebuild from {@link ParetoNBDModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * ParetoNBDModel.fromJSON({ kind: 'ParetoNBDModel', version: 1, params: { r: 1, alpha: 2, s: 3, beta: 4 }, logLikelihood: 0, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 1 }).params.s; // => 3
   */
  static fromJSON(json: unknown): ParetoNBDModel {
    const { params, summary, penalizer, nCustomers } = readValueModel(json, 'ParetoNBDModel', ['r', 'alpha', 's', 'beta']);
    const [r, alpha, s, beta] = params as [number, number, number, number];
    return new ParetoNBDModel({ r, alpha, s, beta }, summary, penalizer, nCustomers);
  }
}

/** @internal */
export const PARETO_NBD_PARAMS: ReturnType<typeof valueFitterParams> = /* @__PURE__ */ valueFitterParams('ParetoNBDFitter');

/**
 * Fit the Pareto/NBD model to customer summaries by maximum likelihood (log-parameters, BFGS; the likelihood in
 * log space with the ₂F₁ terms of Fader & Hardie's note; a central-difference gradient, as the ₂F₁ terms have no
 * simple derivative in their parameters). On CDNOW: r = 0.553, α = 10.58, s = 0.606, β = 11.67, LL = −9595.0.
 *
 * @example
 * const model = new ParetoNBDFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }, { frequency: 0, recency: 0, T: 20 }]);
 * model.nCustomers; // => 5
 */
export class ParetoNBDFitter extends Estimator<ValueFitterParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a negative penalizer. */
  constructor(params: ValueFitterParams = {}) {
    super(PARETO_NBD_PARAMS, params);
  }

  /**
   * Estimate r, α, s, β from summary rows.
   *
   * @throws {@link SegmentkitError} `E_PARSE` naming a malformed row, `E_EMPTY`, `E_CONVERGENCE`.
   * @example
   * new ParetoNBDFitter({ penalizer: 0.01 }).fit([{ frequency: 1, recency: 3, T: 10 }, { frequency: 0, recency: 0, T: 10 }]).penalizer; // => 0.01
   */
  fit(rows: readonly CustomerHistory[]): ParetoNBDModel {
    const context = 'ParetoNBDFitter.fit';
    const { penalizer } = PARETO_NBD_PARAMS.resolve(this.params);
    const grouped = groupRows(rows, context);
    const value = negativeLogLikelihood(grouped);
    const { params, summary } = fitPositiveParameters(withNumericGradient(value), grouped.total, [1, 1, 1, 1], penalizer, context, value);
    const [r, alpha, s, beta] = params as [number, number, number, number];
    return new ParetoNBDModel({ r, alpha, s, beta }, summary, penalizer, grouped.total);
  }
}
