import { describeValue } from '../core/describeValue';
import { checkExplainOptions } from './explainSegments';
import { plotProfiles } from '../charts/plotProfiles';
import type { Category } from '../core/category';
import { formatNumber, htmlSummary } from '../core/display';
import { Displayable } from '../core/Displayable';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import type { TableInput } from '../core/readTable';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';
import { adjustPValues } from '../drift/adjustPValues';
import type { FittedFeaturePipeline } from '../features/FittedFeaturePipeline';
import { profileCategoricalFeature, type CategoricalFeatureResult } from './categoricalProfile';
import { profileNumericFeature, profileNumericFeatureSoft, type NumericFeatureResult } from './numericProfile';
import { readProfileColumns, readSegmentGroups, type SegmentGroups } from './profileInput';
import type {
  CategoricalFeatureProfile,
  DifferenceTest,
  DifferenceTestName,
  Distinction,
  NumericFeatureProfile,
  NumericSummary,
  OverallProfile,
  ProfiledFeatures,
  SegmentId,
  SegmentProfileJSON,
  SegmentSummary,
  ProfileSkippedColumn,
} from './profileTypes';

/** Options of {@link profileSegments}. */
export interface ProfileSegmentsOptions {
  /** Names of a matrix's columns (default `x0`, `x1`, …). */
  readonly featureNames?: readonly string[];
  /** The fitted pipeline that made a matrix: its rows are profiled back in the pipeline's input columns and units. */
  readonly pipeline?: FittedFeaturePipeline;
  /** Which columns of records or a column object to profile (default: every column that can be). */
  readonly columns?: readonly string[];
  /**
   * Soft segments: an n × k matrix of membership weights (a mixture's `predictProba`). Segment j is column j;
   * `labels` may then be `null`. Soft profiles rank distinctions by effect size alone (no p-values).
   */
  readonly weights?: MatrixLike;
  /** The label of unassigned rows (DBSCAN's noise), profiled as its own group last. Default −1; `null` for none. */
  readonly noiseLabel?: SegmentId | null;
  /** Numeric test of segment vs rest: `'mann-whitney'` (default; robust to skewed spend) or `'welch'`. */
  readonly test?: 'mann-whitney' | 'welch';
  /** Significance level for `distinguishing`, on Benjamini–Hochberg adjusted p-values. Default 0.05. */
  readonly alpha?: number;
  /** Smallest |Cohen's d| for a numeric distinction. Default 0.2 (a "small" effect). */
  readonly minEffect?: number;
  /** Smallest Cramér's V for a categorical distinction. Default 0.1. */
  readonly minCategoricalEffect?: number;
}

const OPTION_KEYS = ['featureNames', 'pipeline', 'columns', 'weights', 'noiseLabel', 'test', 'alpha', 'minEffect', 'minCategoricalEffect'];

/**
 * The profile of a segmentation (see {@link profileSegments}): one {@link SegmentSummary} per segment, the
 * overall statistics, and which columns were profiled. Prints a one-line summary in the REPL and a table of
 * segments in a notebook.
 *
 * @example
 * const p = profileSegments([{ spend: 1 }, { spend: 2 }, { spend: 9 }, { spend: 10 }], ['low', 'low', 'high', 'high']);
 * [p instanceof SegmentProfile, p.segments.map((s) => s.segment)]; // => [true, ['high', 'low']]
 */
export class SegmentProfile extends Displayable {
  /** One entry per segment, in label order (numbers ascending, then names), the noise group last. */
  readonly segments: readonly SegmentSummary[];
  /** Statistics over all customers. */
  readonly overall: OverallProfile;
  /** The numeric and categorical features profiled, in the data's order. */
  readonly features: ProfiledFeatures;
  /** Columns left out, with the reason (identifiers, dates, mixed types). */
  readonly skipped: readonly ProfileSkippedColumn[];
  /** The numeric test used, or `null` for a soft profile. */
  readonly test: 'mann-whitney' | 'welch' | null;

