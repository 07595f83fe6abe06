import { categoryKind, compareCategories, type Category } from '../core/category';
import { isMatrix, toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { isMissingValue } from '../core/missingCells';
import { readTable, type TableInput } from '../core/readTable';
import { SegmentkitError } from '../core/SegmentkitError';
import type { FittedFeaturePipeline } from '../features/FittedFeaturePipeline';
import type { SegmentId } from './profileTypes';

/** @internal One numeric column: values (NaN where missing) and how many are present. */
export interface NumericColumn {
  readonly name: string;
  readonly values: Float64Array;
}

/** @internal One categorical column: a category index per row (−1 where missing) and the categories. */
export interface CategoricalColumn {
  readonly name: string;
  readonly codes: Int32Array;
  readonly categories: readonly Category[];
}

/** @internal The profiled data, column by column, in the user's units. */
export interface ProfileColumns {
  readonly rows: number;
  readonly numeric: readonly NumericColumn[];
  readonly categorical: readonly CategoricalColumn[];
  /** Columns left out, with why (identifiers, dates, mixed types, all missing). */
  readonly skipped: readonly { column: string; reason: string }[];
}

function numericFromValues(name: string, values: ArrayLike<unknown>): NumericColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
  }
  return { name, values: out };
}

function categoricalFromValues(name: string, values: ArrayLike<unknown>): CategoricalColumn {
  const index = new Map<Category, number>();
  const raw = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissingValue(v)) {
      raw[i] = -1;
      continue;
    }
    const category = v as Category;
    let code = index.get(category);
    if (code === undefined) {
      code = index.size;
      index.set(category, code);
    }
    raw[i] = code;
  }
  // number the categories in their sorted order, so the output never depends on row order
  const categories = [...index.keys()].sort(compareCategories);
  const remap = new Int32Array(categories.length);
  categories.forEach((category, sortedCode) => {
    remap[index.get(category)!] = sortedCode;
  });
  const codes = raw.map((code) => (code < 0 ? -1 : remap[code]!));
  return { name, codes, categories };
}

/** What a column holds: numbers, categories, or something not profiled (and why). */
function classify(values: ArrayLike<unknown>): { kind: 'numeric' } | { kind: 'categorical' } | { kind: 'skip'; reason: string } {
  let numbers = 0;
  let categories = 0;
  let present = 0;
  const distinct = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissingValue(v)) continue;
    present++;
    if (v instanceof Date) return { kind: 'skip', reason: 'dates are not profiled; derive a number (days since, hour) first' };
    const kind = categoryKind(v);
    if (kind === 'number') {
      if (!Number.isFinite(v as number)) return { kind: 'skip', reason: `holds ${String(v)}; profiles need finite numbers` };
      numbers++;
    } else if (kind === 'string' || kind === 'boolean') {
      categories++;
      if (distinct.size <= values.length) distinct.add(v);
    } else return { kind: 'skip', reason: `holds ${typeof v} values` };
  }
  if (present === 0) return { kind: 'skip', reason: 'every value is missing' };
  if (numbers > 0 && categories > 0) return { kind: 'skip', reason: 'mixes numbers and text; convert it to one type' };
  if (numbers > 0) return { kind: 'numeric' };
  if (distinct.size === present && present > 20) return { kind: 'skip', reason: 'an identifier (every value distinct)' };
  return { kind: 'categorical' };
}

/** @internal Options that say which columns to read. */
export interface ProfileColumnOptions {
  readonly featureNames?: readonly string[] | undefined;
  readonly pipeline?: FittedFeaturePipeline | undefined;
  readonly columns?: readonly string[] | undefined;
}

/**
 * @internal
 * Read records, a column object or a matrix into profile columns. A matrix with a fitted `pipeline` is turned
 * back into the pipeline's input columns (original units) first.
 */
