import { describeValue } from '../core/describeValue';
import { isListLike } from '../core/listLike';
import { fieldValue, isPrototypeName } from '../core/recordField';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireOneOf } from '../core/validateOptions';
import { compareCustomerIds, type CustomerId } from './customerId';
import type { AsyncTransactionInput, TransactionInput } from './rfmTable';
import { TRANSACTION_FIELD_OPTIONS, TransactionFields, type TransactionFieldOptions } from './transactionFields';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAYPARTS = ['night', 'morning', 'afternoon', 'evening'];

/** Options for {@link customerFeatures}. */
export interface CustomerFeaturesOptions extends TransactionFieldOptions {
  /** Field with a category, for category shares. Default: none. */
  readonly category?: string;
  /** Field with a sales channel, for channel shares. Default: none. */
  readonly channel?: string;
  /** Categories (and channels) kept by overall frequency; the rest are pooled as `other`. Default 5. */
  readonly topN?: number;
  /** Reference date. Default: the day after the last purchase (UTC). */
  readonly asOf?: Date | number | string;
  /** Window of the spend trend, in days. Default 90. */
  readonly trendDays?: number;
  /**
   * `'daypart'` (default): four 6-hour shares (night 0–6, morning 6–12, afternoon 12–18, evening 18–24, UTC);
   * `'hour'`: 24 shares. Data with dates but no times of day (every purchase at UTC midnight) gets neither: see
   * `report.timeOfDay`.
   */
  readonly hours?: 'daypart' | 'hour';
}

/** What {@link customerFeatures} read and which feature groups it could compute. */
export interface CustomerFeaturesReport {
  /** Rows read. */
  readonly rows: number;
  /** Purchase rows (amount ≥ 0). */
  readonly purchases: number;
  /** Refund rows (amount < 0). */
  readonly refunds: number;
  /** Customers in the result. */
  readonly customers: number;
  /** The reference date used. */
  readonly asOf: Date;
  /**
   * Whether daypart (or hour) shares are in the rows: `false` when every purchase time is a UTC midnight, i.e.
   * the data holds dates only and a time-of-day share would put every purchase at night.
   */
  readonly timeOfDay: boolean;
  /** Feature groups left out, with the reason (empty when all were computed). */
  readonly omitted: readonly string[];
}

/** The result of {@link customerFeatures}: one row per customer with a non-enumerable `report`. */
export type CustomerFeatureTable = CustomerFeatureRow[] & {
  /** What was read and which feature groups were left out. */
  readonly report: CustomerFeaturesReport;
};

/** Behavioural features of one customer; share fields are named `weekday_mon`, `daypart_evening`, `category_books`, … */
export interface CustomerFeatureRow {
  /** The customer id. */
  readonly customerId: CustomerId;
  /** Purchases (rows with amount ≥ 0). */
  readonly purchases: number;
  /** Mean days between consecutive purchases; null with fewer than two purchases. */
  readonly interpurchaseDaysMean: number | null;
  /** Standard deviation (population) of the days between purchases; null with fewer than two purchases. */
  readonly interpurchaseDaysStd: number | null;
  /** Last purchase plus the mean interval; null with fewer than two purchases. */
  readonly nextPurchaseExpected: Date | null;
  /** Share of the weeks from the first purchase to asOf with at least one purchase (0–1). */
  readonly activeWeeksShare: number;
  /** Refund rows per purchase. */
  readonly refundRate: number;
  /**
   * Spend in the last `trendDays` before asOf (R) against the `trendDays` before that (P), as (R − P) / (R + P):
   * −1 = stopped spending, 0 = stable (or no spend in either window), 1 = all spend is recent.
   */
  readonly spendTrend: number;
  /** Weekday, daypart (or hour), category and channel shares of the customer's purchases. */
  readonly [share: string]: number | string | Date | null;
}

interface Purchase {
  time: number;
  amount: number;
  category: unknown;
  channel: unknown;
}

/**
 * Behavioural features per customer from a transaction log: purchase rhythm (mean and spread of the days
 * between purchases, expected next purchase), regularity (share of active weeks), when they buy (weekday
 * and time-of-day shares), what and where (top-N category and channel shares), refund rate and the recent
 * spend trend. Rows are sorted by customer id, ready for {@link featurePipeline}.
 *
 * Memory grows with the purchases kept per customer (the intervals need them), unlike {@link rfmTable}.
 *
 * @throws {@link SegmentkitError} `E_PARSE` naming the row (date, amount, missing id), `E_EMPTY`, `E_PARAM`.
 * @example
 * const rows = customerFeatures([
 *   { customerId: 'a', timestamp: '2024-01-01T10:00:00Z', amount: 10 },
 *   { customerId: 'a', timestamp: '2024-01-11T10:00:00Z', amount: 20 },
 * ]);
 * rows[0].interpurchaseDaysMean; // => 10
 */
