import { createRng, type Rng } from '../core/createRng';
import { seriesExp } from '../core/portableMath';
import { CUSTOMER_ARCHETYPES, type ArchetypeSpec, type TransactionCategory, type TransactionChannel } from './customerArchetypes';
import { SegmentkitError } from '../core/SegmentkitError';
import { makeCustomers, resolveSyntheticOptions, type SyntheticCustomersOptions } from './makeCustomers';

/** One row of the synthetic transaction log. Refunds are rows with a negative `amount`. */
export interface Transaction {
  /** Customer id, e.g. `'C000042'`. */
  readonly customerId: string;
  /** When the purchase (or refund) happened, in UTC. */
  readonly timestamp: Date;
  /** Basket value in currency units, rounded to cents; negative for a refund. */
  readonly amount: number;
  /** Product category. */
  readonly category: TransactionCategory;
  /** Sales channel. */
  readonly channel: TransactionChannel;
}

/** Options for {@link makeTransactions}; the same options give the same people as {@link makeCustomers}. */
export type MakeTransactionsOptions = SyntheticCustomersOptions;

const DAY_MS = 86_400_000;
/** The most rows one call makes (about 1.5 GiB of records); a longer log is made in chunks of customers. */
const MAX_TRANSACTIONS = 10_000_000;
/** Rows per customer and day, an upper estimate from the archetypes (the default log has 0.04). */
const ROWS_PER_CUSTOMER_DAY = 0.05;
const CHANNELS: readonly TransactionChannel[] = ['online', 'store', 'app'];
const CATEGORIES: readonly TransactionCategory[] = ['electronics', 'home', 'fashion', 'grocery', 'beauty', 'sports'];
// Sunday … Saturday
const WEEKDAY_INTENSITY = [1.2, 0.8, 0.85, 0.9, 0.95, 1.1, 1.3];
const MAX_WEEKDAY_INTENSITY = 1.3;
// hour-of-day weights: online and app peak in the evening, stores trade 9–20 with a midday peak
const ONLINE_HOURS = [2, 1, 1, 0.5, 0.5, 0.5, 1, 2, 3, 3, 3, 3, 4, 4, 3, 3, 3, 4, 5, 7, 8, 8, 6, 4];
const STORE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 6, 8, 8, 7, 6, 6, 7, 7, 5, 3, 0, 0, 0];

function seasonalIntensity(time: number, saleSensitivity: number): number {
  const date = new Date(time);
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  if ((month === 10 && day >= 20) || (month === 11 && day <= 24)) return saleSensitivity;
  if (month === 0 && day <= 15) return (1 + saleSensitivity) / 2;
  if (month === 6 || month === 7) return 0.85;
  return 1;
}

function pick<T>(rng: Rng, values: readonly T[], weights: readonly number[]): T {
  return values[rng.weightedIndex(weights)]!;
}

/**
 * A realistic synthetic transaction log: customers drawn from five documented behavioural archetypes
 * ({@link CUSTOMER_ARCHETYPES}: loyal high spenders, bargain hunters, one-time buyers, lapsed, new), with
 * seasonality (a holiday peak, January sales, a summer dip), weekday and hour-of-day patterns per channel,
 * log-normal basket values and some full refunds (negative amounts). Rows are sorted by time; all times are
 * UTC. This is the default data of the demo, the examples and the benchmarks.
 *
 * The archetype of each customer is returned by {@link makeCustomers} with the same options.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a bad count or period (or one that would make more than 10^7 rows),
 *   `E_PARSE` for an unreadable date.
 * @example
 * const log = makeTransactions({ nCustomers: 50, seed: 1 });
 * new Set(log.map((t) => t.customerId)).size; // => 50
 */
export function makeTransactions(options: MakeTransactionsOptions = {}): Transaction[] {
  const { seed, start, end, nCustomers } = resolveSyntheticOptions('makeTransactions', options);
  const expected = Math.ceil(nCustomers * ((end - start) / DAY_MS) * ROWS_PER_CUSTOMER_DAY);
  if (expected > MAX_TRANSACTIONS) {
    throw new SegmentkitError(
      'E_PARAM',
      `makeTransactions: ${nCustomers} customers over ${Math.round((end - start) / DAY_MS)} days make about ${expected} rows, more than the limit of ${MAX_TRANSACTIONS}; make the log in chunks of customers (different seeds) or shorten the period`,
    );
  }
  const customers = makeCustomers(options);
  // a stream independent of the one that drew the customers, so both stay stable if either changes
  const rng = createRng(`${String(seed)}:transactions`);
  const customerIds: string[] = [];
  const times: number[] = [];
  const amounts: number[] = [];
  const categories: TransactionCategory[] = [];
  const channels: TransactionChannel[] = [];

  const emit = (customerId: string, day: number, spec: ArchetypeSpec): void => {
    const channel = pick(
      rng,
      CHANNELS,
      CHANNELS.map((c) => spec.channels[c]),
    );
    const hours = channel === 'store' ? STORE_HOURS : ONLINE_HOURS;
    const hour = rng.weightedIndex(hours);
    const time = Math.min(end - 1, day + hour * 3_600_000 + rng.integer(0, 3_600_000));
    const category = pick(
      rng,
      CATEGORIES,
      CATEGORIES.map((c) => spec.categories[c]),
    );
    const amount = Math.max(1, Math.round(spec.medianBasket * seriesExp(spec.basketSpread * rng.normal()) * 100) / 100);
    customerIds.push(customerId);
    times.push(time);
    amounts.push(amount);
    categories.push(category);
    channels.push(channel);
    if (rng.uniform() < spec.refundRate) {
      const refundTime = time + rng.integer(1, 31) * DAY_MS + rng.integer(0, 3_600_000);
      if (refundTime < end) {
        customerIds.push(customerId);
        times.push(refundTime);
        amounts.push(-amount);
        categories.push(category);
        channels.push(channel);
      }
    }
  };

  for (const customer of customers) {
    const spec = CUSTOMER_ARCHETYPES[customer.archetype];
    const maxIntensity = Math.max(1, spec.saleSensitivity) * MAX_WEEKDAY_INTENSITY;
    const accept = (time: number): boolean => {
      const weekday = WEEKDAY_INTENSITY[new Date(time).getUTCDay()]!;
      return rng.uniform() * maxIntensity < seasonalIntensity(time, spec.saleSensitivity) * weekday;
    };
    const dayOf = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;
    emit(customer.customerId, dayOf(customer.activeFrom), spec);
    if (!Number.isFinite(spec.meanGapDays)) continue;
    // thinning: candidate times from a Poisson process at the peak rate, kept with probability intensity / peak
    const peakRatePerDay = maxIntensity / spec.meanGapDays;
    let time = customer.activeFrom;
    for (;;) {
      time += rng.exponential(peakRatePerDay) * DAY_MS;
      if (time > customer.activeTo) break;
      if (accept(time)) emit(customer.customerId, dayOf(time), spec);
    }
  }

  const order = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]! || a - b);
  return order.map((i) => ({
    customerId: customerIds[i]!,
    timestamp: new Date(times[i]!),
    amount: amounts[i]!,
    category: categories[i]!,
    channel: channels[i]!,
  }));
}
