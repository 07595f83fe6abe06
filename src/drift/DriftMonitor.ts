import { describeValue } from '../core/describeValue';
import { formatNumber, htmlSummary } from '../core/display';
import { checkModel, readModelHeader, readNumber, readNumberArray, readObject, readString, type JsonObject } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import { categoryKind, type Category } from '../core/category';
import type { PValueCorrection } from './adjustPValues';
import { compareMixedCategories, tallyCategories } from './categoryCounts';
import {
  compareCategorical,
  compareNumeric,
  DEFAULT_THRESHOLDS,
  testFor,
  type ColumnDrift,
  type CompareSettings,
  type DriftTestName,
  type DriftThresholds,
  type NumericReferenceSide,
  type ResolvedThresholds,
} from './compareColumns';
import { Displayable } from '../core/Displayable';
import { resolveColumns, summariseReport, type DriftReport, type DriftReportOptions, type SkippedColumn } from './driftReport';
import {
  checkColumnKeys,
  checkTestForType,
  resolveBinning,
  resolveCorrection,
  resolveThresholds,
  validateTests,
  readColumnNames,
  validateTypes,
} from './driftSettings';
import { binCountsSorted, psiEdges } from './populationStabilityIndex';
import { QuantileSketch, type QuantileSketchJSON } from './QuantileSketch';
import { openData, readColumn, type DriftColumnType, type DriftData } from './readDriftData';
import { segmentDriftFromCounts, type SegmentDriftResult } from './segmentDrift';
import { sortFloat64 } from '../core/sortFloat64';

/**
 * Options for {@link DriftMonitor.fromReference}: what to profile, and how {@link DriftMonitor.check} decides.
 * The shared options mean what they mean for {@link driftReport}; the default tests depend on the total
 * reference rows (after merges).
 */
export interface DriftMonitorOptions extends DriftReportOptions {
  /**
   * Size of each numeric column's sketch: the column is kept exactly (distinct values with counts) up to this
   * many distinct values, then as a t-digest of about compression / 2 centroids whose CDF is within
   * π/compression of the truth (0.63 % of the rows at the default, typically under 0.1 %). Default 500.
   */
  readonly compression?: number;
  /** Reference segment label per row (e.g. `model.labels`), to watch segment shares; only their counts are kept. */
  readonly segments?: ArrayLike<number> | ReadonlyArray<Category>;
}

/** Options for {@link DriftMonitor.check}. */
export interface DriftCheckOptions {
  /** Segment label per row of the batch (e.g. `model.predict(batch)`); needs a monitor built with `segments`. */
  readonly segments?: ArrayLike<number> | ReadonlyArray<Category>;
}

/** What {@link DriftMonitor.check} found, and whether to retrain. */
export interface DriftCheck {
  /** The per-column report, as {@link driftReport} (computed from the profile). */
  readonly report: DriftReport;
  /** Segment-share drift (`null` unless the monitor and the check both have segment labels). */
  readonly segments: SegmentDriftResult | null;
  /**
   * `'retrain'`: the data set drifted, a column's PSI is significant (≥ 0.25) or the segment shares moved
   * significantly (PSI ≥ 0.25); `'watch'`: some columns drifted or a PSI is moderate; `'stable'` otherwise.
   */
  readonly status: 'stable' | 'watch' | 'retrain';
  /** `status === 'retrain'`. */
  readonly retrain: boolean;
  /** Why, in one sentence (names the columns and numbers behind the status). */
  readonly reason: string;
}

/** The JSON form of a numeric column profile. */
export interface NumericColumnProfileJSON {
  /** Column name. */
  readonly name: string;
  /** Always `'numeric'`. */
  readonly type: 'numeric';
  /** Missing cells. */
  readonly missing: number;
  /** Non-missing cells. */
  readonly count: number;
  /** Mean of the non-missing values. */
  readonly mean: number;
  /** Sum of squared deviations from the mean (for the standard deviation; merges exactly). */
  readonly m2: number;
  /** The quantile sketch (`null` when the column had no value). */
  readonly sketch: QuantileSketchJSON | null;
  /** `true` when the column holds dates, compared as epoch milliseconds (absent otherwise). */
  readonly dates?: boolean;
  /** Exact PSI bins of a single partition: edges and counts (`null` after a merge or without values). */
  readonly bins: {
    /** The bins − 1 inner edges (reference quantiles). */
    readonly edges: number[];
    /** Reference rows per bin. */
    readonly counts: number[];
  } | null;
}

