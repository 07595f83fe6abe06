import { describeValue } from '../core/describeValue';
import { Displayable } from '../core/Displayable';
import { formatNumber, htmlSummary } from '../core/display';
import { normalQuantile } from '../core/normalQuantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';
import { adjustPValues, holmPValues } from '../drift/adjustPValues';
import type { SegmentId } from '../explain/profileTypes';
import { type ArmMoments, compareConversions, compareRevenue, type RawComparison } from './compareArms';
import type { ArmSummary, SegmentReadout, SimpsonsParadox, VariantComparison, VariantId } from './experimentTypes';
import { type SampleRatioCheck, sampleRatioMismatch } from './sampleRatioMismatch';

/** What the outcome field holds: a 0/1 (or boolean) conversion, or an amount per customer (revenue). */
export type ExperimentKind = 'conversion' | 'revenue';

/** Options of {@link segmentExperiment}. The first five name the records' fields and the control variant. */
export interface SegmentExperimentOptions {
  /** Field holding the customer's segment (a string or a number). */
  readonly segment: string;
  /** Field holding the variant the customer was assigned to (a string or a number). */
  readonly variant: string;
  /** Field holding the outcome: `true`/`false` or 1/0 for conversions, a finite number for revenue. */
  readonly outcome: string;
  /** `'conversion'` (rates, z-test, Bayesian probability) or `'revenue'` (means, Welch's t). */
  readonly kind: ExperimentKind;
  /** The control variant's value in the `variant` field; every other value is compared with it. */
  readonly control: VariantId;
  /** Two-sided level of the confidence intervals (1 − alpha). Default 0.05 (95 % intervals). */
  readonly alpha?: number;
  /**
   * The planned split between the variants for the sample-ratio-mismatch check, as weights keyed by variant
   * (`{ control: 1, treatment: 1 }`, `{ A: 0.5, B: 0.25, C: 0.25 }`; numeric variants by their text: `{ 0: 1, 1: 3 }`).
   * Default: an equal split.
   */
  readonly expectedSplit?: Readonly<Record<string, number>>;
  /** p-value below which the sample-ratio check reports a mismatch. Default 0.001. */
  readonly srmThreshold?: number;
  /**
   * Beta prior of each variant's conversion rate for `probabilityToBeatControl`. Default `{ alpha: 1, beta: 1 }`
   * (uniform). `alpha` must be a whole number (the closed form sums over it).
   */
  readonly prior?: {
    /** Prior successes + 1: the first shape parameter (a whole number ≥ 1). */
    readonly alpha: number;
    /** Prior failures + 1: the second shape parameter (> 0). */
    readonly beta: number;
  };
}

function compareIds(a: SegmentId, b: SegmentId): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function freezeComparison(raw: RawComparison, pValueHolm: number | null, pValueBH: number | null): VariantComparison {
  return Object.freeze({ ...raw, pValueHolm, pValueBH });
}

function show(value: number | null, digits = 4): string {
  return value === null ? '–' : formatNumber(value, digits);
}

function showPValue(value: number | null): string {
  if (value === null) return '–';
  return value < 1e-4 ? value.toExponential(1) : value.toFixed(4);
}

/**
 * An A/B (or A/B/n) readout per segment and overall (see {@link segmentExperiment}). Frozen; prints a table with
 * `toString()`, a one-line summary in the REPL and an HTML table in a notebook.
 *
 * @example
 * const records = [
 *   { segment: 'new', variant: 'A', converted: 0 }, { segment: 'new', variant: 'B', converted: 1 },
 *   { segment: 'new', variant: 'A', converted: 1 }, { segment: 'new', variant: 'B', converted: 1 },
 * ];
 * const result = segmentExperiment(records, { segment: 'segment', variant: 'variant', outcome: 'converted', kind: 'conversion', control: 'A' });
 * result instanceof SegmentExperiment; // => true
 */
