import { plotDrift } from '../charts/plotDrift';
import { attachDisplay, formatCell } from '../core/attachDisplay';
import { htmlSummary } from '../core/display';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, closestName } from '../core/validateOptions';
import type { PValueCorrection } from './adjustPValues';
import {
  compareCategorical,
  compareNumeric,
  correctColumns,
  exactNumericSide,
  testFor,
  type ColumnDrift,
  type CompareSettings,
  type DriftTestName,
  type DriftThresholds,
} from './compareColumns';
import {
  readColumnNames,
  checkColumnKeys,
  checkTestForType,
  resolveBinning,
  resolveCorrection,
  resolveThresholds,
  validateTests,
  validateTypes,
} from './driftSettings';
import {
  inferType,
  isIdentifier,
  isMatrixData,
  openData,
  readColumn,
  type DriftColumnType,
  type DriftData,
  type OpenedData,
} from './readDriftData';
import { sortFloat64 } from '../core/sortFloat64';

/** Options for {@link driftReport}. */
export interface DriftReportOptions {
  /**
   * Records and column objects: the columns to compare (default: every key of the reference). Matrices: the
   * name of each column, in order (default `x0`, `x1`, …).
   */
  readonly columns?: readonly string[];
  /** Force a column's type; otherwise numeric when every non-missing reference value is a number. */
  readonly types?: Readonly<Record<string, DriftColumnType>>;
  /**
   * One test for every column, or a test per column name (the others keep the default). Numeric columns take
   * `'ks'`, `'wasserstein'`, `'psi'`, `'jensen-shannon'` (over the PSI bins); categorical columns take
   * `'chi-square'`, `'jensen-shannon'`, `'psi'`. Default, as Evidently: a reference of ≤ 1 000 rows gets KS
   * (numeric) or chi-square (categorical), a larger one the Wasserstein distance over the reference standard
   * deviation (numeric) or the Jensen–Shannon distance (categorical).
   */
  readonly tests?: DriftTestName | Readonly<Record<string, DriftTestName>>;
  /** Decision thresholds; see {@link DriftThresholds} for the defaults. */
  readonly thresholds?: DriftThresholds;
  /** Correction of the p-value tests (KS, chi-square) for testing many columns at once. Default `'none'`. */
  readonly correction?: PValueCorrection;
  /** Bins of the numeric PSI. Default 10. */
  readonly bins?: number;
  /** Share standing in for an empty PSI bin. Default 1e-4. */
  readonly epsilon?: number;
}

/** The result of {@link driftReport} (and of {@link DriftMonitor.check}). */
export interface DriftReport {
  /** One verdict per column, in column order. */
  readonly columns: readonly ColumnDrift[];
  /** Number of columns compared. */
  readonly nColumns: number;
  /** Number of columns that drifted (by their test or by their missing share). */
  readonly nDrifted: number;
  /** nDrifted / nColumns. */
  readonly driftedShare: number;
  /** Whether driftedShare ≥ the `driftShare` threshold: the data set as a whole has drifted. */
  readonly datasetDrift: boolean;
  /** The `driftShare` threshold used. */
  readonly driftShare: number;
  /** The multiple-testing correction applied. */
  readonly correction: PValueCorrection;
  /** Rows in the reference. */
  readonly referenceRows: number;
  /** Rows in the current data. */
  readonly currentRows: number;
  /** Columns left out (identifiers, dates) with the reason; list them in `columns` to compare them. */
  readonly skipped: readonly SkippedColumn[];
}

