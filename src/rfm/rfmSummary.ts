import { attachRowsDisplay } from '../core/attachDisplay';
import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { DEFAULT_RFM_SEGMENT_RULES } from './rfmSegments';
import type { RfmSegmentedRow } from './rfmSegments';

/** One segment of an {@link rfmSummary}. */
export interface RfmSegmentSummary {
  /** Segment name. */
  readonly segment: string;
  /** Customers in it. */
  readonly customers: number;
  /** Share of all customers (0–1). */
  readonly share: number;
  /** Mean days since the last purchase. */
  readonly recency: number;
  /** Mean purchases. */
  readonly frequency: number;
  /** Mean monetary value per customer. */
  readonly monetary: number;
  /** Total monetary value of the segment. */
  readonly revenue: number;
  /** Share of all revenue (0–1). */
  readonly revenueShare: number;
}

/**
 * Per-segment size, share, mean recency/frequency/monetary and revenue share, in the order of the default
 * rule table (other segment names after it, alphabetically).
 *
 * @throws {@link SegmentkitError} `E_EMPTY` for no rows.
 * @example
 * const rows = [
 *   { segment: 'Champions', recency: 2, frequency: 9, monetary: 900 },
 *   { segment: 'Lost', recency: 300, frequency: 1, monetary: 100 },
 * ];
 * rfmSummary(rows as never).map((s) => [s.segment, s.revenueShare]); // => [['Champions', 0.9], ['Lost', 0.1]]
 */
export function rfmSummary(rows: readonly RfmSegmentedRow[]): RfmSegmentSummary[] {
  if (!Array.isArray(rows))
    throw new SegmentkitError('E_PARAM', `rfmSummary: rows must be the array rfmSegments returns, got ${describeValue(rows)}`);
  if (rows.length === 0) throw new SegmentkitError('E_EMPTY', 'rfmSummary: no rows');
  rows.forEach((row: unknown, i) => {
    const segmented = row as Partial<RfmSegmentedRow> | null;
    if (typeof segmented !== 'object' || segmented === null)
      throw new SegmentkitError('E_PARSE', `rfmSummary: row ${i} is ${describeValue(row)}, not a row of rfmSegments`);
    if (typeof segmented.segment !== 'string')
      throw new SegmentkitError('E_PARSE', `rfmSummary: row ${i}, segment is ${describeValue(segmented.segment)}, not a segment name`);
    for (const field of ['recency', 'frequency', 'monetary'] as const) {
      const value = segmented[field];
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new SegmentkitError('E_PARSE', `rfmSummary: row ${i}, ${field} is ${describeValue(value)}, not a finite number`);
    }
  });
  const groups = new Map<string, { n: number; recency: number; frequency: number; monetary: number }>();
  let revenue = 0;
  for (const row of rows) {
    const g = groups.get(row.segment) ?? { n: 0, recency: 0, frequency: 0, monetary: 0 };
    g.n++;
    g.recency += row.recency;
    g.frequency += row.frequency;
    g.monetary += row.monetary;
    revenue += row.monetary;
    groups.set(row.segment, g);
  }
  // a total past the largest double has no share to report: refuse rather than print Infinity or NaN
  for (const [segment, g] of groups) {
    if (![g.monetary, g.frequency, g.recency, revenue].every(Number.isFinite)) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `rfmSummary: the totals of segment '${segment}' (or of all segments) exceed the largest double; rescale monetary (for example to thousands) first`,
      );
    }
  }
  const order = DEFAULT_RFM_SEGMENT_RULES.map((r) => r.segment);
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  const summary = [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([segment, g]) => ({
      segment,
      customers: g.n,
      share: g.n / rows.length,
      recency: g.recency / g.n,
      frequency: g.frequency / g.n,
      monetary: g.monetary / g.n,
      revenue: g.monetary,
      revenueShare: revenue === 0 ? 0 : g.monetary / revenue,
    }));
  return attachRowsDisplay(summary, 'rfmSummary', () => [['customers', String(rows.length)]]);
}