export class SegmentExperiment extends Displayable {
  /** What was measured. */
  readonly kind: ExperimentKind;
  /** The control variant. */
  readonly control: VariantId;
  /** Every variant, control first, then the others sorted (numbers, then text). */
  readonly variants: readonly VariantId[];
  /** Two-sided level of the confidence intervals. */
  readonly alpha: number;
  /** One readout per segment, sorted (numbers, then text). */
  readonly segments: readonly SegmentReadout[];
  /** All customers pooled, ignoring segments (`segment: null`; its adjusted p-values are `null`). */
  readonly overall: SegmentReadout;
  /** The overall sample-ratio-mismatch check (the same object as `overall.sampleRatio`). */
  readonly sampleRatio: SampleRatioCheck;
  /** Variants whose pooled lift has the opposite sign of every segment's lift (empty when none). */
  readonly simpsonsParadox: readonly SimpsonsParadox[];
  /** Plain-language warnings: sample-ratio mismatches, Simpson's paradoxes, segments with an empty variant. */
  readonly warnings: readonly string[];

  /** @internal Use {@link segmentExperiment}. */
  constructor(fields: {
    kind: ExperimentKind;
    control: VariantId;
    variants: VariantId[];
    alpha: number;
    segments: SegmentReadout[];
    overall: SegmentReadout;
    simpsonsParadox: SimpsonsParadox[];
    warnings: string[];
  }) {
    super();
    this.kind = fields.kind;
    this.control = fields.control;
    this.variants = Object.freeze(fields.variants);
    this.alpha = fields.alpha;
    this.segments = Object.freeze(fields.segments);
    this.overall = fields.overall;
    this.sampleRatio = fields.overall.sampleRatio;
    this.simpsonsParadox = Object.freeze(fields.simpsonsParadox);
    this.warnings = Object.freeze(fields.warnings);
    Object.freeze(this);
  }

  /**
   * The readout of one segment, or `undefined` for a segment that is not in the data.
   *
   * @example
   * const records = [
   *   { s: 1, v: 'A', y: 0 }, { s: 1, v: 'B', y: 1 }, { s: 2, v: 'A', y: 1 }, { s: 2, v: 'B', y: 1 },
   * ];
   * const result = segmentExperiment(records, { segment: 's', variant: 'v', outcome: 'y', kind: 'conversion', control: 'A' });
   * result.readout(2)?.comparisons[0]?.absoluteLift; // => 0
   */
  readout(segment: SegmentId): SegmentReadout | undefined {
    return this.segments.find((s) => s.segment === segment);
  }

  /** The rows of {@link SegmentExperiment.toString}: one per segment × variant, then the overall rows. */
  private tableRows(): string[][] {
    const rows: string[][] = [];
    const percent = this.kind === 'conversion';
    const value = (v: number | null): string => (v === null ? '–' : percent ? `${formatNumber(100 * v, 4)} %` : formatNumber(v, 5));
    // lifts of rates are differences of percentages: percentage points
    const points = (v: number | null): string => (v === null ? '–' : percent ? `${formatNumber(100 * v, 4)} pp` : formatNumber(v, 5));
    for (const readout of [...this.segments, this.overall]) {
      const control = readout.arms[0]!;
      readout.comparisons.forEach((c, j) => {
        const arm = readout.arms[j + 1]!;
        const ci = c.absoluteLiftInterval;
        rows.push([
          readout.segment === null ? '(overall)' : String(readout.segment),
          String(c.variant),
          `${control.n} / ${arm.n}`,
          value(control.mean),
          value(arm.mean),
          points(c.absoluteLift),
          ci === null ? '–' : `[${points(ci.lower)}, ${points(ci.upper)}]`,
          c.relativeLift === null ? '–' : `${formatNumber(100 * c.relativeLift, 3)} %`,
          showPValue(c.pValue),
          showPValue(c.pValueHolm),
          showPValue(c.pValueBH),
          ...(percent ? [c.probabilityToBeatControl === null ? '–' : c.probabilityToBeatControl.toFixed(4)] : []),
        ]);
      });
    }
    return rows;
  }

  private tableHeader(): string[] {
    const level = `${formatNumber(100 * (1 - this.alpha), 4)} % CI`;
    return [
      'segment',
      'variant',
      'n (control / variant)',
      'control',
      'variant',
      'lift',
      level,
      'relative lift',
      'p',
      'p (Holm)',
      'p (BH)',
      ...(this.kind === 'conversion' ? ['P(variant > control)'] : []),
    ];
  }