/** The JSON form of a categorical column profile. */
export interface CategoricalColumnProfileJSON {
  /** Column name. */
  readonly name: string;
  /** Always `'categorical'`. */
  readonly type: 'categorical';
  /** Missing cells. */
  readonly missing: number;
  /** Non-missing cells. */
  readonly total: number;
  /** [category, count] pairs. */
  readonly categories: [Category, number][];
}

/** The JSON form of a {@link DriftMonitor} (`kind: 'DriftMonitor'`, `version: 1`). */
export interface DriftMonitorJSON {
  /** Always `'DriftMonitor'`. */
  readonly kind: 'DriftMonitor';
  /** Format version. */
  readonly version: 1;
  /** Rows profiled, over all partitions. */
  readonly referenceRows: number;
  /** Number of partitions merged into this profile. */
  readonly partitions: number;
  /** The decision settings. */
  readonly settings: {
    /** Test per column or for all (`null`: the defaults). */
    readonly tests: DriftTestName | Record<string, DriftTestName> | null;
    /** Thresholds, every field resolved. */
    readonly thresholds: Required<DriftThresholds>;
    /** Multiple-testing correction. */
    readonly correction: PValueCorrection;
    /** PSI bins. */
    readonly bins: number;
    /** PSI epsilon. */
    readonly epsilon: number;
    /** Sketch size. */
    readonly compression: number;
  };
  /** One profile per column, in order. */
  readonly columns: (NumericColumnProfileJSON | CategoricalColumnProfileJSON)[];
  /** Reference segment counts as [label, count] pairs (`null` when not monitored). */
  readonly segments: [Category, number][] | null;
  /** Columns of the reference left out (identifiers, dates), as in {@link DriftReport.skipped} (absent: none). */
  readonly skipped?: SkippedColumn[];
}

type NumericProfile = {
  readonly name: string;
  readonly type: 'numeric';
  readonly missing: number;
  readonly count: number;
  readonly mean: number;
  readonly m2: number;
  readonly sketch: QuantileSketch | null;
  readonly bins: { readonly edges: number[]; readonly counts: number[] } | null;
  readonly dates: boolean;
};
type CategoricalProfile = {
  readonly name: string;
  readonly type: 'categorical';
  readonly missing: number;
  readonly total: number;
  readonly counts: ReadonlyMap<Category, number>;
};
type ColumnProfile = NumericProfile | CategoricalProfile;

interface Settings {
  readonly tests: DriftTestName | Readonly<Record<string, DriftTestName>> | undefined;
  readonly thresholds: ResolvedThresholds;
  readonly correction: PValueCorrection;
  readonly bins: number;
  readonly epsilon: number;
  readonly compression: number;
}

const KIND = 'DriftMonitor';
const CONTEXT = 'DriftMonitor.fromJSON';

/** Settings compared field by field: serialising whole monitors (sketches included) per merge step cost O(size). */
function sameSettings(a: Settings, b: Settings): boolean {
  const testsKey = (tests: Settings['tests']): string =>
    tests === undefined || typeof tests === 'string'
      ? String(tests)
      : JSON.stringify(
          Object.keys(tests)
            .sort()
            .map((key) => [key, tests[key]]),
        );
  return (
    a.correction === b.correction &&
    a.bins === b.bins &&
    a.epsilon === b.epsilon &&
    a.compression === b.compression &&
    testsKey(a.tests) === testsKey(b.tests) &&
    JSON.stringify(a.thresholds) === JSON.stringify(b.thresholds)
  );
}

function mergeCounts(a: ReadonlyMap<Category, number>, b: ReadonlyMap<Category, number>): Map<Category, number> {
  const out = new Map(a);
  for (const [key, count] of b) out.set(key, (out.get(key) ?? 0) + count);
  return out;
}

function sortedPairs(counts: ReadonlyMap<Category, number>): [Category, number][] {
  return [...counts].sort((x, y) => compareMixedCategories(x[0], y[0]));
}

