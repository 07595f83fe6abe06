import { describeValue } from '../core/describeValue';
import { type Category, describeCategory } from '../core/category';
import { formatNumber, htmlSummary } from '../core/display';
import { Displayable } from '../core/Displayable';
import { isMissingValue } from '../core/missingCells';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { readSegmentGroups } from '../explain/profileInput';
import type { SegmentId } from '../explain/profileTypes';

/** Rows of the notebook table: enough for any segmentation a person reads. */
const HTML_ROWS = 50;

/** Options of {@link segmentComposition}. */
export interface SegmentCompositionOptions {
  /** The attribute's name, for display (default `'attribute'`). */
  readonly attributeName?: string;
  /**
   * The value missing attributes are counted under (default `'missing'`): `null`, `undefined`, `NaN` and blank
   * text. It is a value like the others, in every count, share and ratio; an attribute that already holds the
   * text `'missing'` merges with it, so choose another label then.
   */
  readonly missingLabel?: string;
  /** The disparate-impact ratio below which a segment is flagged (default 0.8, the four-fifths rule); in (0, 1]. */
  readonly threshold?: number;
}

/** One attribute value within one segment. */
export interface AttributeShare {
  /** The attribute value (or the missing label). */
  readonly value: Category;
  /** Segment members with this value. */
  readonly count: number;
  /** count / segment size: the segment's make-up. */
  readonly share: number;
  /** The value's share of all customers. */
  readonly overallShare: number;
  /** share / overallShare: 1 is proportional, 0.5 is half as common in the segment as overall. */
  readonly representation: number;
  /** count / all customers with this value: the share of the value's members the segment selects. */
  readonly selectionRate: number;
}

/** One segment's composition by the attribute. */
export interface SegmentCompositionRow {
  /** The segment as the labels name it. */
  readonly segment: SegmentId;
  /** Customers in it. */
  readonly size: number;
  /** size / all customers. */
  readonly share: number;
  /** One entry per attribute value, in the order of {@link SegmentComposition.values}. */
  readonly values: readonly AttributeShare[];
  /**
   * Disparate-impact ratio: the lowest selection rate over the attribute's values divided by the highest (equal to
   * the lowest representation over the highest). 1 when every value is selected at the same rate.
   */
  readonly disparateImpactRatio: number;
  /** The value with the lowest selection rate (the first in value order on ties). */
  readonly lowestValue: Category;
  /** The value with the highest selection rate (the first in value order on ties). */
  readonly highestValue: Category;
  /** Whether the ratio is below the threshold (0.8: the four-fifths rule). */
  readonly fourFifthsViolation: boolean;
}

/** One attribute value over all customers. */
export interface AttributeCount {
  /** The attribute value (or the missing label). */
  readonly value: Category;
  /** Customers with this value. */
  readonly count: number;
  /** count / all customers. */
  readonly share: number;
}

/** {@link SegmentComposition} as plain data: what `toJSON()` returns. */
export interface SegmentCompositionJSON {
  /** The attribute's name. */
  readonly attribute: string;
  /** The attribute values, in order (numbers, then text, then booleans; the missing label last). */
  readonly values: readonly Category[];
  /** Customers in all. */
  readonly size: number;
  /** Each value over all customers. */
  readonly overall: readonly AttributeCount[];
  /** One row per segment, in label order. */
  readonly segments: readonly SegmentCompositionRow[];
  /** The disparate-impact threshold used. */
  readonly threshold: number;
}

function typeRank(value: Category): number {
  return typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : 2;
}

