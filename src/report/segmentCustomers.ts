// The segmentation the report and the CLI share: numeric customer columns → log (where every value is ≥ 0) and
// standardise → k from chooseK (or given) → k-means → profile → plain-word names, numbered by size.
import type { Matrix } from '../core/Matrix';
import { parseNumericCell } from '../core/parseNumericCell';
import { SegmentkitError } from '../core/SegmentkitError';
import { isIdentifier } from '../drift/readDriftData';
import { profileSegments, type SegmentProfile } from '../explain/profileSegments';
import { nameSegments } from '../explain/nameSegments';
import { featurePipeline, type NumericStep } from '../features/featurePipeline';
import type { FittedFeaturePipeline } from '../features/FittedFeaturePipeline';
import { LogTransformer } from '../features/LogTransformer';
import { StandardScaler } from '../features/StandardScaler';
import { KMeans } from '../cluster/kmeans/KMeans';
import type { KMeansModel } from '../cluster/kmeans/KMeansModel';
import { chooseK, type ChooseKResult } from '../metrics/chooseK';

/** @internal How to segment. */
export interface SegmentSettings {
  readonly k: 'auto' | number;
  readonly kMin: number;
  readonly kMax: number;
  readonly seed: number;
  readonly nInit: number;
  readonly onStep?: (step: string) => void;
}

/** @internal A finished segmentation. */
export interface Segmentation {
  readonly columns: readonly string[];
  readonly logColumns: readonly string[];
  readonly pipeline: FittedFeaturePipeline;
  readonly X: Matrix;
  readonly choice: ChooseKResult | null;
  readonly model: KMeansModel;
  readonly profile: SegmentProfile;
  /** label → plain-word name from nameSegments */
  readonly names: ReadonlyMap<number, string>;
  /** label → the name people read: `#rank name`, ranked by size (largest first) */
  readonly displayNames: ReadonlyMap<number, string>;
  /** labels ranked by size, largest first */
  readonly order: readonly number[];
}

function isMissing(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'number' && value !== value) ||
    (typeof value === 'string' && value.trim() === '')
  );
}

/**
 * @internal The numeric columns of a customer table: every non-missing value a number, at least one value; the id
 * column and identifier-like columns (distinct integers named like an id) left out.
 */
export function numericColumns(rows: readonly Readonly<Record<string, unknown>>[], exclude: readonly string[]): string[] {
  const first = rows[0];
  if (first === undefined) return [];
  return Object.keys(first).filter((name) => {
    if (exclude.includes(name)) return false;
    let seen = 0;
    const cells: unknown[] = [];
    for (const row of rows) {
      const value = row[name];
      cells.push(value);
      if (isMissing(value)) continue;
      if (typeof value !== 'number') return false;
      seen++;
    }
    return seen > 0 && !isIdentifier(name, cells);
  });
}

/**
 * @internal The chosen columns of each row as numbers (numeric text read as numbers, as a CSV column with one bad
 * cell is read as text); a column that does not exist, or the first cell that is missing or not a number, is an
 * error naming the row and column.
 */
export function checkColumns(
  context: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[],
): Record<string, number>[] {
  if (columns.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: no numeric columns to segment on; name them with columns (--columns a,b,c)`);
  const first = rows[0];
  if (first === undefined) throw new SegmentkitError('E_EMPTY', `${context}: no rows`);
  const keys = Object.keys(first);
  for (const column of columns) {
    if (!keys.includes(column))
      throw new SegmentkitError('E_PARAM', `${context}: there is no column '${column}' (columns: ${keys.slice(0, 12).join(', ')})`);
  }
  return rows.map((row, i) => {
    const out: Record<string, number> = {};
    for (const column of columns) {
      const value = row[column];
      const number = typeof value === 'number' ? value : typeof value === 'string' ? parseNumericCell(value) : undefined;
      if (number !== undefined && Number.isFinite(number)) {
        out[column] = number;
        continue;
      }
      const what = isMissing(value) ? 'missing' : `${JSON.stringify(String(value).slice(0, 40))}, not a number`;
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i}, column '${column}' is ${what}; segment on numeric columns without gaps (fill or drop such rows first)`,
      );
    }
    return out;
  });
}

/** @internal Fit the pipeline of the given columns: log(1 + x) then standardise where every value is ≥ 0, else standardise. */
export function fitPipeline(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[],
): { pipeline: FittedFeaturePipeline; logColumns: string[] } {
  const numeric: Record<string, NumericStep | NumericStep[]> = {};
  const logColumns: string[] = [];
  for (const column of columns) {
    const nonNegative = rows.every((row) => (row[column] as number) >= 0);
    if (nonNegative) logColumns.push(column);
    numeric[column] = nonNegative ? [new LogTransformer(), new StandardScaler()] : new StandardScaler();
  }
  return { pipeline: featurePipeline({ numeric }).fit(rows as readonly Record<string, number>[]), logColumns };
}

/** @internal Segment a customer table. */
export function segmentCustomers(
  context: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly string[],
  settings: SegmentSettings,
): Segmentation {
  const featureRows = checkColumns(context, rows, columns);
  settings.onStep?.('features: log and standardise');
  const { pipeline, logColumns } = fitPipeline(featureRows, columns);
  const X = pipeline.transform(featureRows).X;
  let choice: ChooseKResult | null = null;
  let k: number;
  if (settings.k === 'auto') {
    const kMax = Math.min(settings.kMax, X.rows - 1);
    if (kMax < settings.kMin)
      throw new SegmentkitError(
        'E_EMPTY',
        `${context}: ${X.rows} customers are too few to choose k between ${settings.kMin} and ${settings.kMax}`,
      );
    settings.onStep?.(`choosing k (chooseK, k = ${settings.kMin}…${kMax})`);
    choice = chooseK(X, { kMin: settings.kMin, kMax, seed: settings.seed });
    k = choice.recommendedK;
  } else {
    k = settings.k;
    if (k > X.rows) throw new SegmentkitError('E_PARAM', `${context}: k = ${k} is more than the ${X.rows} customers`);
  }
  settings.onStep?.(`k-means, k = ${k}`);
  const model = new KMeans({ nClusters: k, nInit: settings.nInit, seed: settings.seed }).fit(X);
  settings.onStep?.('profiles and names');
  const profile = profileSegments(featureRows, model.labels);
  const named = nameSegments(profile);
  const names = new Map<number, string>();
  named.forEach((n) => {
    names.set(Number(n.segment), n.name);
  });
  const sizes = model.clusterSizes;
  const order = sizes.map((_, j) => j).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const displayNames = new Map<number, string>();
  order.forEach((label, rank) => {
    displayNames.set(label, `#${rank + 1} ${names.get(label) ?? `segment ${label}`}`);
  });
  return { columns, logColumns, pipeline, X, choice, model, profile, names, displayNames, order };
}