  /** @internal Use {@link profileSegments}. */
  constructor(fields: Omit<SegmentProfile, 'segment' | 'toJSON' | never>) {
    super();
    this.segments = fields.segments;
    this.overall = fields.overall;
    this.features = fields.features;
    this.skipped = fields.skipped;
    this.test = fields.test;
    Object.freeze(this);
  }

  /**
   * The summary of one segment.
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a segment that is not in the profile.
   * @example
   * const p = profileSegments([{ spend: 1 }, { spend: 2 }, { spend: 9 }, { spend: 10 }], [0, 0, 1, 1]);
   * p.segment(1).numeric[0].mean; // => 9.5
   */
  segment(id: SegmentId): SegmentSummary {
    const found = this.segments.find((s) => s.segment === id);
    if (found === undefined) {
      throw new SegmentkitError(
        'E_PARAM',
        `SegmentProfile.segment: no segment ${describeValue(id)}; the segments are ${this.segments.map((s) => JSON.stringify(s.segment)).join(', ')}`,
      );
    }
    return found;
  }

  /**
   * Plain data (for JSON, reports and tests).
   *
   * @example
   * profileSegments([{ spend: 1 }, { spend: 3 }], [0, 1]).toJSON().segments.length; // => 2
   */
  toJSON(): SegmentProfileJSON {
    return { segments: this.segments, overall: this.overall, features: this.features, skipped: this.skipped, test: this.test };
  }

  /** @internal */
  protected summaryLine(): string {
    const parts = this.segments.map((s) => `${String(s.segment)} (${formatNumber(s.size, 6)}): ${describeTop(s) || 'no clear difference'}`);
    return `SegmentProfile { ${this.segments.length} segments, ${this.overall.size} customers; ${parts.join('; ')} }`;
  }

  /** @internal */
  protected override summaryChart(): unknown {
    return plotProfiles(this);
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'SegmentProfile',
      [
        ['customers', String(this.overall.size)],
        ['segments', String(this.segments.length)],
        ['features', [...this.features.numeric, ...this.features.categorical].join(', ')],
      ],
      {
        header: ['segment', 'size', 'share', 'what sets it apart'],
        rows: this.segments.map((s) => [
          String(s.segment),
          formatNumber(s.size, 6),
          `${(100 * s.share).toFixed(1)} %`,
          describeTop(s) || '—',
        ]),
      },
    );
  }
}

function describeTop(summary: SegmentSummary): string {
  return summary.distinguishing
    .slice(0, 3)
    .map((d) =>
      d.kind === 'numeric'
        ? `${d.feature} ${d.direction === 'higher' ? '↑' : '↓'}${d.lift === null ? '' : ` ${formatNumber(d.lift, 3)}×`}`
        : `${d.feature} = ${String(d.category)}${d.lift === null ? '' : ` ${formatNumber(d.lift, 3)}×`}`,
    )
    .join(', ');
}

function readWeights(weights: MatrixLike, rows: number, context: string): { data: Float64Array; k: number } {
  const m = toMatrix(weights, context, { name: 'weights' });
  if (m.rows !== rows)
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: weights has ${m.rows} rows for ${rows} customers; pass one row of memberships per customer`,
    );
  for (let i = 0; i < m.rows; i++) {
    let sum = 0;
    for (let j = 0; j < m.cols; j++) {
      const w = m.data[i * m.cols + j]!;
      if (w < 0 || w > 1)
        throw new SegmentkitError(
          'E_DOMAIN',
          `${context}: weights[${i}][${j}] is ${w}; memberships are in [0, 1] (pass predictProba's output)`,
        );
      sum += w;
    }
    if (Math.abs(sum - 1) > 1e-6)
      throw new SegmentkitError('E_DOMAIN', `${context}: weights row ${i} sums to ${sum}; each row of memberships must sum to 1`);
  }
  return { data: m.data, k: m.cols };
}