/** The reference side of a numeric column, from its profile. */
function profileSide(profile: NumericProfile, rows: number): NumericReferenceSide {
  const sketch = profile.sketch;
  return {
    count: profile.count,
    missing: profile.missing,
    rows,
    std: profile.count === 0 ? 0 : Math.sqrt(profile.m2 / profile.count),
    mean: profile.mean,
    median: sketch === null ? NaN : sketch.quantile(0.5),
    ksStatistic: (current) => sketch!.ksStatistic(current),
    wasserstein: (current) => sketch!.wasserstein(current),
    binning(bins) {
      if (profile.bins !== null && profile.bins.counts.length === bins) return { edges: profile.bins.edges, counts: profile.bins.counts };
      const edges = Array.from({ length: bins - 1 }, (_, k) => sketch!.quantile((k + 1) / bins));
      return { edges, counts: sketch!.binCounts(edges) };
    },
  };
}

function describeColumns(columns: readonly ColumnDrift[], value: (c: ColumnDrift) => string): string {
  const shown = columns.slice(0, 5).map((c) => `${c.column} (${value(c)})`);
  return columns.length > 5 ? `${shown.join(', ')} and ${columns.length - 5} more` : shown.join(', ');
}

/** Turn a report (and segment drift) into a status and a one-sentence reason. */
function decide(
  report: DriftReport,
  segments: SegmentDriftResult | null,
  moderatePsi: number,
): Pick<DriftCheck, 'status' | 'retrain' | 'reason'> {
  const retrain: string[] = [];
  const watch: string[] = [];
  const drifted = report.columns.filter((c) => c.drifted);
  const significant = report.columns.filter((c) => c.psiBand === 'significant');
  const moderate = report.columns.filter((c) => c.psiBand === 'moderate');
  const percent = (x: number): string => `${Math.round(100 * x)} %`;
  if (report.datasetDrift) {
    retrain.push(
      `${report.nDrifted} of ${report.nColumns} columns drifted (${percent(report.driftedShare)} ≥ ${percent(report.driftShare)}): ${describeColumns(drifted, (c) => c.test)}`,
    );
  } else if (drifted.length > 0) {
    watch.push(
      `${drifted.length} of ${report.nColumns} columns drifted: ${describeColumns(drifted, (c) => (c.testDrifted ? c.test : 'missing share'))}`,
    );
  }
  if (significant.length > 0) retrain.push(`significant PSI in ${describeColumns(significant, (c) => formatNumber(c.psi!, 3))}`);
  else if (moderate.length > 0) watch.push(`moderate PSI in ${describeColumns(moderate, (c) => formatNumber(c.psi!, 3))}`);
  if (segments !== null) {
    const moved = [...segments.segments].sort((a, b) => Math.abs(b.change) - Math.abs(a.change))[0];
    const detail =
      moved === undefined
        ? ''
        : `; largest change: segment ${String(moved.segment)} ${moved.change >= 0 ? '+' : ''}${(100 * moved.change).toFixed(1)} points`;
    if (segments.psiBand === 'significant') retrain.push(`segment shares moved (PSI ${formatNumber(segments.psi, 3)}${detail})`);
    else if (segments.psiBand === 'moderate') watch.push(`segment shares moving (PSI ${formatNumber(segments.psi, 3)}${detail})`);
  }
  if (retrain.length > 0) return { status: 'retrain', retrain: true, reason: `Retrain: ${retrain.join('; ')}.` };
  if (watch.length > 0) return { status: 'watch', retrain: false, reason: `Watch: ${watch.join('; ')}.` };
  return { status: 'stable', retrain: false, reason: `Stable: no column drifted and every PSI is below ${moderatePsi}.` };
}

/**
 * Watches data for drift against a reference without keeping the reference: {@link DriftMonitor.fromReference}
 * reduces each column to a compact, serialisable profile (a mergeable quantile sketch, exact PSI bins, mean and
 * variance for numeric columns; category counts for categorical ones; missing counts; segment counts), never raw
 * rows, so it can be stored and shipped where the customer data cannot (privacy by design).
 * {@link DriftMonitor.check} compares a batch with the profile, returns the {@link driftReport} and says whether
 * to retrain. Profiles of several partitions (per shard, per day) combine with {@link DriftMonitor.merge}.
 *
 * Accuracy against {@link driftReport} on the raw reference: categorical columns, missing shares, segment shares
 * and the normalising standard deviation are exact; so is everything on a numeric column with at most
 * `compression` (500) distinct values, and the PSI of an unmerged profile. Otherwise the sketch's CDF is within
 * π/compression (0.63 % of the rows at the median, typically under 0.1 %), which bounds the error of the KS
 * statistic (the p-value is computed from it) and of each PSI bin share; the normalised Wasserstein distance is
 * typically within 0.002 of the exact one (the threshold is 0.1). See the monitoring guide for measurements.
 *
 * @example
 * const monitor = DriftMonitor.fromReference([{ spend: 10 }, { spend: 12 }, { spend: 11 }, { spend: 13 }]);
 * monitor.check([{ spend: 40 }, { spend: 42 }, { spend: 41 }]).status; // => 'retrain'
 */
