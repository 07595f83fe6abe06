import { describeValue } from '../../core/describeValue';
import { ValueModel, type ValueModelJSON } from '../ValueModel';
import { SegmentkitError } from '../../core/SegmentkitError';
import type { FitSummary } from '../fitTransactionModel';
import { finiteResult, readValueModel } from '../transactionModelKit';

/** Gamma-Gamma parameters: each customer's mean spend is Gamma(p, ν) with ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  /** Shape of the gamma distribution of a transaction's value given the customer's mean. */
  readonly p: number;
  /** Shape of the gamma distribution of the customers' value scale. */
  readonly q: number;
  /** Scale of the gamma distribution of the customers' value scale. */
  readonly gamma: number;
}

/** A customer as the spend model reads them: repeat purchases and their mean value. */
export interface SpendHistory {
  /** Repeat purchase periods. */
  readonly frequency: number;
  /** Mean value of the repeat purchases (0 without repeats). */
  readonly monetaryValue: number;
}

/** The JSON form of a {@link GammaGammaModel}. */
export type GammaGammaModelJSON = ValueModelJSON<'GammaGammaModel', GammaGammaParams>;

const KIND = 'GammaGammaModel';
const NAMES = ['p', 'q', 'gamma'] as const;

/**
 * A fitted Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"), immutable: a customer's average
 * purchase value, shrunk from their own mean towards the population's by how many purchases it rests on.
 *
 * @example
 * const model = GammaGammaModel.fromJSON({ kind: 'GammaGammaModel', version: 1, params: { p: 6.25, q: 3.74, gamma: 15.44 }, logLikelihood: 0, standardErrors: [null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 946 });
 * model.expectedAverageValue({ frequency: 2, monetaryValue: 22.35 }).toFixed(2); // => '24.66'
 */
export class GammaGammaModel extends ValueModel<'GammaGammaModel', GammaGammaParams> {
  /** @internal Use {@link GammaGammaFitter.fit} or {@link GammaGammaModel.fromJSON}. */
  constructor(params: GammaGammaParams, fit: FitSummary, penalizer: number, nCustomers: number) {
    super('GammaGammaModel', 'GammaGammaModel (Gamma-Gamma spend)', params, fit, penalizer, nCustomers);
    Object.freeze(this);
  }

  /**
   * The expected value of a customer's future purchases: p(γ + x·m) / (p·x + q − 1) for a repeat buyer with x
   * purchases of mean m, the population mean pγ / (q − 1) without repeats.
   *
   * @throws {@link SegmentkitError} `E_PARSE` for a malformed customer, `E_DOMAIN` when q ≤ 1 (the mean is infinite).
   * @example
   * const model = GammaGammaModel.fromJSON({ kind: 'GammaGammaModel', version: 1, params: { p: 6.25, q: 3.74, gamma: 15.44 }, logLikelihood: 0, standardErrors: [null, null, null], converged: true, iterations: 0, penalizer: 0, nCustomers: 946 });
   * model.expectedAverageValue({ frequency: 0, monetaryValue: 0 }).toFixed(2); // => '35.22'
   */
  expectedAverageValue(customer: SpendHistory): number {
    const context = 'GammaGammaModel.expectedAverageValue';
    if (customer === null || typeof customer !== 'object')
      throw new SegmentkitError('E_PARAM', `${context}: pass a customer { frequency, monetaryValue }`);
    const { frequency: x, monetaryValue: m } = customer;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || typeof m !== 'number' || !Number.isFinite(m) || m < 0) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: frequency (${describeValue(x)}) and monetaryValue (${describeValue(m)}) must be finite numbers ≥ 0`,
      );
    }
    const { p, q, gamma } = this.params;
    if (!(q > 1)) throw new SegmentkitError('E_DOMAIN', `${context}: q = ${q} ≤ 1, so the population's mean spend is infinite`);
    if (x === 0) return finiteResult((p * gamma) / (q - 1), context);
    return finiteResult((p * (gamma + x * m)) / (p * x + q - 1), context);
  }

  /**
   * The fitted model as plain JSON.
   *
   * @example
   * new GammaGammaFitter().fit([{ frequency: 1, monetaryValue: 10 }, { frequency: 3, monetaryValue: 20 }, { frequency: 2, monetaryValue: 15 }]).toJSON().kind; // => 'GammaGammaModel'
   */
  override toJSON(): GammaGammaModelJSON {
    return super.toJSON();
  }

  /**
   * Rebuild from {@link GammaGammaModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * const json = new GammaGammaFitter().fit([{ frequency: 1, monetaryValue: 10 }, { frequency: 3, monetaryValue: 20 }, { frequency: 2, monetaryValue: 15 }]).toJSON();
   * GammaGammaModel.fromJSON(json).params.p === json.params.p; // => true
   */
  static fromJSON(json: unknown): GammaGammaModel {
    const { params, summary, penalizer, nCustomers } = readValueModel(json, KIND, NAMES);
    const [p, q, gamma] = params as [number, number, number];
    return new GammaGammaModel({ p, q, gamma }, summary, penalizer, nCustomers);
  }
}
