import { dateReader, isIsoDateText } from '../core/dateParser';
import { isMatrix, toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { isMissingNumber } from '../core/missingCells';
import { parseNumberText } from '../core/parseDecimal';
import { parseNumericCell } from '../core/parseNumericCell';
import { SegmentkitError } from '../core/SegmentkitError';
import { describeCategory, type Category } from '../core/category';
import { readTable, type TableInput, type TableReader } from '../core/readTable';
import { tallyCategories } from './categoryCounts';

/**
 * Data for {@link driftReport} and {@link DriftMonitor}: records (an array of objects, one per customer), a column
 * object (`{ spend: Float64Array, channel: string[] }`), or a numeric matrix (rows of numbers or a
 * {@link Matrix}; NaN cells are missing) whose column names come from the `columns` option.
 */
export type DriftData = TableInput | MatrixLike;

/** How a column is compared: numbers or categories. */
export type DriftColumnType = 'numeric' | 'categorical';

/** @internal One column, read: the non-missing values (numeric) or the category counts, and the missing count. */
export type ReadColumn =
  | { readonly name: string; readonly type: 'numeric'; readonly values: Float64Array; readonly missing: number; readonly rows: number }
  | {
      readonly name: string;
      readonly type: 'categorical';
      readonly counts: Map<Category, number>;
      readonly total: number;
      readonly missing: number;
      readonly rows: number;
    };

/** @internal A table opened for reading: its row count, its column names, and access to one column at a time. */
export interface OpenedData {
  readonly rows: number;
  /** Column names in order (all of them for a matrix or column object, the union of keys for records). */
  readonly names: readonly string[];
  /** Raw cells of a column (a strided copy for matrices). */
  cells(name: string): ArrayLike<unknown>;
  /** Matrices only: the non-NaN values of a column and the NaN count, without boxing. */
  readonly matrix?: { readonly m: Matrix; readonly index: ReadonlyMap<string, number> };
}

function isRowLike(value: unknown): boolean {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** @internal Whether `data` is a numeric matrix (a Matrix or an array of rows) rather than records or columns. */
export function isMatrixData(data: DriftData): data is MatrixLike {
  return isMatrix(data) || (Array.isArray(data) && data.length > 0 && isRowLike(data[0]));
}

/** @internal Open `data` for reading; `columnNames` names a matrix's columns (default x0, x1, …). */
export function openData(data: DriftData, context: string, name: string, columnNames?: readonly string[]): OpenedData {
  if (Array.isArray(data) && data.length === 0)
    throw new SegmentkitError('E_EMPTY', `${context}: ${name} has no rows; pass at least one row`);
  if (isMatrixData(data)) {
    const m = toMatrix(data, context, { name, allowNaN: true });
    const names = columnNames ?? Array.from({ length: m.cols }, (_, j) => `x${j}`);
    if (names.length !== m.cols) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: ${name} has ${m.cols} columns but ${names.length} column names were given; pass one name per column`,
      );
    }
    const index = new Map(names.map((n, j) => [n, j]));
    return {
      rows: m.rows,
      names,
      matrix: { m, index },
      cells(column) {
        const j = index.get(column);
        if (j === undefined)
          throw new SegmentkitError(
            'E_PARSE',
            `${context}: column '${column}' is not in ${name} (columns: ${names.slice(0, 12).join(', ')})`,
          );
        const out = new Float64Array(m.rows);
        for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j]!;
        return out;
      },
    };
  }
  const table: TableReader = readTable(data as TableInput, `${context}: ${name}`);
  let names: string[];
  if (Array.isArray(data)) {
    const seen = new Set<string>();
    for (const record of data as ReadonlyArray<object>) for (const key in record) seen.add(key);
    names = [...seen];
  } else {
    names = Object.keys(data as object);
  }
  // records are read column by column (typing, then values): keep the last column so it is mapped once
  let cached: { column: string; cells: ArrayLike<unknown> } | undefined;
  return {
    rows: table.rows,
    names,
    cells(column) {
      if (cached?.column !== column) cached = { column, cells: table.column(column) };
      return cached.cells;
    },
  };
}

/**
 * @internal
 * What a column holds, from its cells, by the rule of {@link parseCsv}: `'numeric'` when every non-missing cell is
 * a number or decimal text (padded codes such as `'02134'` are text), `'date'` when every one is a `Date` or ISO
 * 8601 text, `'categorical'` otherwise; `undefined` when every cell is missing.
 */
export function inferType(cells: ArrayLike<unknown>): DriftColumnType | 'date' | undefined {
  if (ArrayBuffer.isView(cells)) return 'numeric';
  let numbers = 0;
  let dates = 0;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    if (typeof value === 'number') {
      if (value === value) numbers++;
    } else if (value instanceof Date) {
      dates++;
    } else if (typeof value === 'string') {
      if (isMissingNumber(value)) continue;
      if (dates === 0 && parseNumberText(value) !== undefined) numbers++;
      else if (numbers === 0 && isIsoDateText(value)) dates++;
      else return 'categorical';
    } else if (value !== null && value !== undefined) {
      return 'categorical';
    }
    if (numbers > 0 && dates > 0) return 'categorical';
  }
  return numbers > 0 ? 'numeric' : dates > 0 ? 'date' : undefined;
}

// customerId, customer_id, CustomerID, ID, id, id_hash … but not paid, valid, humid
const ID_NAME = /(^|[^a-zA-Z])[iI][dD]$|[a-z]Id$|[a-z]ID$|^[iI][dD]([^a-zA-Z]|$)/;

/**
 * @internal
 * Whether a column identifies rows rather than describing them: every non-missing value distinct, and either
 * text over at least 20 rows or a name that says id. Comparing such a column tests nothing but its turnover.
 */
export function isIdentifier(name: string, cells: ArrayLike<unknown>): boolean {
  if (ArrayBuffer.isView(cells) && !ID_NAME.test(name)) return false;
  const seen = new Set<unknown>();
  let text = true;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    if (isMissingNumber(value)) continue;
    if (typeof value !== 'string') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return false;
      text = false;
    }
    if (seen.has(value)) return false;
    seen.add(value);
  }
  return seen.size >= 2 && (ID_NAME.test(name) || (text && seen.size >= 20));
}

/**
 * @internal
 * Read one numeric column: non-missing values (decimal strings parsed, Dates as epoch ms, and with `dates` ISO
 * text as epoch ms) and the missing count.
 */
export function readNumericColumn(opened: OpenedData, column: string, context: string, name: string, dates = false): ReadColumn {
  if (opened.matrix !== undefined) {
    const { m, index } = opened.matrix;
    const j = index.get(column);
    if (j === undefined) throw new SegmentkitError('E_PARSE', `${context}: column '${column}' is not in ${name}`);
    const values = new Float64Array(m.rows);
    let count = 0;
    for (let i = 0, k = j; i < m.rows; i++, k += m.cols) {
      const v = m.data[k]!;
      if (v === v) values[count++] = v;
    }
    return {
      name: column,
      type: 'numeric',
      values: count === m.rows ? values : values.slice(0, count),
      missing: m.rows - count,
      rows: m.rows,
    };
  }
  const cells = opened.cells(column);
  const values = new Float64Array(cells.length);
  const readDate = dates ? dateReader({}, context, (row) => `${context}: ${name} row ${String(row)}, column '${column}'`) : undefined;
  let count = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    const v =
      typeof cell === 'number'
        ? cell
        : cell instanceof Date
          ? cell.getTime()
          : readDate !== undefined && typeof cell === 'string' && !isMissingNumber(cell)
            ? readDate(cell, i)
            : parseNumericCell(cell);
    if (v === undefined) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: ${name} row ${i}, column '${column}' is ${describeCategory(cell)}, not a number; the column is numeric in the reference (pass types: { '${column}': 'categorical' } to compare it as categories)`,
      );
    }
    if (v !== v) continue;
    if (v === Infinity || v === -Infinity) {
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: ${name} row ${i}, column '${column}' is ${v}; replace or clip infinite values first`,
      );
    }
    values[count++] = v;
  }
  return {
    name: column,
    type: 'numeric',
    values: count === cells.length ? values : values.slice(0, count),
    missing: cells.length - count,
    rows: cells.length,
  };
}

/** @internal Read one categorical column: counts per category and the missing count. */
export function readCategoricalColumn(opened: OpenedData, column: string, context: string, name: string): ReadColumn {
  const tally = tallyCategories(opened.cells(column), context, `${name}.${column}`, true);
  return { name: column, type: 'categorical', counts: tally.counts, total: tally.total, missing: tally.missing, rows: opened.rows };
}

/** @internal Read a column as the given type (`dates`: a numeric column of dates, read as epoch ms). */
export function readColumn(
  opened: OpenedData,
  column: string,
  type: DriftColumnType,
  context: string,
  name: string,
  dates = false,
): ReadColumn {
  return type === 'numeric'
    ? readNumericColumn(opened, column, context, name, dates)
    : readCategoricalColumn(opened, column, context, name);
}
