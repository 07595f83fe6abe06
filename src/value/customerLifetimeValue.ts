import { describeValue } from '../core/describeValue';
import { plotClv } from '../charts/plotClv';
import { attachDisplay, formatCell } from '../core/attachDisplay';
import { htmlSummary } from '../core/display';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../core/validateOptions';
import type { CustomerHistory } from './betaGeo/BetaGeoModel';
import type { SpendHistory } from './gammaGamma/GammaGammaModel';
import type { ClvPeriod } from './clvSummary';

/** What CLV needs of a transaction model: conditional expected purchases. */
export interface PurchaseModel {
  /** Expected purchases of `customer` in the next `t` periods. */
  expectedPurchases(t: number, customer: CustomerHistory): number;
}

/** What CLV needs of a spend model: the expected value of a customer's purchases. */
export interface SpendModel {
  /** Expected value of one of `customer`'s future purchases. */
  expectedAverageValue(customer: SpendHistory): number;
}

/** Options of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueOptions {
  /** How many periods ahead (the summary's periods: days, weeks or months). Required. */
  readonly horizon: number;
  /** Discount rate per period (0.01 a month ≈ 12.7 % a year). Default 0. */
  readonly discountRate?: number;
  /** A segment per customer: values are also summed per segment. */
  readonly labels?: ArrayLike<number | string>;
  /**
   * The period of the summary rows, as given to {@link clvSummary} (`'day'`, `'week'` or `'month'`): `horizon`
   * and `discountRate` count in it, and the result carries it so a report can say "52 weeks at 0.2 % a week".
   */
  readonly period?: ClvPeriod;
}

/** One customer's value. */
export interface CustomerValue {
  /** Expected discounted value over the horizon. */
  readonly value: number;
  /** Expected purchases over the horizon (undiscounted). */
  readonly expectedPurchases: number;
  /** Expected value per purchase. */
  readonly expectedAverageValue: number;
}

/** Lifetime value of one segment. */
export interface SegmentValue {
  /** The segment. */
  readonly segment: number | string;
  /** Its customers. */
  readonly customers: number;
  /** Σ value over them. */
  readonly total: number;
  /** Mean value per customer. */
  readonly mean: number;
}

/** The result of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueResult {
  /** One entry per customer, in input order. */
  readonly customers: readonly CustomerValue[];
  /** Σ value. */
  readonly total: number;
  /** Per segment (with `labels`): customers, total and mean value, largest total first. */
  readonly perSegment: readonly SegmentValue[];
  /** The horizon, in periods, and the period if stated. */
  readonly horizon: number;
  /** The period `horizon` and the discount rate count in, when the options stated it. */
  readonly period: ClvPeriod | null;
}

/**
 * Expected discounted customer lifetime value: for each customer Σₖ (E[purchases by k] − E[purchases by k − 1]) ·
 * E[value per purchase] / (1 + d)ᵏ over k = 1 … horizon, one step per period of the summary, so the discounting
 * follows the data's own time resolution (days, weeks or calendar months; no 30-day months). Summed in all and,
 * with `labels`, per segment.
 *
 * @param transactionModel - a fitted BG/NBD (or other) model with `expectedPurchases(t, customer)`
 * @param spendModel - a fitted Gamma-Gamma model with `expectedAverageValue(customer)`
 * @param customers - summary rows (`frequency`, `recency`, `T`, `monetaryValue`)
 * @throws {@link SegmentkitError} `E_PARAM` (no or a bad horizon, a negative discount rate, models without the
 *   methods), `E_SHAPE` (labels of the wrong length), `E_PARSE` (a malformed customer).
 * @example
 * const purchases = { expectedPurchases: (t) => t / 10 };
 * const spend = { expectedAverageValue: () => 50 };
 * customerLifetimeValue(purchases, spend, [{ frequency: 1, recency: 2, T: 5, monetaryValue: 40 }], { horizon: 10 }).total; // => 50
 */