/** @internal Finish a report: correction and the dataset verdict. */
export function summariseReport(
  columns: readonly ColumnDrift[],
  correction: PValueCorrection,
  driftShare: number,
  referenceRows: number,
  currentRows: number,
  skipped: readonly SkippedColumn[] = [],
): DriftReport {
  const corrected = correctColumns(columns, correction);
  const nDrifted = corrected.filter((c) => c.drifted).length;
  const driftedShare = corrected.length === 0 ? 0 : nDrifted / corrected.length;
  const report: DriftReport = {
    columns: corrected,
    nColumns: corrected.length,
    nDrifted,
    driftedShare,
    datasetDrift: corrected.length > 0 && driftedShare >= driftShare,
    driftShare,
    correction,
    referenceRows,
    currentRows,
    skipped,
  };
  return attachDisplay(report, {
    line: () => `driftReport { ${nDrifted} of ${corrected.length} columns drifted, datasetDrift: ${report.datasetDrift} }`,
    html: () =>
      htmlSummary(
        `driftReport: ${nDrifted} of ${corrected.length} columns drifted`,
        [
          ['dataset drift', String(report.datasetDrift)],
          ['rows', `${referenceRows} → ${currentRows}`],
        ],
        {
          header: ['column', 'test', 'statistic', 'p-value', 'threshold', 'PSI', 'drifted', 'which way'],
          rows: corrected.map((c) => [
            c.column,
            c.test,
            formatCell(c.statistic),
            formatCell(c.pValue),
            formatCell(c.threshold),
            formatCell(c.psi),
            c.drifted ? 'yes' : 'no',
            c.direction ?? '—',
          ]),
        },
      ),
    chart: () => plotDrift(report),
  });
}

/** A column {@link driftReport} (or {@link DriftMonitor}) left out, and why. */
export interface SkippedColumn {
  /** Column name. */
  readonly column: string;
  /** `'identifier'`: every value is distinct (an id); `'date'`: Dates or ISO 8601 text. */
  readonly reason: 'identifier' | 'date';
  /** The reason in words, with the fix. */
  readonly note: string;
}

/** @internal A column chosen for comparison: its type, and whether it holds dates (compared as epoch ms). */
export interface ResolvedColumn {
  readonly name: string;
  readonly type: DriftColumnType;
  readonly dates: boolean;
}

/**
 * @internal
 * Pick the columns and their types from the reference (and current, for all-missing columns). Without a
 * `columns` option, identifiers and date columns are left out and listed in `skipped`; a column named in
 * `columns` or `types` is always compared (dates as epoch milliseconds).
 */
export function resolveColumns(
  context: string,
  reference: OpenedData,
  current: OpenedData,
  requested: readonly string[] | undefined,
  types: Readonly<Record<string, DriftColumnType>>,
): { columns: ResolvedColumn[]; skipped: SkippedColumn[] } {
  const names = requested ?? reference.names;
  if (names.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: no columns to compare`);
  if (new Set(names).size !== names.length) throw new SegmentkitError('E_PARAM', `${context}: columns lists a name twice`);
  if (requested === undefined) {
    for (const key of Object.keys(types)) {
      if (!names.includes(key)) {
        const close = closestName(key, names);
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: types names column '${key}', which is not in the data${close === undefined ? '' : `; did you mean '${close}'?`} (columns: ${names.slice(0, 12).join(', ')})`,
        );
      }
    }
  } else checkColumnKeys(context, 'types', Object.keys(types), names);
  const columns: ResolvedColumn[] = [];
  const skipped: SkippedColumn[] = [];
  for (const name of names) {
    const forced = Object.hasOwn(types, name) ? types[name] : undefined;
    const asked = forced !== undefined || requested !== undefined;
    if (reference.matrix !== undefined) {
      columns.push({ name, type: forced ?? 'numeric', dates: false });
      continue;
    }
    const cells = reference.cells(name);
    const inferred = inferType(cells) ?? (current.matrix !== undefined ? 'numeric' : inferType(current.cells(name))) ?? 'numeric';
    if (inferred === 'date') {
      if (!asked) {
        skipped.push({
          column: name,
          reason: 'date',
          note: `'${name}' holds dates; list it in columns to compare it as time (epoch milliseconds)`,
        });
        continue;
      }
      columns.push({ name, type: forced ?? 'numeric', dates: forced !== 'categorical' });
      continue;
    }
    if (!asked && isIdentifier(name, cells)) {
      skipped.push({
        column: name,
        reason: 'identifier',
        note: `every value of '${name}' is distinct (an identifier, not a feature); list it in columns to compare it anyway`,
      });
      continue;
    }
    columns.push({ name, type: forced ?? inferred, dates: false });
  }
  if (columns.length === 0) {
    throw new SegmentkitError(
      'E_EMPTY',
      `${context}: every column was skipped (${skipped.map((c) => `${c.column}: ${c.reason}`).join(', ')}); list the columns to compare in columns`,
    );
  }
  return { columns, skipped };
}

