import { interpolateSorted } from '../core/quantile';
import type { Category } from '../core/category';
import { adjustPValues, type PValueCorrection } from './adjustPValues';
import { compareMixedCategories, unionCategories } from './categoryCounts';
import { chiSquareFromTable } from './chiSquareTest';
import { jensenShannonNormalised } from './jensenShannonDistance';
import { ksPValue, ksStatisticSorted } from './ksTest';
import { binCountsSorted, categoricalPsi, psiBand, psiEdges, psiFromCounts, type PsiBand } from './populationStabilityIndex';
import type { DriftColumnType } from './readDriftData';
import { wassersteinSorted } from './wassersteinDistance';

// The per-column comparison shared by driftReport (raw reference) and DriftMonitor (reference profile): the
// reference side is an interface, so the exact and the sketched reference go through the same decisions.

/** A test {@link driftReport} can run on a column. */
export type DriftTestName = 'ks' | 'wasserstein' | 'psi' | 'jensen-shannon' | 'chi-square';

/** Decision thresholds for {@link driftReport} and {@link DriftMonitor}; every field has a default. */
export interface DriftThresholds {
  /** KS: a column drifts when its (adjusted) p-value is below this. Default 0.05. */
  readonly ks?: number;
  /** Chi-square: a column drifts when its (adjusted) p-value is below this. Default 0.05. */
  readonly chiSquare?: number;
  /** Wasserstein distance divided by the reference standard deviation: drift at or above this. Default 0.1. */
  readonly wasserstein?: number;
  /** Jensen–Shannon distance (base 2): drift at or above this. Default 0.1. */
  readonly jensenShannon?: number;
  /** PSI, when it is the column's test: drift at or above this. Default 0.1. */
  readonly psi?: number;
  /** PSI bands [moderate, significant] for `psiBand`. Default [0.1, 0.25]. */
  readonly psiBands?: readonly [number, number];
  /** The dataset drifts when at least this share of the columns drift. Default 0.5. */
  readonly driftShare?: number;
  /** A column's missing share moving by at least this much (absolute) is drift by itself. Default 0.05. */
  readonly missingShare?: number;
}

/** @internal Thresholds with every default filled in. */
export type ResolvedThresholds = { readonly [K in keyof DriftThresholds]-?: NonNullable<DriftThresholds[K]> };

/** @internal */
export const DEFAULT_THRESHOLDS: ResolvedThresholds = {
  ks: 0.05,
  chiSquare: 0.05,
  wasserstein: 0.1,
  jensenShannon: 0.1,
  psi: 0.1,
  psiBands: [0.1, 0.25],
  driftShare: 0.5,
  missingShare: 0.05,
};

/** How the share of missing values moved in one column. */
export interface MissingDrift {
  /** Missing cells in the reference. */
  readonly referenceCount: number;
  /** Missing cells in the current data. */
  readonly currentCount: number;
  /** Missing share of the reference rows. */
  readonly referenceShare: number;
  /** Missing share of the current rows. */
  readonly currentShare: number;
  /** currentShare − referenceShare. */
  readonly change: number;
  /** Whether |change| ≥ the `missingShare` threshold. */
  readonly drifted: boolean;
}

/** How one category's share moved between the reference and the current data. */
export interface CategoryShareChange {
  /** The category. */
  readonly category: Category;
  /** Its share of the reference's non-missing values. */
  readonly referenceShare: number;
  /** Its share of the current non-missing values. */
  readonly currentShare: number;
  /** currentShare − referenceShare (positive: gained). */
  readonly change: number;
}

/** Which way a numeric column moved: by the median, or by the mean when the medians are equal. */
export type DriftDirection = 'higher' | 'lower' | 'unchanged';

