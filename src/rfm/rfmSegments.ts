import { attachRowsDisplay } from '../core/attachDisplay';
import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { RfmScoredRow } from './rfmScore';

/** A score range, inclusive: `[min, max]`. */
export type ScoreRange = readonly [number, number];

/** One row of a segment rule table: a name and the score ranges it covers (omitted = any score). */
export interface RfmSegmentRule {
  /** Segment name. */
  readonly segment: string;
  /** Recency scores covered. */
  readonly recency?: ScoreRange;
  /** Frequency scores covered. */
  readonly frequency?: ScoreRange;
  /** Monetary scores covered. */
  readonly monetary?: ScoreRange;
}

/**
 * The default segment rules for 1–5 scores, applied top to bottom (first match wins). They cover every
 * recency × frequency combination:
 *
 * | segment | recency | frequency | monetary | reading |
 * |---|---|---|---|---|
 * | Champions | 4–5 | 4–5 | 4–5 | bought recently, buy often, spend the most |
 * | Loyal Customers | 3–5 | 3–5 | any | buy regularly |
 * | Potential Loyalist | 4–5 | 2–3 | any | recent, with a few purchases |
 * | New Customers | 5 | 1 | any | first purchase, very recently |
 * | Promising | 4 | 1 | any | one recent purchase |
 * | Need Attention | 3 | 2 | any | average recency, a few purchases |
 * | About To Sleep | 3 | 1 | any | average recency, one purchase |
 * | Can't Lose Them | 1–2 | 4–5 | 4–5 | used to buy often and spend a lot, long ago |
 * | At Risk | 1–2 | 3–5 | any | used to buy regularly, long ago |
 * | Hibernating | 2 | 1–2 | any | little and long ago |
 * | Lost | 1 | 1–2 | any | the least recent, least frequent |
 *
 * @example
 * DEFAULT_RFM_SEGMENT_RULES[0]; // => { segment: 'Champions', recency: [4, 5], frequency: [4, 5], monetary: [4, 5] }
 */
export const DEFAULT_RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = /* @__PURE__ */ Object.freeze([
  { segment: 'Champions', recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
  { segment: 'Loyal Customers', recency: [3, 5], frequency: [3, 5] },
  { segment: 'Potential Loyalist', recency: [4, 5], frequency: [2, 3] },
  { segment: 'New Customers', recency: [5, 5], frequency: [1, 1] },
  { segment: 'Promising', recency: [4, 4], frequency: [1, 1] },
  { segment: 'Need Attention', recency: [3, 3], frequency: [2, 2] },
  { segment: 'About To Sleep', recency: [3, 3], frequency: [1, 1] },
  { segment: "Can't Lose Them", recency: [1, 2], frequency: [4, 5], monetary: [4, 5] },
  { segment: 'At Risk', recency: [1, 2], frequency: [3, 5] },
  { segment: 'Hibernating', recency: [2, 2], frequency: [1, 2] },
  { segment: 'Lost', recency: [1, 1], frequency: [1, 2] },
] as RfmSegmentRule[]);

/** Options for {@link rfmSegments}. */
export interface RfmSegmentsOptions {
  /** The rule table, first match wins. Default {@link DEFAULT_RFM_SEGMENT_RULES} (for 1–5 scores). */
  readonly rules?: readonly RfmSegmentRule[];
  /** Name for customers no rule matches. Default `'Other'`. */
  readonly otherSegment?: string;
}

/** A scored row with its segment. */
export interface RfmSegmentedRow extends RfmScoredRow {
  /** The first matching rule's segment, or the `otherSegment` name. */
  readonly segment: string;
}

function checkRange(rule: unknown, index: number, field: 'recency' | 'frequency' | 'monetary'): void {
  const range = (rule as Record<string, unknown>)[field];
  if (range === undefined) return;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isInteger(v)) || range[0] > range[1]) {
    throw new SegmentkitError('E_PARAM', `rfmSegments: rules[${index}].${field} must be [min, max] integer scores with min ≤ max`);
  }
}

const inRange = (score: number, range: ScoreRange | undefined): boolean => range === undefined || (score >= range[0] && score <= range[1]);

/**
 * Name every scored customer by the first rule whose score ranges contain it.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a malformed rule table.
 * @example
 * const scored = [{ recencyScore: 5, frequencyScore: 5, monetaryScore: 5 }, { recencyScore: 1, frequencyScore: 1, monetaryScore: 2 }];
 * rfmSegments(scored as never).map((r) => r.segment); // => ['Champions', 'Lost']
 */
export function rfmSegments(scores: readonly RfmScoredRow[], options: RfmSegmentsOptions = {}): RfmSegmentedRow[] {
  assertKnownOptions('rfmSegments', options, ['rules', 'otherSegment']);
  const rules = options.rules ?? DEFAULT_RFM_SEGMENT_RULES;
  const other = options.otherSegment ?? 'Other';
  if (typeof other !== 'string' || other === '')
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSegments: otherSegment must be a segment name (a non-empty string), got ${describeValue(other)}`,
    );
  if (!Array.isArray(scores))
    throw new SegmentkitError('E_PARAM', `rfmSegments: scores must be the array rfmScore returns, got ${describeValue(scores)}`);
  scores.forEach((row: unknown, i) => {
    const scored = row as Partial<RfmScoredRow> | null;
    if (typeof scored !== 'object' || scored === null)
      throw new SegmentkitError('E_PARSE', `rfmSegments: row ${i} is ${describeValue(row)}, not a row of rfmScore`);
    for (const field of ['recencyScore', 'frequencyScore', 'monetaryScore'] as const) {
      if (!Number.isInteger(scored[field])) {
        throw new SegmentkitError(
          'E_PARSE',
          `rfmSegments: row ${i}, ${field} is ${describeValue(scored[field])}, not an integer score; pass the rows of rfmScore`,
        );
      }
    }
  });
  if (!Array.isArray(rules) || rules.length === 0) throw new SegmentkitError('E_PARAM', 'rfmSegments: rules must be a non-empty array');
  rules.forEach((rule, index) => {
    if (typeof rule !== 'object' || rule === null || typeof rule.segment !== 'string' || rule.segment === '') {
      throw new SegmentkitError('E_PARAM', `rfmSegments: rules[${index}] needs a segment name`);
    }
    assertKnownOptions(`rfmSegments: rules[${index}]`, rule, ['segment', 'recency', 'frequency', 'monetary']);
    checkRange(rule, index, 'recency');
    checkRange(rule, index, 'frequency');
    checkRange(rule, index, 'monetary');
  });
  const segmented = scores.map((row) => {
    const rule = rules.find(
      (r) => inRange(row.recencyScore, r.recency) && inRange(row.frequencyScore, r.frequency) && inRange(row.monetaryScore, r.monetary),
    );
    // an explicit literal keeps every row the same shape (a spread is several times slower on large tables)
    return {
      customerId: row.customerId,
      recency: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      monetaryMean: row.monetaryMean,
      firstPurchase: row.firstPurchase,
      lastPurchase: row.lastPurchase,
      tenureDays: row.tenureDays,
      recencyScore: row.recencyScore,
      frequencyScore: row.frequencyScore,
      monetaryScore: row.monetaryScore,
      rfmCode: row.rfmCode,
      segment: rule?.segment ?? other,
    };
  });
  return attachRowsDisplay(segmented, 'rfmSegments');
}
