import { createRng, type Seed } from '../core/createRng';
import { SegmentkitError } from '../core/SegmentkitError';
import { toTimestamp, type DateLike } from '../core/toTimestamp';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import { CUSTOMER_ARCHETYPES, type CustomerArchetype } from './customerArchetypes';

/** Options shared by {@link makeCustomers} and {@link makeTransactions}. */
export interface SyntheticCustomersOptions {
  /** Number of customers. Default 1000. */
  readonly nCustomers?: number;
  /** Random seed. Default 0. */
  readonly seed?: Seed;
  /** Start of the simulated period (inclusive). Default `'2024-01-01'` (UTC). */
  readonly start?: DateLike;
  /** End of the simulated period (exclusive). Default `'2026-01-01'` (UTC). */
  readonly end?: DateLike;
}

/** One synthetic customer: the ground truth behind {@link makeTransactions}. */
export interface SyntheticCustomer {
  /** Id as it appears in the transaction log, e.g. `'C000042'` (zero-padded, so text order = numeric order). */
  readonly customerId: string;
  /** The behaviour the customer was drawn from. */
  readonly archetype: CustomerArchetype;
  /** Time of the first purchase (epoch ms). */
  readonly activeFrom: number;
  /** The customer makes no purchase after this time (epoch ms). */
  readonly activeTo: number;
}

const DAY_MS = 86_400_000;
export const SYNTHETIC_OPTIONS: readonly string[] = ['nCustomers', 'seed', 'start', 'end'];
/** @internal The most customers one call makes (1 GiB of records). */
export const MAX_SYNTHETIC_CUSTOMERS = 10_000_000;

/** @internal Resolved period and customer count, shared with makeTransactions. */
export function resolveSyntheticOptions(
  context: string,
  options: SyntheticCustomersOptions,
): { nCustomers: number; seed: Seed; start: number; end: number } {
  assertKnownOptions(context, options, SYNTHETIC_OPTIONS);
  const { nCustomers = 1000, seed = 0, start = '2024-01-01', end = '2026-01-01' } = options;
  requireInteger(context, 'nCustomers', nCustomers, { min: 1, max: MAX_SYNTHETIC_CUSTOMERS });
  const startMs = toTimestamp(start, { context: `${context}: start` });
  const endMs = toTimestamp(end, { context: `${context}: end` });
  if (endMs - startMs < 120 * DAY_MS) {
    throw new SegmentkitError('E_PARAM', `${context}: the period from start to end must span at least 120 days`);
  }
  return { nCustomers, seed, start: startMs, end: endMs };
}

/**
 * The synthetic customers behind {@link makeTransactions}: id, archetype and active window. Archetype counts
 * follow the shares in {@link CUSTOMER_ARCHETYPES} exactly (largest remainder), in a seeded random order.
 * `makeCustomers(o)` and `makeTransactions(o)` with the same options describe the same people.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a bad count (at most 10^7) or period, `E_PARSE` for an unreadable date.
 * @example
 * const customers = makeCustomers({ nCustomers: 20, seed: 7 });
 * customers.filter((c) => c.archetype === 'one-time-buyer').length; // => 5
 */
export function makeCustomers(options: SyntheticCustomersOptions = {}): SyntheticCustomer[] {
  const { nCustomers, seed, start, end } = resolveSyntheticOptions('makeCustomers', options);
  const rng = createRng(seed);
  const names = Object.keys(CUSTOMER_ARCHETYPES) as CustomerArchetype[];
  const exact = names.map((name) => CUSTOMER_ARCHETYPES[name].share * nCustomers);
  const counts = exact.map(Math.floor);
  let missing = nCustomers - counts.reduce((a, b) => a + b, 0);
  const byRemainder = names.map((_, i) => i).sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!) || a - b);
  for (let r = 0; missing > 0; r++, missing--) counts[byRemainder[r % names.length]!]! += 1;
  const archetypes: CustomerArchetype[] = [];
  names.forEach((name, i) => {
    for (let c = 0; c < counts[i]!; c++) archetypes.push(name);
  });
  rng.shuffle(archetypes);

  const span = end - start;
  const width = Math.max(6, String(nCustomers).length);
  return archetypes.map((archetype, i) => {
    let from: number;
    let to = end - 1;
    switch (archetype) {
      case 'loyal-high-spender':
        from = start + rng.uniform() * 0.15 * span;
        break;
      case 'bargain-hunter':
        from = start + rng.uniform() * 0.5 * span;
        break;
      case 'one-time-buyer':
        from = start + rng.uniform() * (span - 1);
        to = from;
        break;
      case 'lapsed':
        from = start + rng.uniform() * 0.25 * span;
        to = start + (0.4 + 0.15 * rng.uniform()) * span;
        break;
      case 'new':
        from = end - 1 - rng.uniform() * 90 * DAY_MS;
        break;
    }
    return {
      customerId: `C${String(i + 1).padStart(width, '0')}`,
      archetype,
      activeFrom: Math.floor(from),
      activeTo: Math.floor(to),
    };
  });
}