export function customerFeatures(transactions: TransactionInput, options?: CustomerFeaturesOptions): CustomerFeatureTable;
export function customerFeatures(transactions: AsyncTransactionInput, options?: CustomerFeaturesOptions): Promise<CustomerFeatureTable>;
export function customerFeatures(
  transactions: TransactionInput | AsyncTransactionInput,
  options: CustomerFeaturesOptions = {},
): CustomerFeatureTable | Promise<CustomerFeatureTable> {
  const context = 'customerFeatures';
  assertKnownOptions(context, options, [...TRANSACTION_FIELD_OPTIONS, 'category', 'channel', 'topN', 'asOf', 'trendDays', 'hours']);
  const fields = new TransactionFields(options, context, { category: options.category, channel: options.channel });
  const topN = requireInteger(context, 'topN', options.topN ?? 5, { min: 1 });
  const trendDays = requireInteger(context, 'trendDays', options.trendDays ?? 90, { min: 1 });
  const hours = requireOneOf(context, 'hours', options.hours ?? 'daypart', ['daypart', 'hour']);
  // field names that Object.prototype also has (constructor, toString) are read only from the record itself
  const prototypeNames = {
    id: isPrototypeName(fields.id),
    date: isPrototypeName(fields.date),
    amount: isPrototypeName(fields.amount),
    category: options.category !== undefined && isPrototypeName(options.category),
    channel: options.channel !== undefined && isPrototypeName(options.channel),
  };
  const purchases = new Map<CustomerId, Purchase[]>();
  const refunds = new Map<CustomerId, number>();
  let row = 0;
  let refundRows = 0;
  const add = (record: Readonly<Record<string, unknown>>): void => {
    const index = row++;
    if (typeof record !== 'object' || record === null)
      throw new SegmentkitError('E_PARSE', `${context}: row ${index} is ${String(record)}, not an object`);
    if (index === 0) fields.checkFields(Object.keys(record), 'the first record');
    const rawId = fieldValue(record, fields.id, prototypeNames.id);
    const id = fields.customer(rawId, index);
    if (id === null)
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${index} has no ${fields.id} (${describeValue(rawId)}); drop rows without a customer first`,
      );
    const amount = fields.value(fieldValue(record, fields.amount, prototypeNames.amount), index);
    const time = fields.time(fieldValue(record, fields.date, prototypeNames.date), index);
    if (amount < 0) {
      refundRows++;
      refunds.set(id, (refunds.get(id) ?? 0) + 1);
      return;
    }
    const list = purchases.get(id) ?? [];
    list.push({
      time,
      amount,
      category: options.category === undefined ? undefined : fieldValue(record, options.category, prototypeNames.category),
      channel: options.channel === undefined ? undefined : fieldValue(record, options.channel, prototypeNames.channel),
    });
    purchases.set(id, list);
  };
  const asOfOption = options.asOf === undefined ? undefined : fields.referenceDate(options.asOf, 'asOf');
  const finish = (): CustomerFeatureTable => {
    if (purchases.size === 0) throw new SegmentkitError('E_EMPTY', `${context}: no purchases`);
    let last = -Infinity;
    let nPurchases = 0;
    for (const list of purchases.values()) {
      nPurchases += list.length;
      for (const p of list) if (p.time > last) last = p.time;
    }
    const asOf = asOfOption ?? (Math.floor(last / DAY_MS) + 1) * DAY_MS;
    if (asOf < last) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: asOf (${new Date(asOf).toISOString()}) is before the last purchase (${new Date(last).toISOString()}); move asOf or drop the later rows`,
      );
    }
    const timeOfDay = !fields.dateOnly;
    const top = (key: 'category' | 'channel'): string[] => {
      const counts = new Map<string, number>();
      for (const list of purchases.values()) for (const p of list) counts.set(String(p[key]), (counts.get(String(p[key])) ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, topN)
        .map(([name]) => name);
    };
    const categories = options.category === undefined ? [] : top('category');
    const channels = options.channel === undefined ? [] : top('channel');
    const ids = [...purchases.keys()].sort((a, b) => compareCustomerIds(a, b, context));
    const rows = ids.map((id) => {
      const list = purchases.get(id)!.sort((a, b) => a.time - b.time);
      const n = list.length;
      const out: Record<string, number | string | Date | null> = { customerId: id, purchases: n };
      if (n >= 2) {
        let sum = 0;
        for (let i = 1; i < n; i++) sum += (list[i]!.time - list[i - 1]!.time) / DAY_MS;
        const mean = sum / (n - 1);
        let squares = 0;
        for (let i = 1; i < n; i++) squares += ((list[i]!.time - list[i - 1]!.time) / DAY_MS - mean) ** 2;
        out.interpurchaseDaysMean = mean;
        out.interpurchaseDaysStd = Math.sqrt(squares / (n - 1));
        out.nextPurchaseExpected = new Date(list[n - 1]!.time + mean * DAY_MS);
      } else {
        out.interpurchaseDaysMean = null;
        out.interpurchaseDaysStd = null;
        out.nextPurchaseExpected = null;
      }
      const firstWeek = Math.floor(list[0]!.time / (7 * DAY_MS));
      const weeks = Math.max(1, Math.ceil(asOf / (7 * DAY_MS)) - firstWeek);
      out.activeWeeksShare = new Set(list.map((p) => Math.floor(p.time / (7 * DAY_MS)))).size / weeks;
      out.refundRate = (refunds.get(id) ?? 0) / n;
      out.spendTrend = spendTrend(list, asOf, trendDays, 1);
      // amounts near the largest double can sum past it; the trend is a ratio, so sum them halved 64 times instead
      if (!Number.isFinite(out.spendTrend)) out.spendTrend = spendTrend(list, asOf, trendDays, 2 ** -64);
      const share = (prefix: string, names: readonly string[], pick: (p: Purchase) => string, pooled: boolean): void => {
        const counts = new Map(names.map((name) => [name, 0]));
        let other = 0;
        for (const p of list) {
          const key = pick(p);
          if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
          else other++;
        }
        for (const name of names) out[`${prefix}_${name}`] = counts.get(name)! / n;
        if (pooled) out[`${prefix}_other`] = other / n;
      };
      share('weekday', WEEKDAYS, (p) => WEEKDAYS[new Date(p.time).getUTCDay()]!, false);
      if (!timeOfDay) {
        // dates without times: every purchase would fall at midnight, so no time-of-day shares (see report)
      } else if (hours === 'daypart') share('daypart', DAYPARTS, (p) => DAYPARTS[Math.floor(new Date(p.time).getUTCHours() / 6)]!, false);
      else
        share(
          'hour',
          Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
          (p) => String(new Date(p.time).getUTCHours()).padStart(2, '0'),
          false,
        );
      if (options.category !== undefined) share('category', categories, (p) => String(p.category), true);
      if (options.channel !== undefined) share('channel', channels, (p) => String(p.channel), true);
      return out as CustomerFeatureRow;
    });
    const report: CustomerFeaturesReport = Object.freeze({
      rows: row,
      purchases: nPurchases,
      refunds: refundRows,
      customers: rows.length,
      asOf: new Date(asOf),
      timeOfDay,
      omitted: timeOfDay ? [] : [`${hours} shares: every purchase time is a UTC midnight (the data has dates without times of day)`],
    });
    Object.defineProperty(rows, 'report', { value: report, enumerable: false });
    return rows as CustomerFeatureTable;
  };
  const feed = (item: unknown): void => {
    if (Array.isArray(item)) for (const record of item) add(record as Record<string, unknown>);
    else add(item as Record<string, unknown>);
  };
  if (typeof transactions !== 'object' || transactions === null) {
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: transactions must be records, a column object or an (async) iterable, got ${transactions === null ? 'null' : typeof transactions}`,
    );
  }
  if (Symbol.asyncIterator in transactions) {
    return (async () => {
      for await (const item of transactions as AsyncTransactionInput) feed(item);
      return finish();
    })();
  }
  if (Array.isArray(transactions) || Symbol.iterator in transactions) {
    for (const item of transactions as Iterable<unknown>) feed(item);
  } else {
    const columns = transactions as Readonly<Record<string, ArrayLike<unknown>>>;
    const names = Object.keys(columns);
    fields.checkFields(names, 'the column object');
    for (const name of names) {
      if (!isListLike(columns[name])) throw new SegmentkitError('E_PARSE', `${context}: column '${name}' is not an array`);
    }
    const length = columns[fields.id]!.length;
    for (const name of names) {
      if (columns[name]?.length !== length) {
        throw new SegmentkitError(
          'E_SHAPE',
          `${context}: column '${name}' has ${String(columns[name]?.length)} values but '${fields.id}' has ${length}; columns must be equally long`,
        );
      }
    }
    for (let i = 0; i < length; i++) add(Object.fromEntries(names.map((name) => [name, columns[name]![i]])));
  }
  return finish();
}

/** (recent − previous) / (recent + previous) spend over the last two windows of `trendDays`, amounts times `scale`. */
function spendTrend(list: readonly Purchase[], asOf: number, trendDays: number, scale: number): number {
  let recent = 0;
  let previous = 0;
  for (const p of list) {
    if (p.time >= asOf - trendDays * DAY_MS && p.time < asOf) recent += p.amount * scale;
    else if (p.time >= asOf - 2 * trendDays * DAY_MS && p.time < asOf - trendDays * DAY_MS) previous += p.amount * scale;
  }
  return recent + previous === 0 ? 0 : (recent - previous) / (recent + previous);
}