/**
 * Compare current data with a reference, column by column, and say whether (and where) it has drifted. Each
 * column gets a test chosen by its type and the reference size (Evidently's defaults: KS at p < 0.05 or
 * chi-square for references of ≤ 1 000 rows; the Wasserstein distance divided by the reference standard
 * deviation, or the Jensen–Shannon distance, at 0.1 above that), always the PSI with its 0.1 / 0.25 bands, and
 * the change in its share of missing values (a move of ≥ 5 points is drift by itself). The data set drifts when
 * at least half of the columns do. Every statistic equals the corresponding scipy function (see {@link ksTest},
 * {@link chiSquareTest}, {@link wassersteinDistance}, {@link jensenShannonDistance},
 * {@link populationStabilityIndex}).
 *
 * Missing values are `null`, `undefined`, `''` and `NaN`; they are counted, not compared. Numeric text (`'12.5'`,
 * as read from a CSV) counts as a number in a numeric column.
 *
 * @param reference - the baseline: records, a column object, or a matrix (with `columns` for names)
 * @param current - the data to check, in the same layout
 * @throws {@link SegmentkitError} `E_EMPTY` for no rows or columns, `E_PARSE` for a column missing from the data or
 *   text in a numeric column, `E_NOT_FINITE` for ±Infinity, `E_SHAPE` for matrices of different widths, `E_PARAM`
 *   for bad options (an unknown test, a test that does not suit the column type, a threshold out of range).
 * @example
 * const reference = [{ spend: 10, channel: 'app' }, { spend: 12, channel: 'web' }, { spend: 11, channel: 'app' }, { spend: 13, channel: 'web' }];
 * const current = [{ spend: 30, channel: 'web' }, { spend: 31, channel: 'app' }, { spend: 29, channel: 'web' }, { spend: 32, channel: 'app' }];
 * const report = driftReport(reference, current);
 * report.columns.map((c) => [c.column, c.test, c.drifted]); // => [['spend', 'ks', true], ['channel', 'chi-square', false]]
 */
export function driftReport(reference: DriftData, current: DriftData, options: DriftReportOptions = {}): DriftReport {
  const context = 'driftReport';
  assertKnownOptions(context, options, ['columns', 'types', 'tests', 'thresholds', 'correction', 'bins', 'epsilon']);
  const thresholds = resolveThresholds(context, options.thresholds);
  const tests = validateTests(context, options.tests);
  const types = validateTypes(context, options.types);
  const correction = resolveCorrection(context, options.correction);
  const { bins, epsilon } = resolveBinning(context, options.bins, options.epsilon);
  const matrixNames = readColumnNames(context, options.columns);
  const ref = openData(reference, context, 'reference', isMatrixData(reference) ? matrixNames : undefined);
  // a matrix current takes the names given, else those of a matrix reference (x0 …) or the reference's columns
  const cur = openData(
    current,
    context,
    'current',
    isMatrixData(current) ? (matrixNames ?? (ref.matrix !== undefined ? undefined : ref.names)) : undefined,
  );
  if (ref.matrix !== undefined && cur.matrix !== undefined && ref.matrix.m.cols !== cur.matrix.m.cols) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: reference has ${ref.matrix.m.cols} columns but current has ${cur.matrix.m.cols}; pass the same features in the same order`,
    );
  }
  const { columns, skipped } = resolveColumns(context, ref, cur, matrixNames, types);
  if (tests !== undefined && typeof tests !== 'string')
    checkColumnKeys(
      context,
      'tests',
      Object.keys(tests),
      columns.map((c) => c.name),
    );
  const settings: CompareSettings = { tests, thresholds, bins, epsilon, referenceRows: ref.rows };
  for (const { name, type } of columns) checkTestForType(context, name, type, testFor(name, type, settings));

  const results: ColumnDrift[] = columns.map(({ name, type, dates }) => {
    const a = readColumn(ref, name, type, context, 'reference', dates);
    const b = readColumn(cur, name, type, context, 'current', dates);
    if (a.type === 'numeric' && b.type === 'numeric') {
      const side = exactNumericSide(sortFloat64(a.values), a.missing, a.rows);
      return compareNumeric(name, side, b, sortFloat64(b.values), settings);
    }
    if (a.type === 'categorical' && b.type === 'categorical') return compareCategorical(name, a, b, settings);
    throw new Error('unreachable: both sides are read with the same type');
  });
  return summariseReport(results, correction, thresholds.driftShare, ref.rows, cur.rows, skipped);
}
