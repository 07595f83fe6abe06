import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';

/** Fields {@link suppressSmallCells} looks for, in this order, when no `countField` is given. */
const COUNT_FIELDS = ['customers', 'size', 'count', 'n'] as const;
/** Fields kept in a suppressed row unless `keep` says otherwise: what names the row, not what describes it. */
const IDENTITY_FIELDS = ['segment', 'isNoise'] as const;

/** Options of {@link suppressSmallCells}. */
export interface SuppressSmallCellsOptions {
  /**
   * Rows for fewer customers than this are suppressed (default 10, as the report uses; 0 suppresses nothing).
   * Compared with the row's count as is, so a soft profile's fractional sizes work too.
   */
  readonly minSegmentSize?: number;
  /**
   * The field holding each row's number of customers. Default: the first of `customers` ({@link rfmSummary}
   * rows), `size` (a profile's `segments`), `count` and `n` that the first row has as a number.
   */
  readonly countField?: string;
  /**
   * Fields copied unchanged into a suppressed row (default `['segment', 'isNoise']`, where present); the count
   * field is kept too unless `suppressCount` is set. Every other field becomes `null`.
   */
  readonly keep?: readonly string[];
  /**
   * Also blank the count of a suppressed row (default `false`: a segment's size says who is in it, not what
   * they are like, and readers need it to know why the row is empty). Set it when membership itself is
   * sensitive.
   */
  readonly suppressCount?: boolean;
  /**
   * Complementary suppression (default `true`): when exactly one row falls below the size, the next smallest is
   * suppressed too, since a single blank cell in a table with known totals (shares summing to 1, an overall
   * mean) can be recovered by subtraction.
   */
  readonly complementary?: boolean;
}

/**
 * A row of a published table after {@link suppressSmallCells}: the same fields, each possibly `null`, and a
 * `suppressed` marker.
 */
export type SuppressedRow<T> = { readonly [K in keyof T]: T[K] | null } & {
  /** Whether the row's values were blanked (its segment was too small, or complements one that was). */
  readonly suppressed: boolean;
};

function detectCountField(first: object, context: string): string {
  const found = COUNT_FIELDS.find((f) => typeof (first as Record<string, unknown>)[f] === 'number');
  if (found === undefined) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: no count field found in the rows (looked for ${COUNT_FIELDS.join(', ')}); pass countField, the field holding each row's number of customers`,
    );
  }
  return found;
}

/**
 * Small-cell suppression for published tables (k-anonymity style): every row describing fewer than
 * `minSegmentSize` customers keeps what identifies it (its `segment`, and its count unless `suppressCount`) and
 * has every other value replaced by `null`, with `suppressed: true`; larger rows are copied with
 * `suppressed: false`. With one small row, the next smallest is suppressed as well (`complementary`), so the
 * blank cannot be filled in from totals. Works on any array of row objects: {@link rfmSummary} rows,
 * `profile.segments` of {@link profileSegments} (`countField: 'size'`, found automatically), a per-segment table
 * of your own. The input is not changed.
 *
 * This keeps small groups out of what is published; it does not protect against someone who combines several
 * releases (differencing two tables) or knows most of a segment already. See the privacy guide for when to add
 * differential privacy ({@link privateCount}, {@link privateMean}).
 *
 * @param table - the rows to publish, one per segment
 * @throws {@link SegmentkitError} `E_PARAM` for an invalid option or no count field; `E_PARSE` naming the row
 *   whose count is not a number ≥ 0, or a row that is not an object.
 * @example
 * const table = [
 *   { segment: 'Champions', customers: 120, monetary: 950 },
 *   { segment: 'Loyal', customers: 80, monetary: 410 },
 *   { segment: 'Big spender', customers: 3, monetary: 12500 },
 * ];
 * // 'Big spender' is too small; 'Loyal', the next smallest, is blanked too so 'Big spender' cannot be recovered from totals
 * suppressSmallCells(table, { minSegmentSize: 10 }).map((r) => [r.segment, r.customers, r.monetary, r.suppressed]); // => [['Champions', 120, 950, false], ['Loyal', 80, null, true], ['Big spender', 3, null, true]]
 */
export function suppressSmallCells<T extends object>(table: readonly T[], options: SuppressSmallCellsOptions = {}): SuppressedRow<T>[] {
  const context = 'suppressSmallCells';
  assertKnownOptions(context, options, ['minSegmentSize', 'countField', 'keep', 'suppressCount', 'complementary']);
  const minSegmentSize = options.minSegmentSize ?? 10;
  requireNumber(context, 'minSegmentSize', minSegmentSize, { min: 0 });
  if (!Array.isArray(table)) throw new SegmentkitError('E_PARAM', `${context}: table must be an array of rows (objects), one per segment`);
  if (options.countField !== undefined && typeof options.countField !== 'string') {
    throw new SegmentkitError('E_PARAM', `${context}: countField must be a field name (a string)`);
  }
  if (options.keep !== undefined && (!Array.isArray(options.keep) || options.keep.some((k) => typeof k !== 'string'))) {
    throw new SegmentkitError('E_PARAM', `${context}: keep must be an array of field names`);
  }
  if (table.length === 0) return [];
  table.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new SegmentkitError('E_PARSE', `${context}: table[${i}] is not a row object; pass one object per segment`);
    }
  });
  const countField = options.countField ?? detectCountField(table[0]!, context);
  const counts = table.map((row, i) => {
    const count = (row as Record<string, unknown>)[countField];
    if (typeof count !== 'number' || !(count >= 0) || count === Infinity) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: table[${i}].${countField} is ${typeof count === 'string' ? count : describeValue(count)}; the count field must hold a number of customers ≥ 0 (set countField to the right field)`,
      );
    }
    return count;
  });
  const kept = new Set<string>(options.keep ?? IDENTITY_FIELDS);
  if (options.suppressCount === true) kept.delete(countField);
  else kept.add(countField);

  const suppressed = counts.map((count) => count < minSegmentSize);
  const small = suppressed.filter(Boolean).length;
  if (small === 1 && table.length > 1 && options.complementary !== false) {
    let next = -1;
    counts.forEach((count, i) => {
      if (!suppressed[i] && (next === -1 || count < counts[next]!)) next = i;
    });
    suppressed[next] = true;
  }
  return table.map((row, i) => {
    if (!suppressed[i]) return { ...row, suppressed: false } as SuppressedRow<T>;
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(row)) out[field] = kept.has(field) ? value : null;
    out.suppressed = true;
    return out as SuppressedRow<T>;
  });
}
