import { attachDisplay, attachRowsDisplay, formatCell } from '../core/attachDisplay';
import { htmlSummary } from '../core/display';
import { interpolateSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { compareCustomerIds, type CustomerId } from '../rfm/customerId';
import { TRANSACTION_FIELD_OPTIONS, TransactionFields, type TransactionFieldOptions } from '../rfm/transactionFields';
import type { SegmentId } from './profileTypes';
import type { SegmentAssignment } from './segmentTransitions';

const DAY_MS = 86_400_000;

/** Where a customer is in their life with the business. */
export type LifecycleStage = 'new' | 'active' | 'at risk' | 'lapsed' | 'reactivated';

/**
 * The stages in the order tables show them.
 *
 * @example
 * LIFECYCLE_STAGES; // => ['new', 'active', 'reactivated', 'at risk', 'lapsed']
 */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = /* @__PURE__ */ Object.freeze([
  'new',
  'active',
  'reactivated',
  'at risk',
  'lapsed',
] as LifecycleStage[]);

/** Options of {@link lifecycleStages}: the transaction fields, and the thresholds of the rule. */
export interface LifecycleStagesOptions extends TransactionFieldOptions {
  /** The day the stages are judged on. Default: the day after the last transaction. */
  readonly asOf?: Date | number | string;
  /** A customer whose first purchase is at most this many days before asOf is `'new'`. Default 30. */
  readonly newWithinDays?: number;
  /** Beyond this many of their own purchase intervals since the last purchase a customer is `'at risk'`. Default 1.5. */
  readonly atRiskAfter?: number;
  /** Beyond this many intervals a customer is `'lapsed'`. Default 3. */
  readonly lapsedAfter?: number;
}

/** One customer's stage and the facts it was judged on. */
export interface CustomerLifecycle {
  /** The customer. */
  readonly customerId: CustomerId;
  /** Their stage at asOf. */
  readonly stage: LifecycleStage;
  /** Purchases (positive amounts; refunds are not purchases). */
  readonly purchases: number;
  /** Time of their first purchase. */
  readonly firstPurchase: Date;
  /** Time of their last purchase. */
  readonly lastPurchase: Date;
  /** Days from the last purchase to asOf. */
  readonly daysSinceLast: number;
  /** The customer's rhythm: the median days between their purchases, or the population's for one-time buyers. */
  readonly rhythmDays: number;
  /** Whether the rhythm is the customer's own or the population's. */
  readonly rhythmSource: 'own' | 'population';
}

/** Stage counts per segment: what {@link LifecycleStagesResult.perSegment} returns. */
export interface LifecycleStagesPerSegment {
  /** The segments, sorted. */
  readonly segments: SegmentId[];
  /** The stages, in {@link LIFECYCLE_STAGES} order. */
  readonly stages: readonly LifecycleStage[];
  /** `rows[i][j]`: customers of `segments[i]` in stage `stages[j]`. */
  readonly rows: number[][];
}

/** The result of {@link lifecycleStages}. */
export interface LifecycleStagesResult {
  /** One entry per customer, by customer id. */
  readonly customers: readonly CustomerLifecycle[];
  /** Customers per stage. */
  readonly counts: Readonly<Record<LifecycleStage, number>>;
  /** The date the stages are taken at. */
  readonly asOf: Date;
  /** The population's rhythm the rule used for one-time buyers: median days between purchases. */
  readonly populationRhythmDays: number;
  /** The rule, in words (for reports). */
  readonly rule: string;
  /**
   * Stage counts per segment: `rows[i][j]` customers of `segments[i]` are in stage `LIFECYCLE_STAGES[j]`;
   * customers without a segment are left out.
   */
  perSegment(assignment: SegmentAssignment): LifecycleStagesPerSegment;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return interpolateSorted(sorted, 0.5);
}

/**
 * Each customer's lifecycle stage, judged against that customer's own purchase rhythm (the median days between
 * their purchases; one-time buyers get the population's median):
 * - `'new'`: the first purchase is at most `newWithinDays` (30) before asOf;
 * - `'active'`: the days since the last purchase are at most `atRiskAfter` (1.5) rhythms;
 * - `'reactivated'`: active, and the gap before the last purchase exceeded `lapsedAfter` rhythms (they had lapsed);
 * - `'at risk'`: up to `lapsedAfter` (3) rhythms since the last purchase;
 * - `'lapsed'`: longer.
 *
 * @param transactions - records (or an iterable of records) with a customer id, a time and an amount
 * @throws {@link SegmentkitError} `E_PARSE` naming the row and field, `E_EMPTY` (no purchases), `E_PARAM`
 *   (bad thresholds, asOf before the last purchase).
 * @example
 * const log = [
 *   { customerId: 'a', timestamp: '2024-01-01', amount: 10 }, { customerId: 'a', timestamp: '2024-01-11', amount: 10 },
 *   { customerId: 'a', timestamp: '2024-01-21', amount: 10 }, { customerId: 'b', timestamp: '2023-06-01', amount: 5 },
 *   { customerId: 'b', timestamp: '2023-06-11', amount: 5 },
 * ];
 * lifecycleStages(log, { asOf: '2024-02-05' }).customers.map((c) => c.stage); // => ['active', 'lapsed']
 */
export function lifecycleStages(transactions: Iterable<object>, options: LifecycleStagesOptions = {}): LifecycleStagesResult {
  const context = 'lifecycleStages';
  assertKnownOptions(context, options, [...TRANSACTION_FIELD_OPTIONS, 'asOf', 'newWithinDays', 'atRiskAfter', 'lapsedAfter']);
  const newWithin = requireNumber(context, 'newWithinDays', options.newWithinDays ?? 30, { min: 0 });
  const atRiskAfter = requireNumber(context, 'atRiskAfter', options.atRiskAfter ?? 1.5, { min: 0, exclusiveMin: true });
  const lapsedAfter = requireNumber(context, 'lapsedAfter', options.lapsedAfter ?? 3, { min: 0, exclusiveMin: true });
  if (lapsedAfter < atRiskAfter) {
    throw new SegmentkitError('E_PARAM', `${context}: lapsedAfter (${lapsedAfter}) must be at least atRiskAfter (${atRiskAfter})`);
  }
  if (transactions === null || typeof transactions !== 'object' || !(Symbol.iterator in transactions)) {
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: transactions must be an array (or iterable) of records, got ${transactions === null ? 'null' : typeof transactions}`,
    );
  }
  const fields = new TransactionFields(options, context);
  const times = new Map<CustomerId, number[]>();
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
    if (amount <= 0) continue;
    const time = fields.time(record[fields.date], index);
    const list = times.get(id);
    if (list === undefined) times.set(id, [time]);
    else list.push(time);
  }
  if (times.size === 0) throw new SegmentkitError('E_EMPTY', `${context}: no purchases (positive amounts) in ${row} rows`);
  let last = -Infinity;
  for (const list of times.values()) for (const t of list) if (t > last) last = t;
  const asOf = options.asOf === undefined ? (Math.floor(last / DAY_MS) + 1) * DAY_MS : fields.referenceDate(options.asOf, 'asOf');
  if (asOf < last) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: asOf (${new Date(asOf).toISOString()}) is before the last purchase (${new Date(last).toISOString()}); move asOf or drop the later rows`,
    );
  }
  const ownRhythm = new Map<CustomerId, number>();
  const allRhythms: number[] = [];
  for (const [id, list] of times) {
    list.sort((a, b) => a - b);
    if (list.length < 2) continue;
    const gaps = list.slice(1).map((t, i) => (t - list[i]!) / DAY_MS);
    const rhythm = median(gaps);
    if (rhythm > 0) {
      ownRhythm.set(id, rhythm);
      allRhythms.push(rhythm);
    }
  }
  const populationRhythm = allRhythms.length > 0 ? median(allRhythms) : 30;
  const counts: Record<LifecycleStage, number> = { new: 0, active: 0, reactivated: 0, 'at risk': 0, lapsed: 0 };
  const ids = [...times.keys()].sort((a, b) => compareCustomerIds(a, b, context));
  const customers: CustomerLifecycle[] = ids.map((id) => {
    const list = times.get(id)!;
    const first = list[0]!;
    const latest = list[list.length - 1]!;
    const own = ownRhythm.get(id);
    const rhythm = own ?? populationRhythm;
    const daysSinceLast = (asOf - latest) / DAY_MS;
    const ratio = daysSinceLast / rhythm;
    let stage: LifecycleStage;
    if ((asOf - first) / DAY_MS <= newWithin) stage = 'new';
    else if (ratio <= atRiskAfter) {
      const previousGap = list.length >= 2 ? (latest - list[list.length - 2]!) / DAY_MS : 0;
      stage = previousGap > lapsedAfter * rhythm ? 'reactivated' : 'active';
    } else if (ratio <= lapsedAfter) stage = 'at risk';
    else stage = 'lapsed';
    counts[stage]++;
    return {
      customerId: id,
      stage,
      purchases: list.length,
      firstPurchase: new Date(first),
      lastPurchase: new Date(latest),
      daysSinceLast,
      rhythmDays: rhythm,
      rhythmSource: own === undefined ? 'population' : 'own',
    };
  });
  const byId = new Map(customers.map((c) => [c.customerId, c.stage]));
  const rule = `new: first purchase ≤ ${newWithin} days before asOf; otherwise days since the last purchase over the customer's median days between purchases (one-time buyers: the population's ${populationRhythm.toFixed(1)} days): active ≤ ${atRiskAfter}, at risk ≤ ${lapsedAfter}, lapsed above; reactivated: active after a gap above ${lapsedAfter} intervals`;
  const result: LifecycleStagesResult = {
    customers,
    counts: Object.freeze(counts),
    asOf: new Date(asOf),
    populationRhythmDays: populationRhythm,
    rule,
    perSegment(assignment: SegmentAssignment) {
      const entries: Iterable<readonly [string | number, SegmentId]> =
        assignment instanceof Map || Symbol.iterator in (assignment as object)
          ? (assignment as Iterable<readonly [string | number, SegmentId]>)
          : Object.entries(assignment as Record<string, SegmentId>);
      const table = new Map<SegmentId, number[]>();
      for (const [id, segment] of entries) {
        const stage = byId.get(id) ?? (typeof id === 'string' && /^-?\d+(\.\d+)?$/.test(id) ? byId.get(Number(id)) : undefined);
        if (stage === undefined) continue;
        const counts = table.get(segment) ?? new Array<number>(LIFECYCLE_STAGES.length).fill(0);
        counts[LIFECYCLE_STAGES.indexOf(stage)]!++;
        table.set(segment, counts);
      }
      const segments = [...table.keys()].sort((a, b) =>
        typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1,
      );
      return { segments, stages: LIFECYCLE_STAGES, rows: segments.map((s) => table.get(s)!) };
    },
  };
  attachRowsDisplay(customers, 'lifecycleStages', () => LIFECYCLE_STAGES.map((stage) => [stage, String(counts[stage])] as const));
  return Object.freeze(
    attachDisplay(result, {
      line: () =>
        `lifecycleStages { ${customers.length} customers: ${LIFECYCLE_STAGES.map((stage) => `${counts[stage]} ${stage}`).join(', ')} }`,
      html: () =>
        htmlSummary(
          'lifecycleStages',
          [
            ['as of', formatCell(result.asOf)],
            ['rule', rule],
          ],
          {
            header: ['stage', 'customers'],
            rows: LIFECYCLE_STAGES.map((stage) => [stage, String(counts[stage])]),
          },
        ),
    }),
  );
}
