import { parseNumericCell } from '../core/parseNumericCell';
import { SegmentkitError } from '../core/SegmentkitError';
import { toTimestamp } from '../core/toTimestamp';
import { assertKnownOptions, requireInteger, requireOneOf } from '../core/validateOptions';
import { compareCustomerIds, type CustomerId } from './customerId';
import type { AsyncTransactionInput, TransactionInput } from './rfmTable';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAYPARTS = ['night', 'morning', 'afternoon', 'evening'];

/** Options for {@link customerFeatures}. */
export interface CustomerFeaturesOptions {
  /** Field with the customer id. Default `'customerId'`. */
  readonly customerId?: string;
  /** Field with the transaction time. Default `'timestamp'`. */
  readonly date?: string;
  /** Field with the amount (negative = refund). Default `'amount'`. */
  readonly amount?: string;
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
  /** `'daypart'` (default): four 6-hour shares (night 0–6, morning 6–12, afternoon 12–18, evening 18–24, UTC); `'hour'`: 24 shares. */
  readonly hours?: 'daypart' | 'hour';
}

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
export function customerFeatures(transactions: TransactionInput, options?: CustomerFeaturesOptions): CustomerFeatureRow[];
export function customerFeatures(transactions: AsyncTransactionInput, options?: CustomerFeaturesOptions): Promise<CustomerFeatureRow[]>;
export function customerFeatures(
  transactions: TransactionInput | AsyncTransactionInput,
  options: CustomerFeaturesOptions = {},
): CustomerFeatureRow[] | Promise<CustomerFeatureRow[]> {
  const context = 'customerFeatures';
  assertKnownOptions(context, options, ['customerId', 'date', 'amount', 'category', 'channel', 'topN', 'asOf', 'trendDays', 'hours']);
  const fields = { id: options.customerId ?? 'customerId', date: options.date ?? 'timestamp', amount: options.amount ?? 'amount' };
  const topN = requireInteger(context, 'topN', options.topN ?? 5, { min: 1 });
  const trendDays = requireInteger(context, 'trendDays', options.trendDays ?? 90, { min: 1 });
  const hours = requireOneOf(context, 'hours', options.hours ?? 'daypart', ['daypart', 'hour']);
  const purchases = new Map<CustomerId, Purchase[]>();
  const refunds = new Map<CustomerId, number>();
  let row = 0;
  const add = (record: Readonly<Record<string, unknown>>): void => {
    const index = row++;
    const id = record[fields.id];
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new SegmentkitError('E_PARSE', `${context}: row ${index} has no usable ${fields.id} (${String(id)})`);
    }
    const amount = parseNumericCell(record[fields.amount]);
    if (amount === undefined || !Number.isFinite(amount)) throw new SegmentkitError('E_PARSE', `${context}: row ${index}: ${fields.amount} is not a number`);
    const time = toTimestamp(record[fields.date] as Date | number | string, `${context}: row ${index}, ${fields.date}`);
    if (amount < 0) {
      refunds.set(id, (refunds.get(id) ?? 0) + 1);
      return;
    }
    const list = purchases.get(id) ?? [];
    list.push({ time, amount, category: options.category === undefined ? undefined : record[options.category], channel: options.channel === undefined ? undefined : record[options.channel] });
    purchases.set(id, list);
  };
  const finish = (): CustomerFeatureRow[] => {
    if (purchases.size === 0) throw new SegmentkitError('E_EMPTY', `${context}: no purchases`);
    let last = -Infinity;
    for (const list of purchases.values()) for (const p of list) if (p.time > last) last = p.time;
    const asOf = options.asOf === undefined ? (Math.floor(last / DAY_MS) + 1) * DAY_MS : toTimestamp(options.asOf, `${context}: asOf`);
    const top = (key: 'category' | 'channel'): string[] => {
      const counts = new Map<string, number>();
      for (const list of purchases.values()) for (const p of list) counts.set(String(p[key]), (counts.get(String(p[key])) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topN).map(([name]) => name);
    };
    const categories = options.category === undefined ? [] : top('category');
    const channels = options.channel === undefined ? [] : top('channel');
    const ids = [...purchases.keys()].sort((a, b) => compareCustomerIds(a, b, context));
    return ids.map((id) => {
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
      let recent = 0;
      let previous = 0;
      for (const p of list) {
        if (p.time >= asOf - trendDays * DAY_MS && p.time < asOf) recent += p.amount;
        else if (p.time >= asOf - 2 * trendDays * DAY_MS && p.time < asOf - trendDays * DAY_MS) previous += p.amount;
      }
      out.spendTrend = recent + previous === 0 ? 0 : (recent - previous) / (recent + previous);
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
      if (hours === 'daypart') share('daypart', DAYPARTS, (p) => DAYPARTS[Math.floor(new Date(p.time).getUTCHours() / 6)]!, false);
      else share('hour', Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), (p) => String(new Date(p.time).getUTCHours()).padStart(2, '0'), false);
      if (options.category !== undefined) share('category', categories, (p) => String(p.category), true);
      if (options.channel !== undefined) share('channel', channels, (p) => String(p.channel), true);
      return out as CustomerFeatureRow;
    });
  };
  const feed = (item: unknown): void => {
    if (Array.isArray(item)) for (const record of item) add(record as Record<string, unknown>);
    else add(item as Record<string, unknown>);
  };
  if (typeof transactions === 'object' && transactions !== null && Symbol.asyncIterator in transactions) {
    return (async () => {
      for await (const item of transactions as AsyncTransactionInput) feed(item);
      return finish();
    })();
  }
  if (Array.isArray(transactions) || Symbol.iterator in (transactions as object)) {
    for (const item of transactions as Iterable<unknown>) feed(item);
  } else {
    const columns = transactions as Readonly<Record<string, ArrayLike<unknown>>>;
    const names = Object.keys(columns);
    const length = columns[fields.id]?.length ?? 0;
    for (let i = 0; i < length; i++) add(Object.fromEntries(names.map((name) => [name, columns[name]![i]])));
  }
  return finish();
}