/** The verdict on one column of a {@link DriftReport}. */
export interface ColumnDrift {
  /** Column name. */
  readonly column: string;
  /** How the column was compared. */
  readonly type: DriftColumnType;
  /** The test that decides (chosen by type and reference size unless set in `tests`). */
  readonly test: DriftTestName;
  /**
   * The test's statistic: KS D, chi-square statistic, Wasserstein distance / reference std, Jensen–Shannon
   * distance or PSI. `null` when either side has no non-missing value.
   */
  readonly statistic: number | null;
  /** p-value (KS and chi-square only; otherwise `null`). */
  readonly pValue: number | null;
  /** p-value after the report's multiple-testing correction (equal to `pValue` with `'none'`). */
  readonly adjustedPValue: number | null;
  /** The threshold the statistic (or adjusted p-value) was compared with. */
  readonly threshold: number;
  /** Whether the test says the distribution moved. */
  readonly testDrifted: boolean;
  /** Population stability index (always reported; `null` when either side has no value). */
  readonly psi: number | null;
  /** `'stable'` (< 0.1), `'moderate'` (< 0.25) or `'significant'` by the PSI bands; `null` with the PSI. */
  readonly psiBand: PsiBand | null;
  /** Missing values, and whether their share moved. */
  readonly missing: MissingDrift;
  /** `testDrifted || missing.drifted`: the column counts as drifted. */
  readonly drifted: boolean;
  /** Non-missing values in the reference. */
  readonly referenceCount: number;
  /** Non-missing values in the current data. */
  readonly currentCount: number;
  /** Categorical columns: categories in the current data that the reference never had (numeric: empty). */
  readonly newCategories: Category[];
  /** Mean of the reference's non-missing values (numeric; `null` for categorical or no values). */
  readonly referenceMean: number | null;
  /** Mean of the current non-missing values. */
  readonly currentMean: number | null;
  /** Median of the reference (numpy's linear rule; a DriftMonitor's sketch estimate when it holds more distinct values than its compression). */
  readonly referenceMedian: number | null;
  /** Median of the current values. */
  readonly currentMedian: number | null;
  /** Numeric columns: which way the values moved (`null` for categorical columns or without values). */
  readonly direction: DriftDirection | null;
  /** Categorical columns: up to 3 categories that gained the most share, largest first (numeric: empty). */
  readonly gained: CategoryShareChange[];
  /** Categorical columns: up to 3 categories that lost the most share, largest loss first (numeric: empty). */
  readonly lost: CategoryShareChange[];
}

/** @internal Settings the comparison needs (validated by the caller). */
export interface CompareSettings {
  readonly tests: DriftTestName | Readonly<Record<string, DriftTestName>> | undefined;
  readonly thresholds: ResolvedThresholds;
  readonly bins: number;
  readonly epsilon: number;
  readonly referenceRows: number;
}

/** @internal The reference side of a numeric column: exact (sorted values) or sketched. */
export interface NumericReferenceSide {
  readonly count: number;
  readonly missing: number;
  readonly rows: number;
  /** Population standard deviation (ddof 0). */
  readonly std: number;
  /** Mean of the values. */
  readonly mean: number;
  /** Median of the values. */
  readonly median: number;
  ksStatistic(sortedCurrent: Float64Array): number;
  wasserstein(sortedCurrent: Float64Array): number;
  /** PSI bin edges and the reference's count per bin (fractional for a sketch). */
  binning(bins: number): { edges: number[]; counts: number[] };
}

/** @internal The exact reference side from sorted values. */
export function exactNumericSide(sorted: Float64Array, missing: number, rows: number): NumericReferenceSide {
  let mean = 0;
  for (let i = 0; i < sorted.length; i++) mean += sorted[i]!;
  mean /= sorted.length;
  let squares = 0;
  for (let i = 0; i < sorted.length; i++) squares += (sorted[i]! - mean) ** 2;
  return {
    count: sorted.length,
    missing,
    rows,
    std: Math.sqrt(squares / sorted.length),
    mean,
    median: interpolateSorted(sorted, 0.5),
    ksStatistic: (current) => ksStatisticSorted(sorted, current),
    wasserstein: (current) => wassersteinSorted(sorted, current),
    binning(bins) {
      const edges = psiEdges(sorted, bins);
      return { edges, counts: binCountsSorted(sorted, edges) };
    },
  };
}

/** @internal The default test: Evidently's rule, KS / chi-square for small references, distances for large ones. */
export function defaultTest(type: DriftColumnType, referenceRows: number): DriftTestName {
  if (type === 'numeric') return referenceRows <= 1000 ? 'ks' : 'wasserstein';
  return referenceRows <= 1000 ? 'chi-square' : 'jensen-shannon';
}

/** @internal The test for a column: the per-column or global choice, else the default. */
export function testFor(column: string, type: DriftColumnType, settings: CompareSettings): DriftTestName {
  const { tests } = settings;
  if (typeof tests === 'string') return tests;
  return (tests !== undefined && Object.hasOwn(tests, column) ? tests[column] : undefined) ?? defaultTest(type, settings.referenceRows);
}

