import { attachRowsDisplay, formatCell } from '../core/attachDisplay';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';
import { compareCustomerIds, type CustomerId } from '../rfm/customerId';
import { TRANSACTION_FIELD_OPTIONS, TransactionFields, type TransactionFieldOptions } from '../rfm/transactionFields';

const DAY_MS = 86_400_000;

/** The time unit of a CLV summary: purchases are grouped per period, ages are counted in periods. */
export type ClvPeriod = 'day' | 'week' | 'month';

/** Options of {@link clvSummary}. */
export interface ClvSummaryOptions extends TransactionFieldOptions {
  /** The end of the observation window. Default: the day after the last transaction. */
  readonly asOf?: Date | number | string;
  /** Purchases in one period count as one; ages are in periods. Default `'day'`. Weeks run Monday–Sunday (pandas' `W`). */
  readonly period?: ClvPeriod;
  /**
   * Express recency and T in units of this many periods, as lifetimes' `freq_multiplier` (the CDNOW papers count
   * days and report weeks: `period: 'day', unit: 7`). Default 1.
   */
  readonly unit?: number;
  /** Negative amounts: `'net'` (default: subtracted from their period's value) or `'exclude'`. */
  readonly refunds?: 'net' | 'exclude';
}

/** One customer in lifetimes' conventions. */
export interface ClvSummaryRow {
  /** The customer. */
  readonly customerId: CustomerId;
  /** Repeat purchase periods: distinct periods with a purchase, minus the first. */
  readonly frequency: number;
  /** Age at the last purchase: last purchase period − first purchase period (0 for one-time buyers). */
  readonly recency: number;
  /** Age at asOf: asOf's period − first purchase period. */
  readonly T: number;
  /** Mean value of the repeat purchase periods (the first excluded); 0 without repeats. */
  readonly monetaryValue: number;
}

