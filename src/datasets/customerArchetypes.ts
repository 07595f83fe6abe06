/** The behavioural archetypes {@link makeTransactions} draws customers from. */
export type CustomerArchetype = 'loyal-high-spender' | 'bargain-hunter' | 'one-time-buyer' | 'lapsed' | 'new';

/** Product categories in the synthetic log. */
export type TransactionCategory = 'electronics' | 'home' | 'fashion' | 'grocery' | 'beauty' | 'sports';

/** Sales channels in the synthetic log. */
export type TransactionChannel = 'online' | 'store' | 'app';

/** How one archetype behaves; see {@link CUSTOMER_ARCHETYPES}. */
export interface ArchetypeSpec {
  /** Share of customers drawn from this archetype. */
  readonly share: number;
  /** One-line description of the behaviour, for docs and demo output. */
  readonly description: string;
  /** Mean days between purchases while active (before seasonal and weekday modulation). `Infinity` = one purchase. */
  readonly meanGapDays: number;
  /** Median basket value (the basket is log-normal). */
  readonly medianBasket: number;
  /** Log-scale spread of the basket value. */
  readonly basketSpread: number;
  /** Probability that a purchase is later refunded in full. */
  readonly refundRate: number;
  /** Extra purchase intensity in sale periods (late November–December, January), as a multiplier ≥ 1. */
  readonly saleSensitivity: number;
  /** Relative channel preferences. */
  readonly channels: Readonly<Record<TransactionChannel, number>>;
  /** Relative category preferences. */
  readonly categories: Readonly<Record<TransactionCategory, number>>;
}

/**
 * The archetypes behind {@link makeTransactions}, documented so segments found later can be checked against
 * the truth. Windows are fractions of the simulated period [start, end]:
 *
 * - **loyal-high-spender** (15 %): active from early on to the end, buys about every 2 weeks, large baskets
 *   (median 120), mostly online and app, electronics and home.
 * - **bargain-hunter** (25 %): frequent small baskets (median 22, every ~10 days), strongly drawn to sale
 *   periods, more refunds, grocery and fashion, store-heavy.
 * - **one-time-buyer** (25 %): exactly one purchase at a random time, medium basket (median 55).
 * - **lapsed** (20 %): active in the first half of the period (every ~3 weeks, median 70), then silent.
 * - **new** (15 %): first purchase in the last 90 days, then every ~3 weeks, median 65, app-heavy.
 *
 * Every customer has at least one purchase. Weekends are busier in store, evenings busier online and in the app.
 *
 * @example
 * Object.keys(CUSTOMER_ARCHETYPES); // => ['loyal-high-spender', 'bargain-hunter', 'one-time-buyer', 'lapsed', 'new']
 */
export const CUSTOMER_ARCHETYPES: Readonly<Record<CustomerArchetype, ArchetypeSpec>> = {
  'loyal-high-spender': {
    share: 0.15,
    description: 'buys about every two weeks for the whole period, large baskets, online and app',
    meanGapDays: 14,
    medianBasket: 120,
    basketSpread: 0.45,
    refundRate: 0.02,
    saleSensitivity: 1.3,
    channels: { online: 0.5, store: 0.2, app: 0.3 },
    categories: { electronics: 0.35, home: 0.3, fashion: 0.1, grocery: 0.05, beauty: 0.1, sports: 0.1 },
  },
  'bargain-hunter': {
    share: 0.25,
    description: 'frequent small baskets, drawn to sales, more refunds, grocery and fashion',
    meanGapDays: 10,
    medianBasket: 22,
    basketSpread: 0.5,
    refundRate: 0.07,
    saleSensitivity: 2.5,
    channels: { online: 0.25, store: 0.6, app: 0.15 },
    categories: { electronics: 0.03, home: 0.1, fashion: 0.3, grocery: 0.4, beauty: 0.12, sports: 0.05 },
  },
  'one-time-buyer': {
    share: 0.25,
    description: 'a single purchase at a random time, medium basket',
    meanGapDays: Infinity,
    medianBasket: 55,
    basketSpread: 0.7,
    refundRate: 0.05,
    saleSensitivity: 1.8,
    channels: { online: 0.5, store: 0.35, app: 0.15 },
    categories: { electronics: 0.2, home: 0.2, fashion: 0.25, grocery: 0.1, beauty: 0.15, sports: 0.1 },
  },
  lapsed: {
    share: 0.2,
    description: 'active in the first half of the period, then silent',
    meanGapDays: 21,
    medianBasket: 70,
    basketSpread: 0.55,
    refundRate: 0.04,
    saleSensitivity: 1.5,
    channels: { online: 0.35, store: 0.5, app: 0.15 },
    categories: { electronics: 0.15, home: 0.25, fashion: 0.2, grocery: 0.2, beauty: 0.1, sports: 0.1 },
  },
  new: {
    share: 0.15,
    description: 'first purchase in the last 90 days, buying every few weeks, app-heavy',
    meanGapDays: 20,
    medianBasket: 65,
    basketSpread: 0.5,
    refundRate: 0.03,
    saleSensitivity: 1.5,
    channels: { online: 0.3, store: 0.15, app: 0.55 },
    categories: { electronics: 0.15, home: 0.15, fashion: 0.25, grocery: 0.1, beauty: 0.2, sports: 0.15 },
  },
};