export class DriftMonitor extends Displayable {
  /** Column names, in order. */
  readonly columns: readonly string[];
  /** Column types, in order. */
  readonly types: readonly DriftColumnType[];
  /** Rows profiled, over all partitions. */
  readonly referenceRows: number;
  /** Number of partitions merged into this profile (1 for a fresh one). */
  readonly partitions: number;
  /** Whether segment shares are monitored. */
  readonly monitorsSegments: boolean;
  readonly #profiles: readonly ColumnProfile[];
  readonly #segments: ReadonlyMap<Category, number> | null;
  readonly #settings: Settings;
  /** Columns of the reference left out (identifiers, dates), with the reason. */
  readonly skipped: readonly SkippedColumn[];

  /** @internal Use {@link DriftMonitor.fromReference}, {@link DriftMonitor.merge} or {@link DriftMonitor.fromJSON}. */
  constructor(
    profiles: readonly ColumnProfile[],
    referenceRows: number,
    partitions: number,
    segments: ReadonlyMap<Category, number> | null,
    settings: Settings,
    skipped: readonly SkippedColumn[] = [],
  ) {
    super();
    this.skipped = Object.freeze(skipped.map((c) => Object.freeze({ ...c })));
    this.#profiles = Object.freeze([...profiles]);
    this.#segments = segments;
    this.#settings = settings;
    this.columns = Object.freeze(profiles.map((p) => p.name));
    this.types = Object.freeze(profiles.map((p) => p.type));
    this.referenceRows = referenceRows;
    this.partitions = partitions;
    this.monitorsSegments = segments !== null;
    Object.freeze(this);
  }

  /**
   * Profile reference data (records, a column object, or a matrix with `columns` names).
   *
   * @throws {@link SegmentkitError} as {@link driftReport} for the data and options; `E_SHAPE` when `segments` has
   *   the wrong length.
   * @example
   * DriftMonitor.fromReference({ spend: [10, 12, 11], channel: ['app', 'web', 'app'] }).types; // => ['numeric', 'categorical']
   */
  static fromReference(data: DriftData, options: DriftMonitorOptions = {}): DriftMonitor {
    const context = 'DriftMonitor.fromReference';
    assertKnownOptions(context, options, [
      'columns',
      'types',
      'tests',
      'thresholds',
      'correction',
      'bins',
      'epsilon',
      'compression',
      'segments',
    ]);
    const thresholds = resolveThresholds(context, options.thresholds);
    const tests = validateTests(context, options.tests);
    const types = validateTypes(context, options.types);
    const correction = resolveCorrection(context, options.correction);
    const { bins, epsilon } = resolveBinning(context, options.bins, options.epsilon);
    const compression = requireInteger(context, 'compression', options.compression ?? 500, { min: 10 });
    const names = readColumnNames(context, options.columns);
    const opened = openData(data, context, 'data', names);
    const { columns, skipped } = resolveColumns(context, opened, opened, names, types);
    if (tests !== undefined && typeof tests !== 'string')
      checkColumnKeys(
        context,
        'tests',
        Object.keys(tests),
        columns.map((c) => c.name),
      );
    const settings: Settings = { tests, thresholds, correction, bins, epsilon, compression };
    const compare: CompareSettings = { tests, thresholds, bins, epsilon, referenceRows: opened.rows };
    for (const { name, type } of columns) checkTestForType(context, name, type, testFor(name, type, compare));
    const profiles: ColumnProfile[] = columns.map(({ name, type, dates }) => {
      const column = readColumn(opened, name, type, context, 'data', dates);
      if (column.type === 'categorical')
        return { name, type: 'categorical', missing: column.missing, total: column.total, counts: column.counts };
      const sorted = sortFloat64(column.values);
      if (sorted.length === 0)
        return { name, type: 'numeric', missing: column.missing, count: 0, mean: 0, m2: 0, sketch: null, bins: null, dates };
      let mean = 0;
      for (let i = 0; i < sorted.length; i++) mean += sorted[i]!;
      mean /= sorted.length;
      let m2 = 0;
      for (let i = 0; i < sorted.length; i++) m2 += (sorted[i]! - mean) ** 2;
      const edges = psiEdges(sorted, bins);
      return {
        name,
        type: 'numeric',
        missing: column.missing,
        count: sorted.length,
        mean,
        m2,
        sketch: QuantileSketch.fromSorted(sorted, compression),
        bins: { edges, counts: binCountsSorted(sorted, edges) },
        dates,
      };
    });
    let segments: Map<Category, number> | null = null;
    if (options.segments !== undefined) {
      requireSegmentLabels(options.segments, context);
      if (options.segments.length !== opened.rows) {
        throw new SegmentkitError(
          'E_SHAPE',
          `${context}: segments has ${options.segments.length} labels but the data has ${opened.rows} rows; pass one label per row`,
        );
      }
      segments = tallyCategories(options.segments, context, 'segments', false).counts;
    }
    return new DriftMonitor(profiles, opened.rows, 1, segments, settings, skipped);
  }