function missingDrift(
  referenceMissing: number,
  referenceRows: number,
  currentMissing: number,
  currentRows: number,
  threshold: number,
): MissingDrift {
  const referenceShare = referenceRows === 0 ? 0 : referenceMissing / referenceRows;
  const currentShare = currentRows === 0 ? 0 : currentMissing / currentRows;
  const change = currentShare - referenceShare;
  // a hair of tolerance so that a change of exactly the threshold is not lost to rounding
  return {
    referenceCount: referenceMissing,
    currentCount: currentMissing,
    referenceShare,
    currentShare,
    change,
    drifted: Math.abs(change) >= threshold - 1e-12,
  };
}

function thresholdFor(test: DriftTestName, t: ResolvedThresholds): number {
  switch (test) {
    case 'ks':
      return t.ks;
    case 'chi-square':
      return t.chiSquare;
    case 'wasserstein':
      return t.wasserstein;
    case 'jensen-shannon':
      return t.jensenShannon;
    case 'psi':
      return t.psi;
  }
}

function assemble(
  column: string,
  type: DriftColumnType,
  test: DriftTestName,
  statistic: number | null,
  pValue: number | null,
  psi: number | null,
  missing: MissingDrift,
  referenceCount: number,
  currentCount: number,
  newCategories: Category[],
  settings: CompareSettings,
  summary: ColumnSummary = NO_SUMMARY,
): ColumnDrift {
  const threshold = thresholdFor(test, settings.thresholds);
  const testDrifted = statistic !== null && (pValue !== null ? pValue < threshold : statistic >= threshold);
  return {
    column,
    type,
    test,
    statistic,
    pValue,
    adjustedPValue: pValue,
    threshold,
    testDrifted,
    psi,
    psiBand: psi === null ? null : psiBand(psi, settings.thresholds.psiBands),
    missing,
    drifted: testDrifted || missing.drifted,
    referenceCount,
    currentCount,
    newCategories,
    ...summary,
  };
}

/** The descriptive part of a column verdict: where the values sit, or which categories moved. */
type ColumnSummary = Pick<
  ColumnDrift,
  'referenceMean' | 'currentMean' | 'referenceMedian' | 'currentMedian' | 'direction' | 'gained' | 'lost'
>;

const NO_SUMMARY: ColumnSummary = {
  referenceMean: null,
  currentMean: null,
  referenceMedian: null,
  currentMedian: null,
  direction: null,
  gained: [],
  lost: [],
};

function numericSummary(reference: NumericReferenceSide, sortedCurrent: Float64Array): ColumnSummary {
  let sum = 0;
  for (let i = 0; i < sortedCurrent.length; i++) sum += sortedCurrent[i]!;
  const currentMean = sum / sortedCurrent.length;
  const currentMedian = interpolateSorted(sortedCurrent, 0.5);
  const by = currentMedian !== reference.median ? currentMedian - reference.median : currentMean - reference.mean;
  return {
    referenceMean: reference.mean,
    currentMean,
    referenceMedian: reference.median,
    currentMedian,
    direction: by > 0 ? 'higher' : by < 0 ? 'lower' : 'unchanged',
    gained: [],
    lost: [],
  };
}

function shareChanges(
  categories: readonly Category[],
  referenceCounts: readonly number[],
  referenceTotal: number,
  currentCounts: readonly number[],
  currentTotal: number,
): ColumnSummary {
  const changes: CategoryShareChange[] = categories.map((category, k) => {
    const referenceShare = referenceCounts[k]! / referenceTotal;
    const currentShare = currentCounts[k]! / currentTotal;
    return { category, referenceShare, currentShare, change: currentShare - referenceShare };
  });
  // ties keep the category order (sorted categories), so the lists are deterministic
  const gained = changes
    .filter((c) => c.change > 0)
    .sort((a, b) => b.change - a.change)
    .slice(0, 3);
  const lost = changes
    .filter((c) => c.change < 0)
    .sort((a, b) => a.change - b.change)
    .slice(0, 3);
  return { ...NO_SUMMARY, gained, lost };
}

