import { describeValue } from '../../core/describeValue';
import { Estimator } from '../../core/Estimator';
import { logGamma } from '../../core/logGamma';
import { portableExp, portableLog } from '../../core/portableMath';
import { logBeta } from '../../core/regularizedBeta';
import { SegmentkitError } from '../../core/SegmentkitError';
import type { CustomerHistory } from '../betaGeo/BetaGeoModel';
import { fitPositiveParameters, groupRows, type FitSummary, type GroupedRows } from '../fitTransactionModel';
import { finiteResult, readCustomer, readSpan, readValueModel, valueFitterParams, type ValueFitterParams } from '../transactionModelKit';
import { ValueModel, withNumericGradient, type ValueModelJSON } from '../ValueModel';

/** BG/BB parameters: purchase probability p ~ Beta(α, β), dropout probability θ ~ Beta(γ, δ), per period. */
export interface BetaGeoBetaBinomParams {
  /** First shape of the beta distribution of the per-period purchase probability. */
  readonly alpha: number;
  /** Second shape of the beta distribution of the per-period purchase probability. */
  readonly beta: number;
  /** First shape of the beta distribution of the per-period dropout probability. */
  readonly gamma: number;
  /** Second shape of the beta distribution of the per-period dropout probability. */
  readonly delta: number;
}

/** The JSON form of a {@link BetaGeoBetaBinomModel}. */
export type BetaGeoBetaBinomModelJSON = ValueModelJSON<'BetaGeoBetaBinomModel', BetaGeoBetaBinomParams>;

/** Largest number of transaction opportunities a row may have: the likelihood sums over the silent periods. */
const MAX_OPPORTUNITIES = 100_000;

function readOpportunities(customer: CustomerHistory, context: string): { x: number; tx: number; n: number } {
  const { x, tx, T } = readCustomer(customer, context);
  if (!Number.isInteger(x) || !Number.isInteger(tx) || !Number.isInteger(T))
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: frequency ${x}, recency ${tx} and T ${T} must be whole numbers of periods (BG/BB is a discrete-time model)`,
    );
  if (x > tx) throw new SegmentkitError('E_PARSE', `${context}: ${x} repeat purchases by period ${tx}; at most one purchase per period`);
  if (T > MAX_OPPORTUNITIES)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: T is ${T} periods; BG/BB allows at most ${MAX_OPPORTUNITIES} (use a coarser period, e.g. weeks)`,
    );
  return { x, tx, n: T };
}

function readPeriods(t: unknown, context: string): number {
  const periods = readSpan(t, context);
  if (!Number.isInteger(periods) || periods > MAX_OPPORTUNITIES)
    throw new SegmentkitError('E_PARAM', `${context}: t must be a whole number of periods ≤ ${MAX_OPPORTUNITIES}, got ${periods}`);
  return periods;
}

/**
 * ln L of one customer (Fader, Hardie & Shang 2010, eq. 5): alive through all n periods, or dropped out after
 * period tₓ + i for some silent i, summed in log space.
 */
function customerLogLikelihood(alpha: number, beta: number, gamma: number, delta: number, x: number, tx: number, n: number): number {
  const base = logBeta(alpha, beta) + logBeta(gamma, delta);
  let max = logBeta(alpha + x, beta + n - x) + logBeta(gamma, delta + n) - base;
  const silent = n - tx;
  const terms = new Float64Array(silent + 1);
  terms[0] = max;
  for (let i = 0; i < silent; i++) {
    const term = logBeta(alpha + x, beta + tx - x + i) + logBeta(gamma + 1, delta + tx + i) - base;
    terms[i + 1] = term;
    if (term > max) max = term;
  }
  let sum = 0;
  for (let i = 0; i <= silent; i++) sum += portableExp(terms[i]! - max);
  return max + portableLog(sum);
}