/** @internal A period's ordinal for a time: days since the epoch, Monday-based weeks, or calendar months. */
export function periodIndex(time: number, period: ClvPeriod): number {
  const day = Math.floor(time / DAY_MS);
  if (period === 'day') return day;
  // 1970-01-01 was a Thursday: weeks that start on Monday are counted from Monday 1969-12-29
  if (period === 'week') return Math.floor((day + 3) / 7);
  const date = new Date(time);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** @internal Per customer: value per purchase period (ordinal → net value), read once from transactions. */
export function readPurchasePeriods(
  transactions: Iterable<object>,
  fields: TransactionFields,
  period: ClvPeriod,
  refunds: 'net' | 'exclude',
  context: string,
  keep: (time: number) => boolean = () => true,
): { customers: Map<CustomerId, Map<number, number>>; last: number; rows: number } {
  if (transactions === null || typeof transactions !== 'object' || !(Symbol.iterator in transactions)) {
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: transactions must be an array (or iterable) of records, got ${transactions === null ? 'null' : typeof transactions}`,
    );
  }
  const customers = new Map<CustomerId, Map<number, number>>();
  const purchased = new Map<CustomerId, Set<number>>();
  let last = Number.NEGATIVE_INFINITY;
  let row = 0;
  for (const record of transactions as Iterable<Readonly<Record<string, unknown>>>) {
    const index = row++;
    if (typeof record !== 'object' || record === null)
      throw new SegmentkitError('E_PARSE', `${context}: row ${index} is ${String(record)}, not an object`);
    if (index === 0) fields.checkFields(Object.keys(record), 'the first record');
    const id = fields.customer(record[fields.id], index);
    if (id === null)
      throw new SegmentkitError('E_PARSE', `${context}: row ${index} has no ${fields.id}; drop rows without a customer first`);
    const amount = fields.value(record[fields.amount], index);
    const time = fields.time(record[fields.date], index);
    if (!keep(time)) continue;
    if (amount < 0 && refunds === 'exclude') continue;
    if (time > last) last = time;
    const p = periodIndex(time, period);
    let periods = customers.get(id);
    if (periods === undefined) {
      periods = new Map();
      customers.set(id, periods);
    }
    periods.set(p, (periods.get(p) ?? 0) + amount);
    // a zero-value line is still a purchase (a free item, a voucher); only negative lines are refunds
    if (amount >= 0) {
      let set = purchased.get(id);
      if (set === undefined) {
        set = new Set();
        purchased.set(id, set);
      }
      set.add(p);
    }
  }
  // a period counts only if it holds a purchase (a period of refunds alone is not one)
  for (const [id, periods] of customers) {
    const bought = purchased.get(id);
    if (bought === undefined) {
      customers.delete(id);
      continue;
    }
    for (const p of [...periods.keys()]) if (!bought.has(p)) periods.delete(p);
  }
  return { customers, last, rows: row };
}

/** @internal The summary row of one customer's purchase periods. */
export function summaryRow(id: CustomerId, periods: Map<number, number>, asOfPeriod: number, unit: number): ClvSummaryRow {
  const ordinals = [...periods.keys()].sort((a, b) => a - b);
  const first = ordinals[0]!;
  const lastPeriod = ordinals[ordinals.length - 1]!;
  let repeatValue = 0;
  for (let i = 1; i < ordinals.length; i++) repeatValue += periods.get(ordinals[i]!)!;
  const frequency = ordinals.length - 1;
  return {
    customerId: id,
    frequency,
    recency: (lastPeriod - first) / unit,
    T: (asOfPeriod - first) / unit,
    monetaryValue: frequency > 0 ? repeatValue / frequency : 0,
  };
}

/**
 * The per-customer summary the transaction models fit on, in lifetimes' conventions
 * (`summary_data_from_transaction_data`): `frequency` (repeat purchase periods), `recency` (age at the last
 * purchase), `T` (age at asOf) and `monetaryValue` (mean value of the repeat periods), in `period`s (or `unit`s
 * of them). Purchases in one period count once; refunds are netted into their period (or excluded).
 *
 * @param transactions - records (or an iterable of records) with a customer id, a time and an amount
 * @throws {@link SegmentkitError} `E_PARSE` naming the row and field, `E_EMPTY` (no purchases), `E_PARAM` (bad
 *   options, asOf before the last purchase).
 * @example
 * const log = [
 *   { customerId: 'a', timestamp: '2024-01-01', amount: 10 },
 *   { customerId: 'a', timestamp: '2024-01-08', amount: 30 },
 *   { customerId: 'a', timestamp: '2024-01-15', amount: 20 },
 *   { customerId: 'b', timestamp: '2024-01-10', amount: 5 },
 * ];
 * clvSummary(log, { asOf: '2024-01-31', period: 'day' }); // => [{ customerId: 'a', frequency: 2, recency: 14, T: 30, monetaryValue: 25 }, { customerId: 'b', frequency: 0, recency: 0, T: 21, monetaryValue: 0 }]
 */
export function clvSummary(transactions: Iterable<object>, options: ClvSummaryOptions = {}): ClvSummaryRow[] {
  const context = 'clvSummary';
  assertKnownOptions(context, options, [...TRANSACTION_FIELD_OPTIONS, 'asOf', 'period', 'unit', 'refunds']);
  const period = requireOneOf(context, 'period', options.period ?? 'day', ['day', 'week', 'month']);
  // a unit below 1e-6 periods would make recency and T overflow (or mean nothing): refuse it
  const unit = requireNumber(context, 'unit', options.unit ?? 1, { min: 1e-6 });
  const refunds = requireOneOf(context, 'refunds', options.refunds ?? 'net', ['net', 'exclude']);
  const fields = new TransactionFields(options, context);
  const asOfOption = options.asOf === undefined ? undefined : fields.referenceDate(options.asOf, 'asOf');
  const { customers, last, rows } = readPurchasePeriods(transactions, fields, period, refunds, context);
  if (customers.size === 0) throw new SegmentkitError('E_EMPTY', `${context}: no purchases (amounts ≥ 0) in ${rows} rows`);
  const asOf = asOfOption ?? (Math.floor(last / DAY_MS) + 1) * DAY_MS;
  if (asOf < last) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: asOf (${new Date(asOf).toISOString()}) is before the last purchase (${new Date(last).toISOString()}); move asOf or drop the later rows`,
    );
  }
  const asOfPeriod = periodIndex(asOf, period);
  const summary = [...customers.keys()]
    .sort((a, b) => compareCustomerIds(a, b, context))
    .map((id) => summaryRow(id, customers.get(id)!, asOfPeriod, unit));
  return attachRowsDisplay(summary, 'clvSummary', () => [
    ['period', unit === 1 ? period : `${unit} ${period}s`],
    ['as of', formatCell(new Date(asOf))],
    ['repeat buyers', String(summary.filter((r) => r.frequency > 0).length)],
  ]);
}