  /**
   * Combine the profiles of partitions of one reference (shards, days) into the profile of their union. The
   * monitors must have the same columns, types and settings. Counts, means and variances merge exactly; the
   * sketches merge without growing (exact while the union has at most `compression` distinct values); exact PSI
   * bins are dropped and the PSI is read from the merged sketch.
   *
   * @throws {@link SegmentkitError} `E_PARAM` for monitors with different columns or settings, or fewer than one.
   * @example
   * const a = DriftMonitor.fromReference([{ spend: 10 }, { spend: 12 }]);
   * const b = DriftMonitor.fromReference([{ spend: 11 }, { spend: 13 }]);
   * DriftMonitor.merge(a, b).referenceRows; // => 4
   */
  static merge(...monitors: DriftMonitor[]): DriftMonitor {
    if (monitors.length === 0) throw new SegmentkitError('E_PARAM', 'DriftMonitor.merge: pass at least one monitor');
    for (const m of monitors) {
      if (!(m instanceof DriftMonitor)) throw new SegmentkitError('E_PARAM', 'DriftMonitor.merge: every argument must be a DriftMonitor');
    }
    return monitors.reduce((a, b) => a.#mergeWith(b));
  }

  #mergeWith(other: DriftMonitor): DriftMonitor {
    const context = 'DriftMonitor.merge';
    if (!sameSettings(this.#settings, other.#settings))
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: the monitors were built with different settings (tests, thresholds, bins, compression …); build every partition with the same options`,
      );
    if (this.columns.join('\u0000') !== other.columns.join('\u0000') || this.types.join() !== other.types.join()) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: the monitors profile different columns or types ([${this.columns.join(', ')}] vs [${other.columns.join(', ')}]); pass the same columns and types to every partition`,
      );
    }
    if ((this.#segments === null) !== (other.#segments === null)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: only one of the monitors has segment counts; pass segments to every partition or to none`,
      );
    }
    const profiles = this.#profiles.map((a, j): ColumnProfile => {
      const b = other.#profiles[j]!;
      if (a.type === 'categorical' && b.type === 'categorical') {
        return {
          name: a.name,
          type: 'categorical',
          missing: a.missing + b.missing,
          total: a.total + b.total,
          counts: mergeCounts(a.counts, b.counts),
        };
      }
      const x = a as NumericProfile;
      const y = b as NumericProfile;
      if (x.count === 0) return { ...y, missing: x.missing + y.missing, bins: null };
      if (y.count === 0) return { ...x, missing: x.missing + y.missing, bins: null };
      // Chan et al.'s parallel update of the mean and the sum of squared deviations
      const count = x.count + y.count;
      const delta = y.mean - x.mean;
      return {
        name: x.name,
        type: 'numeric',
        missing: x.missing + y.missing,
        count,
        mean: x.mean + (delta * y.count) / count,
        m2: x.m2 + y.m2 + (delta * delta * x.count * y.count) / count,
        sketch: QuantileSketch.merge(x.sketch!, y.sketch!),
        bins: null,
        dates: x.dates,
      };
    });
    const segments = this.#segments === null ? null : mergeCounts(this.#segments, other.#segments!);
    return new DriftMonitor(
      profiles,
      this.referenceRows + other.referenceRows,
      this.partitions + other.partitions,
      segments,
      this.#settings,
      this.skipped,
    );
  }

  /**
   * Compare a batch with the reference profile: the per-column {@link DriftReport}, the segment-share drift
   * (when labels are given) and a retrain recommendation with its reason.
   *
   * @param batch - current data in the layout of the reference (a matrix needs the same columns, in order)
   * @throws {@link SegmentkitError} as {@link driftReport}; `E_PARAM` for `segments` on a monitor built without
   *   them, `E_SHAPE` for a label count that differs from the batch rows.
   * @example
   * const monitor = DriftMonitor.fromReference({ channel: ['app', 'web', 'app', 'web'] });
   * monitor.check({ channel: ['app', 'web', 'web', 'app'] }).retrain; // => false
   */
  check(batch: DriftData, options: DriftCheckOptions = {}): DriftCheck {
    const context = 'DriftMonitor.check';
    assertKnownOptions(context, options, ['segments']);
    const settings = this.#settings;
    const opened = openData(batch, context, 'batch', this.columns);
    const compare: CompareSettings = {
      tests: settings.tests,
      thresholds: settings.thresholds,
      bins: settings.bins,
      epsilon: settings.epsilon,
      referenceRows: this.referenceRows,
    };
    const columns: ColumnDrift[] = this.#profiles.map((profile) => {
      const current = readColumn(opened, profile.name, profile.type, context, 'batch', profile.type === 'numeric' && profile.dates);
      if (profile.type === 'categorical' && current.type === 'categorical') {
        return compareCategorical(
          profile.name,
          { counts: profile.counts, total: profile.total, missing: profile.missing, rows: this.referenceRows },
          current,
          compare,
        );
      }
      if (profile.type === 'numeric' && current.type === 'numeric') {
        return compareNumeric(profile.name, profileSide(profile, this.referenceRows), current, sortFloat64(current.values), compare);
      }
      throw new Error('unreachable: the batch is read with the profile types');
    });
    const report = summariseReport(
      columns,
      settings.correction,
      settings.thresholds.driftShare,
      this.referenceRows,
      opened.rows,
      this.skipped,
    );
    let segments: SegmentDriftResult | null = null;
    if (options.segments !== undefined) {
      if (this.#segments === null)
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: this monitor was built without segments; pass segments to DriftMonitor.fromReference to watch segment shares`,
        );
      requireSegmentLabels(options.segments, context);
      if (options.segments.length !== opened.rows) {
        throw new SegmentkitError(
          'E_SHAPE',
          `${context}: segments has ${options.segments.length} labels but the batch has ${opened.rows} rows; pass one label per row`,
        );
      }
      const counts = tallyCategories(options.segments, context, 'segments', false).counts;
      segments = segmentDriftFromCounts(this.#segments, counts, settings.epsilon, settings.thresholds.psiBands);
    }
    return { report, segments, ...decide(report, segments, settings.thresholds.psiBands[0]) };
  }

  /**
   * The profile as plain JSON: counts, sketches and settings, no rows.
   *
   * @example
   * DriftMonitor.fromReference([{ spend: 10 }, { spend: 12 }]).toJSON().kind; // => 'DriftMonitor'
   */
  toJSON(): DriftMonitorJSON {
    const s = this.#settings;
    return {
      kind: KIND,
      version: 1,
      referenceRows: this.referenceRows,
      partitions: this.partitions,
      settings: {
        tests: s.tests === undefined ? null : typeof s.tests === 'string' ? s.tests : { ...s.tests },
        thresholds: { ...s.thresholds, psiBands: [s.thresholds.psiBands[0], s.thresholds.psiBands[1]] },
        correction: s.correction,
        bins: s.bins,
        epsilon: s.epsilon,
        compression: s.compression,
      },
      columns: this.#profiles.map((p) =>
        p.type === 'categorical'
          ? { name: p.name, type: 'categorical' as const, missing: p.missing, total: p.total, categories: sortedPairs(p.counts) }
          : {
              name: p.name,
              type: 'numeric' as const,
              missing: p.missing,
              count: p.count,
              mean: p.mean,
              m2: p.m2,
              sketch: p.sketch === null ? null : p.sketch.toJSON(),
              bins: p.bins === null ? null : { edges: [...p.bins.edges], counts: [...p.bins.counts] },
              ...(p.dates ? { dates: true } : {}),
            },
      ),
      segments: this.#segments === null ? null : sortedPairs(this.#segments),
      ...(this.skipped.length > 0 ? { skipped: this.skipped.map((c) => ({ ...c })) } : {}),
    };
  }

  /**
   * Rebuild a monitor from {@link DriftMonitor.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const monitor = DriftMonitor.fromReference([{ spend: 10 }, { spend: 12 }]);
   * DriftMonitor.fromJSON(JSON.parse(JSON.stringify(monitor))).referenceRows; // => 2
   */
  static fromJSON(json: unknown): DriftMonitor {
    const object = readModelHeader(json, KIND, 1);
    const referenceRows = readNumber(object, 'referenceRows', CONTEXT, { min: 1, integer: true });
    const partitions = readNumber(object, 'partitions', CONTEXT, { min: 1, integer: true });
    const s = readObject(object, 'settings', CONTEXT);
    const settings = readSettings(s);
    const rawColumns = object.columns;
    checkModel(Array.isArray(rawColumns) && rawColumns.length > 0, CONTEXT, 'columns must be a non-empty array of column profiles');
    const names = new Set<string>();
    const profiles = (rawColumns as unknown[]).map((raw, j): ColumnProfile => {
      const where = `${CONTEXT}: columns[${j}]`;
      checkModel(typeof raw === 'object' && raw !== null && !Array.isArray(raw), CONTEXT, `columns[${j}] must be an object`);
      const p = raw as JsonObject;
      const name = readString(p, 'name', where);
      checkModel(!names.has(name), CONTEXT, `columns[${j}]: column '${name}' appears twice`);
      names.add(name);
      const type = readString(p, 'type', where, ['numeric', 'categorical'] as const);
      const missing = readNumber(p, 'missing', where, { min: 0, integer: true });
      if (type === 'categorical') {
        const counts = readCounts(p.categories, `${where}.categories`);
        const total = readNumber(p, 'total', where, { min: 0, integer: true });
        checkModel(
          [...counts.values()].reduce((a, b) => a + b, 0) === total,
          CONTEXT,
          `columns[${j}]: the category counts do not add up to total`,
        );
        checkModel(total + missing === referenceRows, CONTEXT, `columns[${j}]: total + missing must equal referenceRows`);
        return { name, type, missing, total, counts };
      }
      const count = readNumber(p, 'count', where, { min: 0, integer: true });
      checkModel(count + missing === referenceRows, CONTEXT, `columns[${j}]: count + missing must equal referenceRows`);
      const sketch = p.sketch === null ? null : QuantileSketch.fromJSON(readObject(p, 'sketch', where), `${where}.sketch`);
      checkModel((sketch === null) === (count === 0), CONTEXT, `columns[${j}]: a sketch is needed exactly when count > 0`);
      checkModel(
        sketch === null || (Math.abs(sketch.count - count) <= 1e-6 * count && sketch.compression === settings.compression),
        CONTEXT,
        `columns[${j}]: the sketch does not match count or compression`,
      );
      let bins: NumericProfile['bins'] = null;
      if (p.bins !== null) {
        const b = readObject(p, 'bins', where);
        const edges = readNumberArray(b, 'edges', `${where}.bins`, settings.bins - 1);
        const counts = readNumberArray(b, 'counts', `${where}.bins`, settings.bins);
        checkModel(
          counts.every((c) => c >= 0) && counts.reduce((a, c) => a + c, 0) === count,
          CONTEXT,
          `columns[${j}].bins: counts must be ≥ 0 and add up to count`,
        );
        // reversed edges would give a NaN PSI, which check() must never read as drift
        checkModel(
          edges.every((e, k) => k === 0 || e >= edges[k - 1]!),
          CONTEXT,
          `columns[${j}].bins.edges must be non-decreasing`,
        );
        bins = { edges, counts };
      }
      return {
        name,
        type,
        missing,
        count,
        mean: readNumber(p, 'mean', where),
        m2: readNumber(p, 'm2', where, { min: 0 }),
        sketch,
        bins,
        dates: readOptionalBoolean(p, 'dates', where),
      };
    });
    const skipped = readSkipped(object.skipped);
    const segments = object.segments === null ? null : readCounts(object.segments, `${CONTEXT}: segments`);
    checkModel(
      segments === null || [...segments.values()].reduce((a, b) => a + b, 0) === referenceRows,
      CONTEXT,
      'the segment counts must add up to referenceRows (one label per reference row)',
    );
    if (settings.tests !== undefined && typeof settings.tests !== 'string') {
      for (const key of Object.keys(settings.tests))
        checkModel(names.has(key), CONTEXT, `settings.tests names column '${key}', which is not profiled`);
    }
    const monitor = new DriftMonitor(profiles, referenceRows, partitions, segments, settings, skipped);
    const compare: CompareSettings = {
      tests: settings.tests,
      thresholds: settings.thresholds,
      bins: settings.bins,
      epsilon: settings.epsilon,
      referenceRows,
    };
    for (const p of profiles) {
      try {
        checkTestForType(CONTEXT, p.name, p.type, testFor(p.name, p.type, compare));
      } catch (err) {
        throw new SegmentkitError('E_MODEL', (err as Error).message);
      }
    }
    return monitor;
  }

  /** @internal */
  protected summaryLine(): string {
    return `DriftMonitor { columns: ${this.columns.length} (${this.types.filter((t) => t === 'numeric').length} numeric), referenceRows: ${this.referenceRows}, partitions: ${this.partitions}, segments: ${this.monitorsSegments} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'DriftMonitor',
      [
        ['referenceRows', String(this.referenceRows)],
        ['partitions', String(this.partitions)],
        ['segments', String(this.monitorsSegments)],
      ],
      { header: ['column', 'type'], rows: this.columns.map((c, j) => [c, this.types[j]!]) },
    );
  }
}