function negativeLogLikelihood(rows: GroupedRows): (params: Float64Array) => number {
  return (params) => {
    const [alpha, beta, gamma, delta] = params as unknown as [number, number, number, number];
    let total = 0;
    for (let i = 0; i < rows.x.length; i++)
      total += rows.weight[i]! * customerLogLikelihood(alpha, beta, gamma, delta, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
    return -total;
  };
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * A fitted BG/BB model (Fader, Hardie & Shang 2010), immutable: discrete time, one transaction opportunity per
 * period (a yearly donation, a weekly visit). While alive a customer buys in a period with probability p and
 * drops out at its end with probability θ; p and θ vary across customers as Beta(α, β) and Beta(γ, δ). A customer
 * is `{ frequency, recency, T }` in periods: repeat purchases, the period of the last one, and the opportunities.
 *
 * @example
 * const model = BetaGeoBetaBinomModel.fromJSON({ kind: 'BetaGeoBetaBinomModel', version: 1, params: { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, logLikelihood: -33225.6, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 11104 });
 * model.probabilityAlive({ frequency: 6, recency: 6, T: 6 }).toFixed(3); // => '0.930'
 */
export class BetaGeoBetaBinomModel extends ValueModel<'BetaGeoBetaBinomModel', BetaGeoBetaBinomParams> {
  /** @internal Use {@link BetaGeoBetaBinomFitter.fit} or {@link BetaGeoBetaBinomModel.fromJSON}. */
  constructor(params: BetaGeoBetaBinomParams, fit: FitSummary, penalizer: number, nCustomers: number) {
    super('BetaGeoBetaBinomModel', 'BetaGeoBetaBinomModel (BG/BB)', params, fit, penalizer, nCustomers);
    Object.freeze(this);
  }

  #logLikelihood(x: number, tx: number, n: number): number {
    const { alpha, beta, gamma, delta } = this.params;
    return customerLogLikelihood(alpha, beta, gamma, delta, x, tx, n);
  }

  /**
   * P(alive in the next period, n + 1) given the history (the paper's eq. 11): alive through all n periods and
   * not dropping out after the last, over the likelihood.
   *
   * @throws {@link SegmentkitError} `E_PARSE` for a history that is not whole periods.
   * @example
   * const model = BetaGeoBetaBinomModel.fromJSON({ kind: 'BetaGeoBetaBinomModel', version: 1, params: { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, logLikelihood: -33225.6, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 11104 });
   * model.probabilityAlive({ frequency: 1, recency: 1, T: 6 }).toFixed(3); // => '0.069'
   */
  probabilityAlive(customer: CustomerHistory): number {
    const context = 'BetaGeoBetaBinomModel.probabilityAlive';
    const { x, tx, n } = readOpportunities(customer, context);
    const { alpha, beta, gamma, delta } = this.params;
    const logAlive = logBeta(alpha + x, beta + n - x) - logBeta(alpha, beta) + logBeta(gamma, delta + n + 1) - logBeta(gamma, delta);
    return finiteResult(Math.min(1, portableExp(logAlive - this.#logLikelihood(x, tx, n))), context);
  }

  /**
   * Expected purchases in the next `t` periods: for a new customer E[X(t)] (eq. 7), given a history the
   * conditional expectation over periods n + 1 … n + t (eq. 13).
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a `t` that is not a whole number of periods.
   * @example
   * const model = BetaGeoBetaBinomModel.fromJSON({ kind: 'BetaGeoBetaBinomModel', version: 1, params: { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, logLikelihood: -33225.6, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 11104 });
   * model.expectedPurchases(5, { frequency: 6, recency: 6, T: 6 }).toFixed(2); // => '3.75'
   */
  expectedPurchases(t: number, customer?: CustomerHistory): number {
    const context = 'BetaGeoBetaBinomModel.expectedPurchases';
    const periods = readPeriods(t, context);
    if (periods === 0) return 0;
    const { alpha, beta, gamma, delta } = this.params;
    const lead = delta / (gamma - 1);
    if (customer === undefined) {
      const ratio = portableExp(
        logGamma(gamma + delta) - logGamma(gamma + delta + periods) + logGamma(1 + delta + periods) - logGamma(1 + delta),
      );
      return finiteResult((alpha / (alpha + beta)) * lead * (1 - ratio), context);
    }
    const { x, tx, n } = readOpportunities(customer, context);
    const front = portableExp(
      logBeta(alpha + x + 1, beta + n - x) -
        logBeta(alpha, beta) +
        logGamma(gamma + delta) -
        logGamma(1 + delta) -
        this.#logLikelihood(x, tx, n),
    );
    const difference =
      portableExp(logGamma(1 + delta + n) - logGamma(gamma + delta + n)) -
      portableExp(logGamma(1 + delta + n + periods) - logGamma(gamma + delta + n + periods));
    return finiteResult(front * lead * difference, context);
  }

  /**
   * P(a new customer makes exactly `n` repeat purchases in their first `t` periods) (eq. 8).
   *
   * @throws {@link SegmentkitError} `E_PARAM` for `n` or `t` that are not whole numbers, or n > t.
   * @example
   * const model = BetaGeoBetaBinomModel.fromJSON({ kind: 'BetaGeoBetaBinomModel', version: 1, params: { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }, logLikelihood: -33225.6, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 11104 });
   * model.probabilityOfPurchases(0, 6).toFixed(3); // => '0.311'
   */
  probabilityOfPurchases(n: number, t: number): number {
    const context = 'BetaGeoBetaBinomModel.probabilityOfPurchases';
    const periods = readPeriods(t, context);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > periods)
      throw new SegmentkitError('E_PARAM', `${context}: n must be a whole number from 0 to t = ${periods}, got ${describeValue(n)}`);
    const { alpha, beta, gamma, delta } = this.params;
    const base = logBeta(alpha, beta) + logBeta(gamma, delta);
    let total = portableExp(logChoose(periods, n) + logBeta(alpha + n, beta + periods - n) + logBeta(gamma, delta + periods) - base);
    for (let i = n; i < periods; i++)
      total += portableExp(logChoose(i, n) + logBeta(alpha + n, beta + i - n) + logBeta(gamma + 1, delta + i) - base);
    return finiteResult(total, context);
  }

  /**
   * Rebuild from {@link BetaGeoBetaBinomModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * BetaGeoBetaBinomModel.fromJSON({ kind: 'BetaGeoBetaBinomModel', version: 1, params: { alpha: 1, beta: 2, gamma: 3, delta: 4 }, logLikelihood: 0, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 1 }).params.delta; // => 4
   */
  static fromJSON(json: unknown): BetaGeoBetaBinomModel {
    const { params, summary, penalizer, nCustomers } = readValueModel(json, 'BetaGeoBetaBinomModel', ['alpha', 'beta', 'gamma', 'delta']);
    const [alpha, beta, gamma, delta] = params as [number, number, number, number];
    return new BetaGeoBetaBinomModel({ alpha, beta, gamma, delta }, summary, penalizer, nCustomers);
  }
}

/** @internal */
export const BETA_GEO_BETA_BINOM_PARAMS: ReturnType<typeof valueFitterParams> = /* @__PURE__ */ valueFitterParams('BetaGeoBetaBinomFitter');

/**
 * Fit the BG/BB model by maximum likelihood (log-parameters, BFGS, central-difference gradient) to discrete-time
 * summaries: `{ frequency, recency, T }` in whole periods, with an optional `weight` for aggregated rows such as
 * the paper's donation data (`clvSummary` with the period of the opportunities gives such rows). On the donations
 * data: α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6, as the paper.
 *
 * @example
 * const rows = [{ frequency: 0, recency: 0, T: 6, weight: 30 }, { frequency: 3, recency: 5, T: 6, weight: 20 }, { frequency: 6, recency: 6, T: 6, weight: 15 }, { frequency: 1, recency: 2, T: 6, weight: 25 }];
 * new BetaGeoBetaBinomFitter().fit(rows).nCustomers; // => 90
 */
export class BetaGeoBetaBinomFitter extends Estimator<ValueFitterParams> {
  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a negative penalizer. */
  constructor(params: ValueFitterParams = {}) {
    super(BETA_GEO_BETA_BINOM_PARAMS, params);
  }

  /**
   * Estimate α, β, γ, δ from summary rows in whole periods.
   *
   * @throws {@link SegmentkitError} `E_PARSE` naming a malformed row, `E_PARAM` for more than 100,000 periods, `E_EMPTY`, `E_CONVERGENCE`.
   * @example
   * new BetaGeoBetaBinomFitter({ penalizer: 0.01 }).fit([{ frequency: 1, recency: 3, T: 5 }, { frequency: 0, recency: 0, T: 5 }]).penalizer; // => 0.01
   */
  fit(rows: readonly CustomerHistory[]): BetaGeoBetaBinomModel {
    const context = 'BetaGeoBetaBinomFitter.fit';
    const { penalizer } = BETA_GEO_BETA_BINOM_PARAMS.resolve(this.params);
    const grouped = groupRows(rows, context, true);
    for (let i = 0; i < grouped.T.length; i++) {
      if (grouped.T[i]! > MAX_OPPORTUNITIES)
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: a row has T = ${grouped.T[i]} periods; BG/BB allows at most ${MAX_OPPORTUNITIES} (use a coarser period, e.g. weeks)`,
        );
    }
    const value = negativeLogLikelihood(grouped);
    const { params, summary } = fitPositiveParameters(withNumericGradient(value), grouped.total, [1, 1, 1, 1], penalizer, context, value);
    const [alpha, beta, gamma, delta] = params as [number, number, number, number];
    return new BetaGeoBetaBinomModel({ alpha, beta, gamma, delta }, summary, penalizer, grouped.total);
  }
}