  /**
   * A plain-text table: one row per segment × variant and the overall rows, then the sample-ratio check and
   * the warnings.
   *
   * @example
   * const records = [
   *   { s: 'a', v: 0, y: 5 }, { s: 'a', v: 0, y: 7 }, { s: 'a', v: 1, y: 8 }, { s: 'a', v: 1, y: 9 },
   * ];
   * const text = segmentExperiment(records, { segment: 's', variant: 'v', outcome: 'y', kind: 'revenue', control: 0 }).toString();
   * text.split('\n')[0]; // => 'SegmentExperiment: revenue, control 0, 1 segment, 4 customers'
   */
  override toString(): string {
    const header = this.tableHeader();
    const rows = this.tableRows();
    const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
    const line = (cells: readonly string[]): string =>
      cells
        .map((c, j) => (j < 2 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!)))
        .join('  ')
        .trimEnd();
    const srm = this.sampleRatio;
    const lines = [
      this.title(),
      '',
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      '',
      `sample ratio: observed ${srm.observed.join(' / ')}, expected ${srm.expected.map((e) => formatNumber(e, 6)).join(' / ')}, chi-square ${formatNumber(srm.statistic)}, p = ${showPValue(srm.pValue)}${srm.mismatch ? ' (MISMATCH)' : ''}`,
      ...this.warnings.map((w) => `warning: ${w}`),
    ];
    return lines.join('\n');
  }

  private title(): string {
    const k = this.segments.length;
    return `SegmentExperiment: ${this.kind}, control ${describeValue(this.control)}, ${k} segment${k === 1 ? '' : 's'}, ${this.overall.n} customers`;
  }

  /** @internal */
  protected summaryLine(): string {
    const lifts = this.overall.comparisons
      .map((c) => `${String(c.variant)}: ${show(c.absoluteLift)} (p ${showPValue(c.pValue)})`)
      .join(', ');
    return `SegmentExperiment { ${this.kind}, ${this.segments.length} segments, ${this.overall.n} customers, overall lift ${lifts}${this.warnings.length > 0 ? `, ${this.warnings.length} warning(s)` : ''} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'SegmentExperiment',
      [
        ['kind', this.kind],
        ['control', String(this.control)],
        ['customers', String(this.overall.n)],
        ['sample ratio p', showPValue(this.sampleRatio.pValue)],
        ['warnings', this.warnings.length === 0 ? 'none' : this.warnings.join(' | ')],
      ],
      { header: this.tableHeader(), rows: this.tableRows() },
    );
  }
}

const OPTIONS = ['segment', 'variant', 'outcome', 'kind', 'control', 'alpha', 'expectedSplit', 'srmThreshold', 'prior'];

function requireField(context: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${name} must name a field of the records (a non-empty string), got ${describeValue(value)}`,
    );
  }
  return value;
}

function readId(context: string, row: number, field: string, value: unknown, what: string): SegmentId {
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new SegmentkitError(
    'E_PARSE',
    `${context}: row ${row} has ${what} field '${field}' = ${describeValue(value)}; a ${what} must be a non-empty string or a finite number (fill in or drop the row)`,
  );
}

function readOutcome(context: string, row: number, field: string, value: unknown, kind: ExperimentKind): number {
  if (kind === 'conversion') {
    if (value === true || value === 1) return 1;
    if (value === false || value === 0) return 0;
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  const expected = kind === 'conversion' ? 'true/false or 1/0' : 'a finite number';
  const code =
    value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))
      ? 'E_NOT_FINITE'
      : typeof value === 'number'
        ? 'E_DOMAIN'
        : 'E_PARSE';
  const fix = kind === 'conversion' ? 'map the outcome to a boolean first' : 'parse amounts as numbers and fill in or drop missing ones';
  throw new SegmentkitError(
    code,
    `${context}: row ${row} has outcome field '${field}' = ${describeValue(value)}; kind '${kind}' needs ${expected} (${fix})`,
  );
}