function readOptionalBoolean(object: JsonObject, key: string, where: string): boolean {
  const value = object[key];
  checkModel(value === undefined || typeof value === 'boolean', CONTEXT, `${where}.${key} must be true or false when present`);
  return value === true;
}

function readSkipped(value: unknown): SkippedColumn[] {
  if (value === undefined) return [];
  checkModel(Array.isArray(value), CONTEXT, 'skipped must be an array of { column, reason, note }');
  return (value as unknown[]).map((raw, i) => {
    checkModel(typeof raw === 'object' && raw !== null && !Array.isArray(raw), CONTEXT, `skipped[${i}] must be an object`);
    const entry = raw as JsonObject;
    return {
      column: readString(entry, 'column', `${CONTEXT}: skipped[${i}]`),
      reason: readString(entry, 'reason', `${CONTEXT}: skipped[${i}]`, ['identifier', 'date'] as const),
      note: readString(entry, 'note', `${CONTEXT}: skipped[${i}]`),
    };
  });
}

function requireSegmentLabels(segments: unknown, context: string): void {
  if (segments === null || typeof segments !== 'object' || typeof (segments as ArrayLike<unknown>).length !== 'number') {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: segments must be an array with one segment label per row (e.g. model.predict(rows)), got ${segments === null ? 'null' : typeof segments}`,
    );
  }
}

function readCounts(value: unknown, where: string): Map<Category, number> {
  checkModel(Array.isArray(value), CONTEXT, `${where} must be an array of [category, count] pairs`);
  const counts = new Map<Category, number>();
  (value as unknown[]).forEach((pair, i) => {
    checkModel(Array.isArray(pair) && pair.length === 2, CONTEXT, `${where}[${i}] must be a [category, count] pair`);
    const [category, count] = pair as [unknown, unknown];
    const kind = categoryKind(category);
    checkModel(
      kind !== undefined && (kind !== 'number' || Number.isFinite(category)),
      CONTEXT,
      `${where}[${i}][0] must be a string, finite number or boolean`,
    );
    checkModel(typeof count === 'number' && Number.isInteger(count) && count > 0, CONTEXT, `${where}[${i}][1] must be a positive integer`);
    checkModel(!counts.has(category as Category), CONTEXT, `${where}[${i}]: category ${describeValue(category)} appears twice`);
    counts.set(category as Category, count as number);
  });
  return counts;
}

function readSettings(s: JsonObject): Settings {
  const context = `${CONTEXT}: settings`;
  const rethrow = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      throw new SegmentkitError('E_MODEL', `${CONTEXT}: settings are invalid: ${(err as Error).message}`);
    }
  };
  const rawTests = s.tests;
  const tests = rawTests === null ? undefined : rethrow(() => validateTests(context, rawTests));
  const thresholds = rethrow(() => resolveThresholds(context, readObject(s, 'thresholds', context) as DriftThresholds));
  checkModel(
    Object.keys(DEFAULT_THRESHOLDS).every((key) => key in readObject(s, 'thresholds', context)),
    CONTEXT,
    'settings.thresholds must list every threshold',
  );
  const correction = rethrow(() => resolveCorrection(context, s.correction));
  const { bins, epsilon } = rethrow(() => resolveBinning(context, s.bins, s.epsilon));
  const compression = readNumber(s, 'compression', context, { min: 10, integer: true });
  return { tests, thresholds, correction, bins, epsilon, compression };
}
