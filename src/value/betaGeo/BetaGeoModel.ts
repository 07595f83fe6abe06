import { describeValue } from '../../core/describeValue';
import { ValueModel, type ValueModelJSON } from '../ValueModel';
import { hypergeometric2F1 } from '../../core/hypergeometric2F1';
import { logGamma } from '../../core/logGamma';
import { regularizedBeta } from '../../core/regularizedBeta';
import { SegmentkitError } from '../../core/SegmentkitError';
import { portableExp, portableLog } from '../../core/portableMath';
import type { FitSummary } from '../fitTransactionModel';
import { finiteResult, readCustomer, readSpan, readValueModel } from '../transactionModelKit';

/** BG/NBD parameters: purchase-rate heterogeneity Gamma(r, α), dropout probability Beta(a, b). */
export interface BetaGeoParams {
  /** Shape of the gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the gamma distribution of purchase rates (in periods). */
  readonly alpha: number;
  /** First shape of the beta distribution of the drop-out probability. */
  readonly a: number;
  /** Second shape of the beta distribution of the drop-out probability. */
  readonly b: number;
}

/** A customer as the transaction models read them (a row of {@link clvSummary}). */
export interface CustomerHistory {
  /** Repeat purchase periods. */
  readonly frequency: number;
  /** Age at the last purchase. */
  readonly recency: number;
  /** Age at the end of observation. */
  readonly T: number;
  /** For fitting: how many identical customers the row stands for (aggregated data); default 1. */
  readonly weight?: number;
}

/** The JSON form of a {@link BetaGeoModel}. */
export type BetaGeoModelJSON = ValueModelJSON<'BetaGeoModel', BetaGeoParams>;

const KIND = 'BetaGeoModel';
const NAMES = ['r', 'alpha', 'a', 'b'] as const;

function logBetaFunction(x: number, y: number): number {
  return logGamma(x) + logGamma(y) - logGamma(x + y);
}

/**
 * A fitted BG/NBD model (Fader, Hardie & Lee 2005), immutable: each customer buys at a Poisson rate while alive
 * and may drop out after any purchase. Produced by {@link BetaGeoFitter.fit}; times are in the summary's periods.
 *
 * @example
 * const model = BetaGeoModel.fromJSON({ kind: 'BetaGeoModel', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -9582.4, standardErrors: [null, null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 });
 * model.expectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 }).toFixed(3); // => '1.226'
 */
export class BetaGeoModel extends ValueModel<'BetaGeoModel', BetaGeoParams> {
  /** @internal Use {@link BetaGeoFitter.fit} or {@link BetaGeoModel.fromJSON}. */
  constructor(params: BetaGeoParams, fit: FitSummary, penalizer: number, nCustomers: number) {
    super('BetaGeoModel', 'BetaGeoModel (BG/NBD)', params, fit, penalizer, nCustomers);
    Object.freeze(this);
  }

  /**
   * Expected repeat purchases in `t` periods: for a new customer of the population (eq. 7), or, given a
   * customer's history, over the next `t` periods (eq. 10).
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a negative t, `E_PARSE` for a malformed customer.
   * @example
   * const model = new BetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }]);
   * model.expectedPurchases(0); // => 0
   */
  expectedPurchases(t: number, customer?: CustomerHistory): number {
    const context = 'BetaGeoModel.expectedPurchases';
    readSpan(t, context);
    const { r, alpha, a, b } = this.params;
    if (t === 0) return 0;
    if (customer === undefined) {
      const z = t / (alpha + t);
      return finiteResult(
        ((a + b - 1) / (a - 1)) * (1 - portableExp(r * portableLog(alpha / (alpha + t))) * hypergeometric2F1(r, b, a + b - 1, z)),
        context,
      );
    }
    const { x, tx, T } = readCustomer(customer, context);
    const z = t / (alpha + T + t);
    const numerator =
      ((a + b + x - 1) / (a - 1)) *
      (1 - portableExp((r + x) * portableLog((alpha + T) / (alpha + T + t))) * hypergeometric2F1(r + x, b + x, a + b + x - 1, z));
    const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * portableExp((r + x) * portableLog((alpha + T) / (alpha + tx))) : 0);
    return finiteResult(numerator / denominator, context);
  }

  /**
   * P(the customer is still alive) given their history (eq. A.1): 1 for a customer without repeat purchases.
   *
   * @example
   * const model = new BetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }]);
   * model.probabilityAlive({ frequency: 0, recency: 0, T: 40 }); // => 1
   */
  probabilityAlive(customer: CustomerHistory): number {
    const context = 'BetaGeoModel.probabilityAlive';
    const { x, tx, T } = readCustomer(customer, context);
    if (x === 0) return 1;
    const { r, alpha, a, b } = this.params;
    const logRatio = portableLog(a / (b + x - 1)) + (r + x) * portableLog((alpha + T) / (alpha + tx));
    // 1 / (1 + e^logRatio), written to stay finite for heavy buyers long gone (logRatio ≫ 0)
    return finiteResult(logRatio > 0 ? portableExp(-logRatio) / (1 + portableExp(-logRatio)) : 1 / (1 + portableExp(logRatio)), context);
  }

  /**
   * P(exactly n purchases in a period of length t) for a customer of the population (eq. 8).
   *
   * @throws {@link SegmentkitError} `E_PARAM` for n that is not a whole number ≥ 0 or a negative t.
   * @example
   * const model = new BetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }]);
   * model.probabilityOfPurchases(0, 0); // => 1
   */
  probabilityOfPurchases(n: number, t: number): number {
    const context = 'BetaGeoModel.probabilityOfPurchases';
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000)
      throw new SegmentkitError('E_PARAM', `${context}: n must be a whole number ≥ 0, got ${describeValue(n)}`);
    readSpan(t, context);
    const { r, alpha, a, b } = this.params;
    if (t === 0) return n === 0 ? 1 : 0;
    const lnP = portableLog(alpha / (alpha + t));
    const lnQ = portableLog(t / (alpha + t));
    const lnBab = logBetaFunction(a, b);
    const poissonGamma = (j: number): number => logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * lnP + j * lnQ;
    let probability = portableExp(logBetaFunction(a, b + n) - lnBab + poissonGamma(n));
    if (n > 0) {
      // 1 − Σⱼ₍ⱼ₌₀…ₙ₋₁₎ of the NBD count is its tail P(N ≥ n) = I_{t/(α+t)}(n, r), computed without cancellation
      const tail = regularizedBeta(t / (alpha + t), n, r);
      probability += portableExp(logBetaFunction(a + 1, b + n - 1) - lnBab) * tail;
    }
    return finiteResult(probability, context);
  }

  /**
   * The fitted model as plain JSON.
   *
   * @example
   * new BetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }]).toJSON().kind; // => 'BetaGeoModel'
   */
  override toJSON(): BetaGeoModelJSON {
    return super.toJSON();
  }

  /**
   * Rebuild from {@link BetaGeoModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * const json = new BetaGeoFitter().fit([{ frequency: 2, recency: 30, T: 40 }, { frequency: 0, recency: 0, T: 40 }, { frequency: 5, recency: 38, T: 40 }, { frequency: 1, recency: 5, T: 35 }]).toJSON();
   * BetaGeoModel.fromJSON(json).params.r === json.params.r; // => true
   */
  static fromJSON(json: unknown): BetaGeoModel {
    const { params, summary, penalizer, nCustomers } = readValueModel(json, KIND, NAMES);
    const [r, alpha, a, b] = params as [number, number, number, number];
    return new BetaGeoModel({ r, alpha, a, b }, summary, penalizer, nCustomers);
  }
}