function compareValues(a: Category, b: Category): number {
  const byType = typeRank(a) - typeRank(b);
  if (byType !== 0) return byType;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Each segment's make-up by a sensitive attribute (see {@link segmentComposition}): counts, shares and
 * representation ratios per value, and the disparate-impact ratio with a four-fifths flag per segment. Prints a
 * one-line summary in the REPL and a table in a notebook.
 *
 * @example
 * segmentComposition([0, 1], ['a', 'b']) instanceof SegmentComposition; // => true
 */
export class SegmentComposition extends Displayable {
  /** The attribute's name. */
  readonly attribute: string;
  /** The attribute values, in order (numbers, then text, then booleans; the missing label last). */
  readonly values: readonly Category[];
  /** Customers in all. */
  readonly size: number;
  /** Each value over all customers, in `values` order. */
  readonly overall: readonly AttributeCount[];
  /** One row per segment, in label order (numbers ascending, then names). */
  readonly segments: readonly SegmentCompositionRow[];
  /** The disparate-impact threshold used (0.8 unless given). */
  readonly threshold: number;
  /** The segments whose disparate-impact ratio is below the threshold, in label order. */
  readonly violations: readonly SegmentId[];

  /** @internal Use {@link segmentComposition}. */
  constructor(fields: SegmentCompositionJSON) {
    super();
    this.attribute = fields.attribute;
    this.values = Object.freeze([...fields.values]);
    this.size = fields.size;
    this.overall = Object.freeze(fields.overall.map((o) => Object.freeze({ ...o })));
    this.segments = Object.freeze(
      fields.segments.map((s) => Object.freeze({ ...s, values: Object.freeze(s.values.map((v) => Object.freeze({ ...v }))) })),
    );
    this.threshold = fields.threshold;
    this.violations = Object.freeze(this.segments.filter((s) => s.fourFifthsViolation).map((s) => s.segment));
    Object.freeze(this);
  }

  /**
   * The composition of one segment.
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a segment that is not in the labelling.
   * @example
   * segmentComposition(['x', 'x', 'y'], ['a', 'b', 'b']).segment('x').values[0].share; // => 0.5
   */
  segment(id: SegmentId): SegmentCompositionRow {
    const found = this.segments.find((s) => s.segment === id);
    if (found === undefined) {
      throw new SegmentkitError(
        'E_PARAM',
        `SegmentComposition.segment: no segment ${describeValue(id)}; the segments are ${this.segments.map((s) => JSON.stringify(s.segment)).join(', ')}`,
      );
    }
    return found;
  }

  /**
   * Plain data (for JSON, reports and tests).
   *
   * @example
   * segmentComposition([0, 1], ['a', 'b']).toJSON().values; // => ['a', 'b']
   */
  toJSON(): SegmentCompositionJSON {
    return {
      attribute: this.attribute,
      values: this.values,
      size: this.size,
      overall: this.overall,
      segments: this.segments,
      threshold: this.threshold,
    };
  }

  /** @internal */
  protected summaryLine(): string {
    const worst = [...this.segments].sort((a, b) => a.disparateImpactRatio - b.disparateImpactRatio)[0];
    const lowest =
      worst === undefined
        ? ''
        : `; lowest disparate-impact ratio ${formatNumber(worst.disparateImpactRatio, 3)} in segment ${String(worst.segment)} (${String(worst.lowestValue)} vs ${String(worst.highestValue)})`;
    return `SegmentComposition { ${this.attribute} (${this.values.map(String).join(', ')}) over ${this.segments.length} segments, ${this.size} customers${lowest}, ${this.violations.length} below ${formatNumber(this.threshold, 3)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const shown = this.segments.slice(0, HTML_ROWS);
    const facts: [string, string][] = [
      ['attribute', this.attribute],
      ['customers', String(this.size)],
      ['segments', String(this.segments.length)],
      ['overall', this.overall.map((o) => `${String(o.value)} ${(100 * o.share).toFixed(1)} %`).join(', ')],
      [`below ${formatNumber(this.threshold, 3)}`, this.violations.length === 0 ? 'none' : this.violations.map(String).join(', ')],
    ];
    if (shown.length < this.segments.length) facts.push(['shown', `first ${shown.length} segments`]);
    return htmlSummary('SegmentComposition', facts, {
      header: ['segment', 'size', ...this.values.map((v) => `${String(v)} share (×)`), 'impact ratio', 'four-fifths'],
      rows: shown.map((s) => [
        String(s.segment),
        String(s.size),
        ...s.values.map((v) => `${(100 * v.share).toFixed(1)} % (${formatNumber(v.representation, 3)}×)`),
        formatNumber(s.disparateImpactRatio, 3),
        s.fourFifthsViolation ? 'violated' : 'ok',
      ]),
    });
  }
}

/**
 * Each segment's make-up by a sensitive attribute (gender, age band, …): per segment and attribute value the
 * count and share, the representation ratio (the value's share in the segment over its share of all customers)
 * and the selection rate (the share of the value's members who are in the segment); and per segment the
 * disparate-impact ratio, the lowest selection rate over the highest, with `fourFifthsViolation` when it is
 * below 0.8 (the US EEOC "four-fifths rule" of thumb). A segment used to target an offer or a price with a low
 * ratio treats the groups very differently; whether that is justified is a question the numbers cannot answer.
 *
 * `null`, `undefined`, `NaN` and blank text are counted as the value `'missing'` (see `missingLabel`), which
 * takes part in every ratio; filter those customers out first to leave them out. The ratio is a point
 * estimate: for small groups it swings widely by chance, so read it with the counts.
 *
 * @param labels - one segment label per customer (numbers or names)
 * @param attribute - the attribute of each customer, in the same order (strings, numbers or booleans)
 * @throws {@link SegmentkitError} `E_SHAPE` for arrays of different lengths, `E_EMPTY` for no customers,
 *   `E_PARSE` naming the index of a bad label or attribute value, `E_PARAM` for an invalid option.
 * @example
 * const labels = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B'];
 * const gender = ['F', 'M', 'M', 'M', 'F', 'F', 'F', 'F', 'M', 'M'];
 * const c = segmentComposition(labels, gender, { attributeName: 'gender' });
 * // A holds 1 of the 5 women and 3 of the 5 men: selection rates 0.2 and 0.6
 * c.segment('A').values.map((v) => [v.value, v.count, v.share, v.representation, v.selectionRate]); // => [['F', 1, 0.25, 0.5, 0.2], ['M', 3, 0.75, 1.5, 0.6]]
 * [c.segment('A').disparateImpactRatio, c.segment('A').fourFifthsViolation]; // => [0.3333, true]
 * segmentComposition([0, 0, 1], ['F', null, 'M']).values; // => ['F', 'M', 'missing']
 */
export function segmentComposition(
  labels: ArrayLike<SegmentId>,
  attribute: ArrayLike<Category | null | undefined>,
  options: SegmentCompositionOptions = {},
): SegmentComposition {
  const context = 'segmentComposition';
  assertKnownOptions(context, options, ['attributeName', 'missingLabel', 'threshold']);
  const attributeName = options.attributeName ?? 'attribute';
  if (typeof attributeName !== 'string') throw new SegmentkitError('E_PARAM', `${context}: attributeName must be a string`);
  const missingLabel = options.missingLabel ?? 'missing';
  if (typeof missingLabel !== 'string') throw new SegmentkitError('E_PARAM', `${context}: missingLabel must be a string`);
  const threshold = requireNumber(context, 'threshold', options.threshold ?? 0.8, { min: 0, max: 1, exclusiveMin: true });
  if (attribute === null || typeof attribute !== 'object' || typeof attribute.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: attribute must be an array with one value per customer`);
  }
  if (labels !== null && typeof labels === 'object' && typeof labels.length === 'number' && labels.length !== attribute.length) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: ${labels.length} labels but ${attribute.length} attribute values; pass one of each per customer, in the same order`,
    );
  }
  const n = attribute.length;
  if (n === 0) throw new SegmentkitError('E_EMPTY', `${context}: no customers; pass at least one label and attribute value`);
  const groups = readSegmentGroups(labels, n, null, context);

  // read the attribute: each value's index, the missing label for missing cells
  const valueIndex = new Map<Category, number>();
  const seen: Category[] = [];
  const raw = new Array<Category>(n);
  let anyMissing = false;
  for (let i = 0; i < n; i++) {
    const v = attribute[i];
    if (isMissingValue(v)) {
      raw[i] = missingLabel;
      anyMissing = true;
      continue;
    }
    if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: attribute[${i}] is ${describeCategory(v)}; attribute values are strings, finite numbers or booleans (null for missing)`,
      );
    }
    raw[i] = v;
    if (!valueIndex.has(v)) {
      valueIndex.set(v, 0);
      seen.push(v);
    }
  }
  const values = seen.filter((v) => v !== missingLabel).sort(compareValues);
  if (anyMissing || seen.includes(missingLabel)) values.push(missingLabel);
  values.forEach((v, j) => valueIndex.set(v, j));

  const k = groups.segments.length;
  const m = values.length;
  const counts = Array.from({ length: k }, () => new Array<number>(m).fill(0));
  const totals = new Array<number>(m).fill(0);
  for (let i = 0; i < n; i++) {
    const j = valueIndex.get(raw[i]!)!;
    counts[groups.group[i]!]![j]!++;
    totals[j]!++;
  }
  const overall: AttributeCount[] = values.map((value, j) => ({ value, count: totals[j]!, share: totals[j]! / n }));
  const segments: SegmentCompositionRow[] = groups.segments.map((segment, g) => {
    const row = counts[g]!;
    const size = row.reduce((a, b) => a + b, 0);
    const shares: AttributeShare[] = values.map((value, j) => {
      const share = row[j]! / size;
      return {
        value,
        count: row[j]!,
        share,
        overallShare: overall[j]!.share,
        representation: share / overall[j]!.share,
        selectionRate: row[j]! / totals[j]!,
      };
    });
    let low = 0;
    let high = 0;
    shares.forEach((s, j) => {
      if (s.selectionRate < shares[low]!.selectionRate) low = j;
      if (s.selectionRate > shares[high]!.selectionRate) high = j;
    });
    const disparateImpactRatio = shares[low]!.selectionRate / shares[high]!.selectionRate;
    return {
      segment,
      size,
      share: size / n,
      values: shares,
      disparateImpactRatio,
      lowestValue: values[low]!,
      highestValue: values[high]!,
      fourFifthsViolation: disparateImpactRatio < threshold,
    };
  });
  return new SegmentComposition({ attribute: attributeName, values, size: n, overall, segments, threshold });
}