/**
 * Profile a segmentation in the data's own units: for every segment its size and share, per numeric feature the
 * mean, median, quartiles, lift over the overall mean and Cohen's d against the rest of the customers, per
 * categorical feature each category's share against its overall share, and the features that set the segment
 * apart, ranked by effect size with a Mann–Whitney U (or Welch t) or chi-square test of segment vs rest whose
 * p-values equal scipy's, adjusted by Benjamini–Hochberg over every segment × feature test. Works for any
 * labelling: RFM segment names, k-means or DBSCAN labels (noise as its own group), hierarchical cuts, or a
 * mixture's memberships as `weights`.
 *
 * @param data - records, a column object, or a matrix (with `featureNames`, or the `pipeline` that made it)
 * @param labels - one segment label per row (numbers or names); `null` with `weights`
 * @throws {@link SegmentkitError} `E_SHAPE` (labels or weights of the wrong length), `E_PARSE` (a bad label or
 *   a named column that cannot be profiled), `E_EMPTY` (nothing to profile), `E_DOMAIN` (weights outside
 *   [0, 1] or rows not summing to 1), `E_PARAM` (an unknown or invalid option).
 * @example
 * const customers = [{ spend: 10, plan: 'basic' }, { spend: 12, plan: 'basic' }, { spend: 95, plan: 'gold' }, { spend: 105, plan: 'gold' }];
 * const profile = profileSegments(customers, [0, 0, 1, 1]);
 * profile.segment(1).numeric[0].median; // => 100
 * profile.segment(1).categorical[0].categories[0]; // => { category: 'gold', share: 1, overallShare: 0.5, lift: 2 }
 */