export function customerLifetimeValue(
  transactionModel: PurchaseModel,
  spendModel: SpendModel,
  customers: readonly (CustomerHistory & SpendHistory)[],
  options: CustomerLifetimeValueOptions,
): CustomerLifetimeValueResult {
  const context = 'customerLifetimeValue';
  if (options === null || typeof options !== 'object')
    throw new SegmentkitError('E_PARAM', `${context}: options with a horizon are required, e.g. { horizon: 12 }`);
  assertKnownOptions(context, options, ['horizon', 'discountRate', 'labels', 'period']);
  const period = options.period === undefined ? null : requireOneOf(context, 'period', options.period, ['day', 'week', 'month']);
  if (typeof transactionModel?.expectedPurchases !== 'function')
    throw new SegmentkitError('E_PARAM', `${context}: transactionModel needs expectedPurchases(t, customer) (a fitted BetaGeoModel, …)`);
  if (typeof spendModel?.expectedAverageValue !== 'function')
    throw new SegmentkitError('E_PARAM', `${context}: spendModel needs expectedAverageValue(customer) (a fitted GammaGammaModel)`);
  if (!Array.isArray(customers)) throw new SegmentkitError('E_PARAM', `${context}: customers must be summary rows (clvSummary's output)`);
  const horizon = requireInteger(context, 'horizon', options.horizon, { min: 1, max: 100_000 });
  const discountRate = requireNumber(context, 'discountRate', options.discountRate ?? 0, { min: 0 });
  const labels = options.labels;
  if (labels !== undefined && (labels === null || typeof labels !== 'object' || labels.length !== customers.length)) {
    throw new SegmentkitError('E_SHAPE', `${context}: labels must have one segment per customer (${customers.length})`);
  }
  // repeated division, not **: basic arithmetic rounds the same in every engine, pow does not
  const discounts = new Float64Array(horizon);
  let factor = 1;
  for (let k = 0; k < horizon; k++) {
    factor /= 1 + discountRate;
    discounts[k] = factor;
  }
  if (labels !== undefined)
    for (let i = 0; i < customers.length; i++) {
      const label = labels[i];
      if (!(typeof label === 'string' || (typeof label === 'number' && Number.isFinite(label))))
        throw new SegmentkitError('E_PARSE', `${context}: labels[${i}] is ${describeValue(label)}; segments are strings or finite numbers`);
    }
  const results = customers.map((customer, i) => {
    const average = spendModel.expectedAverageValue(customer);
    let previous = 0;
    let value = 0;
    for (let k = 1; k <= horizon; k++) {
      const cumulative = transactionModel.expectedPurchases(k, customer);
      value += (cumulative - previous) * average * discounts[k - 1]!;
      previous = cumulative;
    }
    if (!Number.isFinite(value) || !Number.isFinite(previous) || typeof average !== 'number' || !Number.isFinite(average))
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: customer ${i}'s value is not finite (expected purchases ${describeValue(previous)}, average value ${describeValue(average)}); check the models and that row`,
      );
    return { value, expectedPurchases: previous, expectedAverageValue: average };
  });
  let total = 0;
  for (const r of results) total += r.value;
  const perSegment: SegmentValue[] = [];
  if (labels !== undefined) {
    const sums = new Map<number | string, [number, number]>();
    results.forEach((r, i) => {
      const segment = labels[i]!;
      const entry = sums.get(segment) ?? [0, 0];
      entry[0]++;
      entry[1] += r.value;
      sums.set(segment, entry);
    });
    for (const [segment, [count, sum]] of sums) perSegment.push({ segment, customers: count, total: sum, mean: sum / count });
    perSegment.sort((a, b) => b.total - a.total);
  }
  const result: CustomerLifetimeValueResult = { customers: results, total, perSegment, horizon, period };
  const span = `${horizon} ${period ?? 'period'}${horizon === 1 ? '' : 's'}`;
  return attachDisplay(result, {
    line: () =>
      `customerLifetimeValue { ${results.length} customers, total ${formatCell(total)} over ${span}, ${perSegment.length} segments }`,
    html: () =>
      htmlSummary(
        `customerLifetimeValue over ${span}`,
        [
          ['customers', String(results.length)],
          ['total', formatCell(total)],
          ['discount rate', `${discountRate} per ${period ?? 'period'}`],
        ],
        perSegment.length === 0
          ? undefined
          : {
              header: ['segment', 'customers', 'total', 'per customer'],
              rows: perSegment.map((s) => [String(s.segment), String(s.customers), formatCell(s.total), formatCell(s.mean)]),
            },
      ),
    ...(perSegment.length === 0 ? {} : { chart: () => plotClv(result) }),
  });
}