export function readProfileColumns(data: TableInput | MatrixLike, options: ProfileColumnOptions, context: string): ProfileColumns {
  const { pipeline, featureNames, columns } = options;
  const matrixInput = isMatrix(data) || (Array.isArray(data) && data.length > 0 && (Array.isArray(data[0]) || ArrayBuffer.isView(data[0])));
  if (matrixInput) {
    const m: Matrix = toMatrix(data as MatrixLike, context, { allowNaN: true });
    if (pipeline !== undefined) {
      if (pipeline.featureNames.length !== m.cols) {
        throw new SegmentkitError(
          'E_SHAPE',
          `${context}: X has ${m.cols} columns but the pipeline makes ${pipeline.featureNames.length} (${pipeline.featureNames.slice(0, 6).join(', ')}…); pass the matrix the pipeline produced`,
        );
      }
      const rows = pipeline.inverseTransformCentroids(m);
      const names = Object.keys(rows[0] ?? {});
      const table: Record<string, unknown[]> = {};
      for (const name of names) table[name] = rows.map((row) => row[name]);
      return readProfileColumns(table as TableInput, { columns }, context);
    }
    const names = featureNames ?? Array.from({ length: m.cols }, (_, j) => `x${j}`);
    if (names.length !== m.cols) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: featureNames has ${names.length} names but X has ${m.cols} columns; give one name per column`,
      );
    }
    const numeric = names.map((name, j) => {
      const values = new Float64Array(m.rows);
      for (let i = 0; i < m.rows; i++) values[i] = m.data[i * m.cols + j]!;
      return { name, values };
    });
    return { rows: m.rows, numeric, categorical: [], skipped: [] };
  }
  const table = readTable(data as TableInput, context);
  const names =
    columns ??
    (Array.isArray(data)
      ? [...new Set((data as readonly object[]).slice(0, 1000).flatMap((record) => Object.keys(record)))]
      : Object.keys(data as object));
  const numeric: NumericColumn[] = [];
  const categorical: CategoricalColumn[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const name of names) {
    const values = table.column(name);
    const kind = classify(values);
    if (kind.kind === 'numeric') numeric.push(numericFromValues(name, values));
    else if (kind.kind === 'categorical') categorical.push(categoricalFromValues(name, values));
    else if (kind.kind === 'skip') {
      if (columns !== undefined) throw new SegmentkitError('E_PARSE', `${context}: column '${name}' ${kind.reason}`);
      skipped.push({ column: name, reason: kind.reason });
    }
  }
  if (numeric.length + categorical.length === 0) {
    throw new SegmentkitError(
      'E_EMPTY',
      `${context}: no column can be profiled (${skipped.map((s) => `${s.column}: ${s.reason}`).join('; ')})`,
    );
  }
  return { rows: table.rows, numeric, categorical, skipped };
}

/** @internal Labels read into group indices: group g of row i, and the segment ids in group order. */
export interface SegmentGroups {
  readonly group: Int32Array;
  readonly segments: readonly SegmentId[];
  readonly noise: number;
}

/**
 * @internal
 * Number the segments in sorted order (numbers ascending, then strings), the noise label (if present) last.
 */
export function readSegmentGroups(
  labels: ArrayLike<SegmentId>,
  rows: number,
  noiseLabel: SegmentId | null,
  context: string,
): SegmentGroups {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: labels must be an array (or typed array) of segment numbers or names, one per row`);
  }
  if (labels.length !== rows) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: ${labels.length} labels for ${rows} rows; pass one label per customer, in the same order`,
    );
  }
  const seen = new Set<SegmentId>();
  for (let i = 0; i < rows; i++) {
    const label = labels[i];
    if (!(typeof label === 'string' || (typeof label === 'number' && Number.isFinite(label)))) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: labels[${i}] is ${String(label)}; labels are numbers or strings (use the noise label, not null, for unassigned rows)`,
      );
    }
    seen.add(label);
  }
  const segments = [...seen]
    .filter((s) => s !== noiseLabel)
    .sort((a, b) => (typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1));
  const hasNoise = noiseLabel !== null && seen.has(noiseLabel);
  if (hasNoise) segments.push(noiseLabel);
  const index = new Map<SegmentId, number>(segments.map((s, g) => [s, g]));
  const group = new Int32Array(rows);
  for (let i = 0; i < rows; i++) group[i] = index.get(labels[i]!)!;
  return { group, segments, noise: hasNoise ? segments.length - 1 : -1 };
}