export function profileSegments(
  data: TableInput | MatrixLike,
  labels: ArrayLike<SegmentId> | null,
  options: ProfileSegmentsOptions = {},
): SegmentProfile {
  const context = 'profileSegments';
  assertKnownOptions(context, options, OPTION_KEYS);
  checkExplainOptions(context, options);
  const test = options.test ?? 'mann-whitney';
  requireOneOf(context, 'test', test, ['mann-whitney', 'welch']);
  const alpha = options.alpha ?? 0.05;
  requireNumber(context, 'alpha', alpha, { min: 0, max: 1 });
  const minEffect = options.minEffect ?? 0.2;
  requireNumber(context, 'minEffect', minEffect, { min: 0 });
  const minCategoricalEffect = options.minCategoricalEffect ?? 0.1;
  requireNumber(context, 'minCategoricalEffect', minCategoricalEffect, { min: 0, max: 1 });
  const noiseLabel = options.noiseLabel === undefined ? -1 : options.noiseLabel;
  const columns = readProfileColumns(
    data,
    { featureNames: options.featureNames, pipeline: options.pipeline, columns: options.columns },
    context,
  );
  const rows = columns.rows;

  let groups: SegmentGroups;
  let weights: Float64Array | null = null;
  if (options.weights !== undefined) {
    const read = readWeights(options.weights, rows, context);
    weights = read.data;
    if (labels !== null && labels !== undefined && labels.length !== rows) {
      throw new SegmentkitError('E_SHAPE', `${context}: ${labels.length} labels for ${rows} rows`);
    }
    groups = { group: new Int32Array(rows), segments: Array.from({ length: read.k }, (_, j) => j), noise: -1 };
  } else {
    if (labels === null || labels === undefined)
      throw new SegmentkitError('E_PARAM', `${context}: labels are required (or pass weights for soft segments)`);
    groups = readSegmentGroups(labels, rows, noiseLabel, context);
  }
  const k = groups.segments.length;
  const soft = weights !== null;
  const numericResults: NumericFeatureResult[] = columns.numeric.map((column) =>
    soft ? profileNumericFeatureSoft(column, weights!, k) : profileNumericFeature(column, groups, test),
  );
  const categoricalResults: CategoricalFeatureResult[] = columns.categorical.map((column) =>
    profileCategoricalFeature(column, groups, weights),
  );

  // Benjamini–Hochberg over every segment × feature test, numeric and categorical together
  const raw: (number | null)[] = [];
  for (let g = 0; g < k; g++) {
    for (const result of numericResults) raw.push(result.perGroup[g]!.pValue);
    for (const result of categoricalResults) raw.push(result.perGroup[g]!.pValue);
  }
  const adjusted = adjustPValues(raw, 'fdr');
  const numericTest: DifferenceTestName = test;
  const sizes = new Float64Array(k);
  if (soft) for (let i = 0; i < rows; i++) for (let g = 0; g < k; g++) sizes[g]! += weights![i * k + g]!;
  else for (let i = 0; i < rows; i++) sizes[groups.group[i]!]!++;

  let position = 0;
  const segments: SegmentSummary[] = groups.segments.map((segment, g) => {
    const numeric: NumericFeatureProfile[] = numericResults.map((result, f) => {
      const p = result.perGroup[g]!;
      const testResult: DifferenceTest | null = soft
        ? null
        : { name: numericTest, statistic: p.statistic, pValue: p.pValue, adjustedPValue: adjusted[position + f] ?? null };
      return {
        feature: columns.numeric[f]!.name,
        mean: p.mean,
        median: p.median,
        q25: p.q25,
        q75: p.q75,
        std: p.std,
        lift: p.lift,
        standardizedDifference: p.standardizedDifference,
        test: testResult,
      };
    });
    position += numericResults.length;
    const categorical: CategoricalFeatureProfile[] = categoricalResults.map((result, f) => {
      const p = result.perGroup[g]!;
      const testResult: DifferenceTest | null = soft
        ? null
        : { name: 'chi-square', statistic: p.statistic, pValue: p.pValue, adjustedPValue: adjusted[position + f] ?? null };
      return { feature: columns.categorical[f]!.name, categories: p.categories, effectSize: p.effectSize, test: testResult };
    });
    position += categoricalResults.length;
    const significant = (t: DifferenceTest | null): boolean => t === null || (t.adjustedPValue !== null && t.adjustedPValue < alpha);
    const distinguishing: Distinction[] = [];
    for (const f of numeric) {
      const d = f.standardizedDifference;
      if (d === null || Math.abs(d) < minEffect || !significant(f.test)) continue;
      distinguishing.push({
        feature: f.feature,
        kind: 'numeric',
        effectSize: Math.abs(d),
        direction: d > 0 ? 'higher' : 'lower',
        lift: f.lift,
        test: f.test,
      });
    }
    for (const f of categorical) {
      if (f.effectSize < minCategoricalEffect || !significant(f.test)) continue;
      const top = [...f.categories].sort((a, b) => b.lift - a.lift || b.share - a.share)[0]!;
      distinguishing.push({
        feature: f.feature,
        kind: 'categorical',
        effectSize: f.effectSize,
        direction: 'higher',
        category: top.category as Category,
        lift: top.lift,
        test: f.test,
      });
    }
    distinguishing.sort((a, b) => b.effectSize - a.effectSize);
    return { segment, size: sizes[g]!, share: sizes[g]! / rows, isNoise: g === groups.noise, numeric, categorical, distinguishing };
  });

  // fromEntries defines own properties, so a column named '__proto__' or 'constructor' is just a key
  const overallNumeric: Record<string, NumericSummary> = Object.fromEntries(
    numericResults.map((result, f) => {
      const { mean, median, q25, q75, std } = result.overall;
      return [columns.numeric[f]!.name, { mean, median, q25, q75, std }];
    }),
  );
  const overallCategorical: Record<string, readonly { category: Category; share: number }[]> = Object.fromEntries(
    categoricalResults.map((result, f) => [columns.categorical[f]!.name, result.overall]),
  );
  return new SegmentProfile({
    segments,
    overall: { size: rows, numeric: overallNumeric, categorical: overallCategorical },
    features: { numeric: columns.numeric.map((c) => c.name), categorical: columns.categorical.map((c) => c.name) },
    skipped: columns.skipped,
    test: soft ? null : test,
  });
}