/** @internal Compare a numeric column. */
export function compareNumeric(
  column: string,
  reference: NumericReferenceSide,
  current: { values: Float64Array; missing: number; rows: number },
  sortedCurrent: Float64Array,
  settings: CompareSettings,
): ColumnDrift {
  const test = testFor(column, 'numeric', settings);
  const missing = missingDrift(reference.missing, reference.rows, current.missing, current.rows, settings.thresholds.missingShare);
  if (reference.count === 0 || sortedCurrent.length === 0) {
    return assemble(column, 'numeric', test, null, null, null, missing, reference.count, sortedCurrent.length, [], settings);
  }
  const { edges, counts } = reference.binning(settings.bins);
  const currentCounts = binCountsSorted(sortedCurrent, edges);
  const psi = psiFromCounts(counts, reference.count, currentCounts, sortedCurrent.length, settings.epsilon).psi;
  let statistic: number;
  let pValue: number | null = null;
  switch (test) {
    case 'ks': {
      const result = ksPValue(reference.ksStatistic(sortedCurrent), reference.count, sortedCurrent.length, 'auto');
      statistic = result.statistic;
      pValue = result.pValue;
      break;
    }
    case 'wasserstein':
      statistic = reference.wasserstein(sortedCurrent) / Math.max(reference.std, 0.001);
      break;
    case 'psi':
      statistic = psi;
      break;
    case 'jensen-shannon': {
      const p = Float64Array.from(counts, (c) => c / reference.count);
      const q = Float64Array.from(currentCounts, (c) => c / sortedCurrent.length);
      statistic = jensenShannonNormalised(p, q, 2);
      break;
    }
    case 'chi-square':
      // rejected when options are validated; kept for exhaustiveness
      throw new Error('unreachable: chi-square on a numeric column');
  }
  return assemble(
    column,
    'numeric',
    test,
    statistic,
    pValue,
    psi,
    missing,
    reference.count,
    sortedCurrent.length,
    [],
    settings,
    numericSummary(reference, sortedCurrent),
  );
}

/** @internal Compare a categorical column from category counts. */
export function compareCategorical(
  column: string,
  reference: { counts: ReadonlyMap<Category, number>; total: number; missing: number; rows: number },
  current: { counts: ReadonlyMap<Category, number>; total: number; missing: number; rows: number },
  settings: CompareSettings,
): ColumnDrift {
  const test = testFor(column, 'categorical', settings);
  const missing = missingDrift(reference.missing, reference.rows, current.missing, current.rows, settings.thresholds.missingShare);
  const newCategories = [...current.counts.keys()].filter((c) => !reference.counts.has(c));
  newCategories.sort(compareMixedCategories);
  if (reference.total === 0 || current.total === 0) {
    return assemble(column, 'categorical', test, null, null, null, missing, reference.total, current.total, newCategories, settings);
  }
  const psi = categoricalPsi(reference.counts, reference.total, current.counts, current.total, settings.epsilon).psi;
  const categories = unionCategories(reference.counts, current.counts);
  const referenceCounts = categories.map((c) => reference.counts.get(c) ?? 0);
  const currentCounts = categories.map((c) => current.counts.get(c) ?? 0);
  let statistic: number;
  let pValue: number | null = null;
  switch (test) {
    case 'chi-square': {
      const result = chiSquareFromTable([referenceCounts, currentCounts], true);
      statistic = result.statistic;
      pValue = result.pValue;
      break;
    }
    case 'jensen-shannon':
      statistic = jensenShannonNormalised(
        Float64Array.from(referenceCounts, (c) => c / reference.total),
        Float64Array.from(currentCounts, (c) => c / current.total),
        2,
      );
      break;
    case 'psi':
      statistic = psi;
      break;
    case 'ks':
    case 'wasserstein':
      throw new Error(`unreachable: ${test} on a categorical column`);
  }
  const summary = shareChanges(categories, referenceCounts, reference.total, currentCounts, current.total);
  return assemble(
    column,
    'categorical',
    test,
    statistic,
    pValue,
    psi,
    missing,
    reference.total,
    current.total,
    newCategories,
    settings,
    summary,
  );
}

/** @internal Apply the multiple-testing correction and re-decide the p-value tests. */
export function correctColumns(columns: readonly ColumnDrift[], correction: PValueCorrection): ColumnDrift[] {
  const adjusted = adjustPValues(
    columns.map((c) => c.pValue),
    correction,
  );
  return columns.map((c, i) => {
    const adjustedPValue = adjusted[i] ?? null;
    if (c.pValue === null || adjustedPValue === null) return c;
    const testDrifted = adjustedPValue < c.threshold;
    return { ...c, adjustedPValue, testDrifted, drifted: testDrifted || c.missing.drifted };
  });
}
