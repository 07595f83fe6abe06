// rfmSql's threshold scores and named segments: option checks and the SQL pieces. The quantile scores live in
// rfmSql.ts itself. Cut points and score ranges are validated numbers written as literals; segment names are
// user text and are always bound parameters.
import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { RfmThresholds } from './rfmScore';
import { DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule, type ScoreRange } from './rfmSegments';

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** The most rules a segment table may have (every rule binds one parameter). */
const RULE_LIMIT = 1000;
/** The longest segment name, in UTF-16 code units (the names are cast to VARCHAR(n) of the longest). */
const NAME_LIMIT = 1000;

/** @internal Validated cut points per dimension (strictly ascending finite numbers, 1 to 8 of them). */
export type SqlThresholds = Readonly<Record<Dimension, readonly number[]>>;

/** @internal Check rfmSql's `thresholds` as rfmScore does, with rfmSql in the messages. */
export function readSqlThresholds(value: unknown): SqlThresholds {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSql: method 'thresholds' needs thresholds: { recency, frequency, monetary } (ascending cut points), got ${describeValue(value)}`,
    );
  }
  assertKnownOptions('rfmSql: thresholds', value, [...DIMENSIONS]);
  const t = value as Partial<RfmThresholds>;
  const read = (name: Dimension): readonly number[] => {
    const cuts: unknown = t[name];
    if (!Array.isArray(cuts) || cuts.length < 1 || cuts.length > 8) {
      throw new SegmentkitError('E_PARAM', `rfmSql: thresholds.${name} must be 1 to 8 ascending cut points, got ${describeValue(cuts)}`);
    }
    const out: number[] = [];
    for (let i = 0; i < cuts.length; i++) {
      const c: unknown = cuts[i];
      if (typeof c !== 'number' || !Number.isFinite(c) || (i > 0 && !(c > out[i - 1]!))) {
        throw new SegmentkitError(
          'E_PARAM',
          `rfmSql: thresholds.${name} must be strictly ascending finite numbers (problem at index ${i}: ${describeValue(c)})`,
        );
      }
      out.push(c);
    }
    return out;
  };
  return { recency: read('recency'), frequency: read('frequency'), monetary: read('monetary') };
}

/** A finite double as a literal that reads back as the same double (shortest round-trip digits). */
function doubleLiteral(value: number): string {
  return `CAST(${(value === 0 ? 0 : value).toExponential().replace('e+', 'e')} AS DOUBLE PRECISION)`;
}

/**
 * @internal
 * Threshold score of `column` as rfmScore's `'thresholds'`: 1 + the number of cut points strictly below the
 * value (intervals closed on the right); reversed (levels + 1 − that) for recency.
 */
export function thresholdScoreSql(column: string, cuts: readonly number[], reversed: boolean): string {
  const terms = cuts.map((c) => `CASE WHEN ${column} > ${doubleLiteral(c)} THEN 1 ELSE 0 END`);
  const score = `(1 + ${terms.join(' + ')})`;
  return reversed ? `(${cuts.length + 2} - ${score})` : score;
}

/** @internal A validated segment table: the rules and the name for customers no rule matches. */
export interface SqlSegmentRules {
  readonly rules: readonly RfmSegmentRule[];
  readonly otherSegment: string;
}

function readName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > NAME_LIMIT || value.includes('\u0000')) {
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSql: ${what} must be a segment name (non-empty text of at most ${NAME_LIMIT} characters without NUL), got ${describeValue(value)}`,
    );
  }
  return value;
}

function readRange(rule: Record<string, unknown>, index: number, field: Dimension): ScoreRange | undefined {
  const range = rule[field];
  if (range === undefined) return undefined;
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !Number.isInteger(range[0]) ||
    !Number.isInteger(range[1]) ||
    (range[0] as number) > (range[1] as number)
  ) {
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSql: segments[${index}].${field} must be [min, max] integer scores with min ≤ max, got ${describeValue(range)}`,
    );
  }
  return [range[0] as number, range[1] as number];
}

/**
 * @internal
 * Read rfmSql's `segments` (`true` = {@link DEFAULT_RFM_SEGMENT_RULES}, or a rule table checked as rfmSegments
 * checks it) and `otherSegment`; `null` when no segments are asked for.
 */
export function readSqlSegments(segments: unknown, otherSegment: unknown): SqlSegmentRules | null {
  if (segments === undefined || segments === false) {
    if (otherSegment !== undefined) {
      throw new SegmentkitError('E_PARAM', 'rfmSql: otherSegment names the customers no segment rule matches; pass segments too');
    }
    return null;
  }
  const other = otherSegment === undefined ? 'Other' : readName(otherSegment, 'otherSegment');
  if (segments === true) return { rules: DEFAULT_RFM_SEGMENT_RULES, otherSegment: other };
  if (!Array.isArray(segments) || segments.length === 0 || segments.length > RULE_LIMIT) {
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSql: segments must be true (the default rules) or a rule table of 1 to ${RULE_LIMIT} { segment, recency?, frequency?, monetary? }, got ${describeValue(segments)}`,
    );
  }
  const rules: RfmSegmentRule[] = [];
  for (let index = 0; index < segments.length; index++) {
    const rule: unknown = segments[index];
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
      throw new SegmentkitError(
        'E_PARAM',
        `rfmSql: segments[${index}] must be a rule { segment, recency?, frequency?, monetary? }, got ${describeValue(rule)}`,
      );
    }
    assertKnownOptions(`rfmSql: segments[${index}]`, rule, ['segment', ...DIMENSIONS]);
    const record = rule as Record<string, unknown>;
    const segment = readName(record.segment, `segments[${index}].segment`);
    const ranges = Object.fromEntries(DIMENSIONS.map((d) => [d, readRange(record, index, d)]));
    rules.push({ segment, ...(ranges as Partial<Record<Dimension, ScoreRange>>) });
  }
  return { rules, otherSegment: other };
}

/**
 * @internal
 * The segment of a scored row: a CASE over the rules in order (first match wins, as rfmSegments), each name a
 * bound parameter from `bind`, the score bounds integer literals (clamped to 0…10, which changes no match since
 * scores are 1…9).
 */
export function segmentSql(segments: SqlSegmentRules, bind: (value: string) => string): string {
  const length = Math.max(segments.otherSegment.length, ...segments.rules.map((r) => r.segment.length));
  const name = (value: string): string => `CAST(${bind(value)} AS VARCHAR(${length}))`;
  const branches = segments.rules.map((rule) => {
    const conditions: string[] = [];
    for (const dimension of DIMENSIONS) {
      const range = rule[dimension];
      if (range === undefined) continue;
      const low = Math.max(range[0], 0);
      const high = Math.min(range[1], 10);
      conditions.push(low > high ? '1 = 0' : `${dimension}_score BETWEEN ${String(low)} AND ${String(high)}`);
    }
    return `    WHEN ${conditions.length === 0 ? '1 = 1' : conditions.join(' AND ')} THEN ${name(rule.segment)}`;
  });
  return [`  CASE`, ...branches, `    ELSE ${name(segments.otherSegment)}`, `  END`].join('\n');
}