function readSplit(context: string, split: unknown, variants: readonly VariantId[]): number[] {
  if (split === undefined) return variants.map(() => 1 / variants.length);
  if (typeof split !== 'object' || split === null || Array.isArray(split)) {
    throw new SegmentkitError('E_PARAM', `${context}: expectedSplit must be an object of weights keyed by variant, such as { A: 1, B: 1 }`);
  }
  const weights = split as Record<string, unknown>;
  const names = variants.map(String);
  for (const key of Object.keys(weights)) {
    if (!names.includes(key)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: expectedSplit has a weight for '${key}', which is not a variant in the records (variants: ${names.join(', ')})`,
      );
    }
  }
  const values = names.map((name) => {
    if (!(name in weights)) {
      throw new SegmentkitError('E_PARAM', `${context}: expectedSplit has no weight for variant '${name}'; give one weight per variant`);
    }
    return requireNumber(context, `expectedSplit['${name}']`, weights[name], { min: 0, exclusiveMin: true });
  });
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => v / total);
}

function readPrior(context: string, prior: unknown): [number, number] {
  if (prior === undefined) return [1, 1];
  if (typeof prior !== 'object' || prior === null) {
    throw new SegmentkitError('E_PARAM', `${context}: prior must be { alpha, beta }, such as { alpha: 1, beta: 1 }`);
  }
  assertKnownOptions(`${context} prior`, prior, ['alpha', 'beta']);
  const { alpha, beta } = prior as { alpha?: unknown; beta?: unknown };
  const a = requireNumber(context, 'prior.alpha', alpha, { min: 0, exclusiveMin: true });
  if (!Number.isInteger(a)) {
    throw new SegmentkitError('E_PARAM', `${context}: prior.alpha must be a whole number (1 is the uniform prior), got ${a}`);
  }
  return [a, requireNumber(context, 'prior.beta', beta, { min: 0, exclusiveMin: true })];
}

/**
 * Read out an A/B test per segment and overall: per variant n and the conversion rate (or mean revenue); per
 * variant against control the absolute and relative lift with confidence intervals, a two-sided p-value
 * (statsmodels' pooled two-proportion z-test for conversions, Welch's t for revenue), p-values adjusted across
 * the segments (Holm and Benjamini–Hochberg), and for conversions the Bayesian probability that the variant's
 * rate is higher (exact Beta–Binomial). A sample-ratio-mismatch chi-square check runs per segment and overall, and
 * a Simpson's-paradox warning fires when the pooled lift points the other way from every segment's lift.
 *
 * More than two variants: each is compared with control (A/B/n), and the adjustment covers every segment ×
 * variant comparison. The p-values are two-sided and the overall readout is not part of the adjusted family.
 * Records are plain objects; the options name their fields; the input is never changed. See the guide
 * `docs/guides/experiments.md`.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for an unknown or invalid option or a control that is not in the
 *   records, `E_EMPTY` for no records, `E_LABELS` when there is no variant besides control, `E_PARSE` /
 *   `E_NOT_FINITE` / `E_DOMAIN` naming the row and field of an unusable segment, variant or outcome.
 * @example
 * const records = [
 *   ...Array.from({ length: 100 }, (_, i) => ({ segment: 'new', variant: 'A', converted: i < 10 })),
 *   ...Array.from({ length: 100 }, (_, i) => ({ segment: 'new', variant: 'B', converted: i < 20 })),
 * ];
 * const result = segmentExperiment(records, { segment: 'segment', variant: 'variant', outcome: 'converted', kind: 'conversion', control: 'A' });
 * const c = result.overall.comparisons[0]!;
 * [c.absoluteLift, c.relativeLift, c.pValue, c.probabilityToBeatControl]; // => [0.1, 1, 0.04767, 0.9752]
 */
export function segmentExperiment(records: ArrayLike<object>, options: SegmentExperimentOptions): SegmentExperiment {
  const context = 'segmentExperiment';
  if (options === undefined || options === null) {
    throw new SegmentkitError('E_PARAM', `${context}: pass { segment, variant, outcome, kind, control } naming the records' fields`);
  }
  assertKnownOptions(context, options, OPTIONS);
  const segmentField = requireField(context, 'segment', options.segment);
  const variantField = requireField(context, 'variant', options.variant);
  const outcomeField = requireField(context, 'outcome', options.outcome);
  const kind = requireOneOf(context, 'kind', options.kind, ['conversion', 'revenue'] as const);
  const control = options.control;
  if (!((typeof control === 'string' && control !== '') || (typeof control === 'number' && Number.isFinite(control)))) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: control must be the control variant's value (a string or a number), got ${describeValue(control)}`,
    );
  }
  // below 1e-12 the interval's normal quantile is no longer finite in doubles (1 − alpha/2 rounds to 1)
  const alpha = requireNumber(context, 'alpha', options.alpha ?? 0.05, { min: 1e-12, max: 1 });
  if (alpha >= 1) throw new SegmentkitError('E_PARAM', `${context}: alpha must be below 1, got ${alpha}`);
  const srmThreshold = requireNumber(context, 'srmThreshold', options.srmThreshold ?? 0.001, { min: 0, max: 1 });
  const [priorAlpha, priorBeta] = readPrior(context, options.prior);
  if (records === null || typeof records !== 'object' || typeof records.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: records must be an array of objects`);
  }
  const n = records.length;
  if (n === 0) throw new SegmentkitError('E_EMPTY', `${context}: no records; pass one object per customer`);

  // one pass over the records: ids and outcomes
  const segmentOf = new Array<SegmentId>(n);
  const variantOf = new Array<VariantId>(n);
  const outcome = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = records[i] as Record<string, unknown> | null | undefined;
    if (typeof row !== 'object' || row === null) {
      throw new SegmentkitError('E_PARSE', `${context}: row ${i} is ${describeValue(row)}; pass one plain object per customer`);
    }
    segmentOf[i] = readId(context, i, segmentField, row[segmentField], 'segment');
    variantOf[i] = readId(context, i, variantField, row[variantField], 'variant');
    outcome[i] = readOutcome(context, i, outcomeField, row[outcomeField], kind);
  }
  const seen = [...new Set(variantOf)];
  if (!seen.includes(control)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: control ${describeValue(control)} is not a value of field '${variantField}' (found: ${seen
        .sort(compareIds)
        .map((v) => describeValue(v))
        .join(', ')}); pass one of them, with the same type (1 and '1' differ)`,
    );
  }
  const variants: VariantId[] = [control, ...seen.filter((v) => v !== control).sort(compareIds)];
  if (variants.length < 2) {
    throw new SegmentkitError(
      'E_LABELS',
      `${context}: every record is in the control variant ${describeValue(control)}; there is nothing to compare`,
    );
  }
  const shares = readSplit(context, options.expectedSplit, variants);
  const segmentIds = [...new Set(segmentOf)].sort(compareIds);
  const k = variants.length;
  const variantIndex = new Map(variants.map((v, j) => [v, j]));
  const segmentIndex = new Map(segmentIds.map((s, i) => [s, i]));

  // moments per segment × variant (group s·k + j) and per variant overall (group S·k + j), two passes
  const groups = (segmentIds.length + 1) * k;
  const count = new Float64Array(groups);
  const sum = new Float64Array(groups);
  const squares = new Float64Array(groups);
  const groupOf = new Int32Array(n);
  const overallBase = segmentIds.length * k;
  for (let i = 0; i < n; i++) {
    const j = variantIndex.get(variantOf[i]!)!;
    const g = segmentIndex.get(segmentOf[i]!)! * k + j;
    groupOf[i] = g;
    count[g]!++;
    sum[g]! += outcome[i]!;
    count[overallBase + j]!++;
    sum[overallBase + j]! += outcome[i]!;
  }
  const mean = sum.map((s, g) => (count[g]! > 0 ? s / count[g]! : 0));
  if (kind === 'revenue') {
    for (let i = 0; i < n; i++) {
      const g = groupOf[i]!;
      const overall = overallBase + (g % k);
      const d = outcome[i]! - mean[g]!;
      const e = outcome[i]! - mean[overall]!;
      squares[g]! += d * d;
      squares[overall]! += e * e;
    }
  }
  const moments = (g: number): ArmMoments => ({
    n: count[g]!,
    conversions: sum[g]!,
    mean: mean[g]!,
    variance: count[g]! > 1 ? squares[g]! / (count[g]! - 1) : 0,
  });
  const z = -normalQuantile(alpha / 2);
  const warnings: string[] = [];

  const build = (segment: SegmentId | null, base: number): { readout: Omit<SegmentReadout, 'comparisons'>; raw: RawComparison[] } => {
    const arms: ArmSummary[] = variants.map((variant, j) => {
      const m = moments(base + j);
      return Object.freeze({
        variant,
        n: m.n,
        conversions: kind === 'conversion' ? m.conversions : null,
        rate: kind === 'conversion' && m.n > 0 ? m.mean : null,
        mean: m.n > 0 ? m.mean : null,
        standardDeviation: kind === 'revenue' && m.n > 1 ? Math.sqrt(m.variance) : null,
      });
    });
    const controlMoments = moments(base);
    const raw = variants.slice(1).map((variant, j) => {
      const m = moments(base + j + 1);
      return kind === 'conversion'
        ? compareConversions(variant, m, controlMoments, z, priorAlpha, priorBeta)
        : compareRevenue(variant, m, controlMoments, alpha, z);
    });
    const observed = arms.map((a) => a.n);
    const where = segment === null ? 'overall' : `in segment ${describeValue(segment)}`;
    const missing = arms.filter((a) => a.n < (kind === 'revenue' ? 2 : 1)).map((a) => describeValue(a.variant));
    if (missing.length > 0) {
      warnings.push(
        `${where}, variant${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${kind === 'revenue' ? 'have fewer than 2 customers' : 'have no customers'}: no test there`,
      );
    }
    const sampleRatio = sampleRatioMismatch(observed, shares, srmThreshold);
    if (sampleRatio.mismatch) {
      warnings.push(
        `sample ratio mismatch ${where}: ${observed.join(' / ')} customers where the planned split expects ${sampleRatio.expected
          .map((e) => formatNumber(e, 6))
          .join(' / ')} (p = ${showPValue(sampleRatio.pValue)}); check assignment and logging before trusting the lifts`,
      );
    }
    return {
      readout: { segment, n: observed.reduce((a, b) => a + b, 0), arms: Object.freeze(arms), sampleRatio },
      raw,
    };
  };

  const overallParts = build(null, overallBase);
  const perSegment = segmentIds.map((s, i) => build(s, i * k));
  const family = perSegment.flatMap((p) => p.raw.map((c) => c.pValue));
  const holm = holmPValues(family);
  const bh = adjustPValues(family, 'fdr');
  const segments = perSegment.map((p, i) =>
    Object.freeze({
      ...p.readout,
      comparisons: Object.freeze(p.raw.map((c, j) => freezeComparison(c, holm[i * (k - 1) + j]!, bh[i * (k - 1) + j]!))),
    }),
  );
  const overall: SegmentReadout = Object.freeze({
    ...overallParts.readout,
    comparisons: Object.freeze(overallParts.raw.map((c) => freezeComparison(c, null, null))),
  });

  const simpsonsParadox: SimpsonsParadox[] = [];
  overall.comparisons.forEach((c, j) => {
    const pooled = c.absoluteLift;
    const segmentLifts = segments.map((s) => s.comparisons[j]!.absoluteLift);
    const known = segmentLifts.filter((l): l is number => l !== null);
    if (pooled === null || pooled === 0 || known.length < 2 || !known.every((l) => l * pooled < 0)) return;
    simpsonsParadox.push(Object.freeze({ variant: c.variant, pooledLift: pooled, segmentLifts: Object.freeze(segmentLifts) }));
    warnings.push(
      `Simpson's paradox for variant ${describeValue(c.variant)}: the pooled lift is ${pooled > 0 ? 'positive' : 'negative'} (${formatNumber(pooled)}) but every segment's lift is ${pooled > 0 ? 'negative' : 'positive'}; the variants' segment mixes differ, so read the segments, not the pooled number`,
    );
  });

  return new SegmentExperiment({ kind, control, variants, alpha, segments, overall, simpsonsParadox, warnings });
}
