import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';
import { MAX_CELLS, requireCells } from './sizeLimits';
import { assertKnownOptions } from './validateOptions';

/**
 * A dense matrix stored row-major in one contiguous `Float64Array`: cell (i, j) is `data[i * cols + j]`.
 * This is the only layout the numeric kernels see.
 */
export interface Matrix {
  /** The cells, row after row (`rows × cols` values). */
  readonly data: Float64Array;
  /** Number of rows (customers). */
  readonly rows: number;
  /** Number of columns (features). */
  readonly cols: number;
}

/**
 * Any table of numbers segmentkit accepts: an array of rows (`number[][]`, `Float64Array[]`, any array-likes)
 * or a row-major {@link Matrix}. It is validated and converted once, at the API boundary, by {@link toMatrix}.
 */
export type MatrixLike = ReadonlyArray<ArrayLike<number>> | Matrix;

/** Options for {@link toMatrix}. */
export interface ToMatrixOptions {
  /** Name of the argument in error messages. Default `'X'`. */
  readonly name?: string;
  /** Accept `NaN` cells (missing values), e.g. for imputers. ±Infinity is still rejected. Default `false`. */
  readonly allowNaN?: boolean;
  /** Accept a matrix with zero rows. Default `false`. */
  readonly allowEmpty?: boolean;
}

/**
 * Create a {@link Matrix} over `data` (not copied). Throws `E_SHAPE` when `data.length !== rows * cols`.
 *
 * @throws {@link SegmentkitError} `E_PARAM` when `data` is not a `Float64Array` or `rows` / `cols` are not integers
 *   ≥ 0, `E_SHAPE` when `data.length !== rows * cols`.
 * @example
 * const m = createMatrix(new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3);
 * m.data[1 * m.cols + 2]; // => 6
 */
export function createMatrix(data: Float64Array, rows: number, cols: number): Matrix {
  if (!(data instanceof Float64Array)) {
    throw new SegmentkitError(
      'E_PARAM',
      `createMatrix: data must be a Float64Array, got ${describeValue(data)}; see toMatrix for arrays of rows`,
    );
  }
  requireDimension('createMatrix', 'rows', rows);
  requireDimension('createMatrix', 'cols', cols);
  if (data.length !== rows * cols) {
    throw new SegmentkitError(
      'E_SHAPE',
      `createMatrix: data has ${data.length} values but rows × cols = ${rows} × ${cols}; pass matching dimensions`,
    );
  }
  return { data, rows, cols };
}

/**
 * A zero-filled {@link Matrix} of the given size.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for dimensions that are not integers ≥ 0, or more cells than the limit
 *   of 2^27 (1 GiB).
 * @example
 * zerosMatrix(2, 3).data.length; // => 6
 */
export function zerosMatrix(rows: number, cols: number): Matrix {
  requireDimension('zerosMatrix', 'rows', rows);
  requireDimension('zerosMatrix', 'cols', cols);
  requireCells('zerosMatrix', 'the matrix', rows, cols);
  return { data: new Float64Array(rows * cols), rows, cols };
}

function requireDimension(context: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_CELLS) {
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be an integer in [0, ${MAX_CELLS}], got ${describeValue(value)}`);
  }
}

/**
 * Whether `value` has the shape of a {@link Matrix} (`data` a `Float64Array`, integer `rows` and `cols`).
 *
 * @example
 * isMatrix({ data: new Float64Array(4), rows: 2, cols: 2 }); // => true
 * isMatrix([[1, 2]]); // => false
 */
export function isMatrix(value: unknown): value is Matrix {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Partial<Matrix>;
  return candidate.data instanceof Float64Array && typeof candidate.rows === 'number' && typeof candidate.cols === 'number';
}

function describeBad(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined (a hole or missing cell)';
  return `a value of type ${typeof value}`;
}

function notFinite(context: string, cell: string, value: number): SegmentkitError {
  const fix = Number.isNaN(value) ? 'impute or drop missing values first (see SimpleImputer)' : 'replace or clip infinite values first';
  return new SegmentkitError('E_NOT_FINITE', `${context}: ${cell} is ${describeBad(value)}; ${fix}`);
}

/**
 * Validate a {@link MatrixLike} and return it as a contiguous row-major {@link Matrix}.
 *
 * Arrays of rows are copied into a fresh `Float64Array`; a {@link Matrix} is validated and its buffer is used
 * as is (never written). The caller's data is never mutated.
 *
 * @param x - the table to convert
 * @param context - the calling function, used in error messages (e.g. `'KMeans.fit'`)
 * @throws {@link SegmentkitError} `E_EMPTY` for no rows or no columns, `E_SHAPE` for ragged rows or an
 *   inconsistent {@link Matrix}, `E_PARSE` for a non-number cell, `E_NOT_FINITE` for NaN/±Infinity.
 * @example
 * const m = toMatrix([[1, 2], [3, 4]], 'example');
 * [m.rows, m.cols, m.data[3]]; // => [2, 2, 4]
 */
export function toMatrix(x: MatrixLike, context: string, options: ToMatrixOptions = {}): Matrix {
  const where = typeof context === 'string' && context !== '' ? context : 'toMatrix';
  assertKnownOptions(where, options, ['name', 'allowNaN', 'allowEmpty']);
  const { name = 'X', allowNaN = false, allowEmpty = false } = options;
  if (typeof name !== 'string' || typeof allowNaN !== 'boolean' || typeof allowEmpty !== 'boolean') {
    throw new SegmentkitError('E_PARAM', `${where}: toMatrix options must be { name: string, allowNaN: boolean, allowEmpty: boolean }`);
  }
  return readMatrix(x, where, name, allowNaN, allowEmpty);
}

/**
 * @internal
 * {@link toMatrix} for a fit that checks a {@link Matrix}'s values itself on a pass over them it makes anyway
 * (KMeans.fit, while copying X; it calls {@link assertFiniteValues} when that pass finds anything but finite numbers):
 * the shape is validated here and arrays of rows are checked while they are copied, as always, but a Matrix's
 * values are not scanned a second time.
 */
export function toMatrixCheckingLater(x: MatrixLike, context: string, name: string): Matrix {
  return readMatrix(x, context, name, false, false, false);
}

function readMatrix(x: MatrixLike, context: string, name: string, allowNaN: boolean, allowEmpty: boolean, checkFinite = true): Matrix {
  if (isMatrix(x)) return validateMatrix(x, context, name, allowNaN, allowEmpty, checkFinite);
  if (!Array.isArray(x)) {
    const hint = ArrayBuffer.isView(x) ? ' (a flat typed array needs its shape: pass { data, rows, cols })' : '';
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: ${name} must be an array of rows or a { data: Float64Array, rows, cols } matrix, got ${describeBad(x)}${hint}`,
    );
  }
  const rows = x.length;
  if (rows === 0) {
    if (allowEmpty) return { data: new Float64Array(0), rows: 0, cols: 0 };
    throw new SegmentkitError('E_EMPTY', `${context}: ${name} has no rows; pass at least one row`);
  }
  const first = x[0];
  if (!isRowLike(first)) {
    throw new SegmentkitError('E_SHAPE', `${context}: ${name}[0] is ${describeBad(first)}, not a row; pass an array of rows (number[][])`);
  }
  const cols = first.length;
  if (cols === 0) throw new SegmentkitError('E_EMPTY', `${context}: ${name} has rows with no columns`);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i];
    if (!isRowLike(row)) {
      throw new SegmentkitError('E_SHAPE', `${context}: ${name}[${i}] is ${describeBad(row)}, not a row`);
    }
    if (row.length !== cols) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: ${name} is ragged: row ${i} has ${row.length} columns but row 0 has ${cols}; every row needs the same columns`,
      );
    }
    const offset = i * cols;
    for (let j = 0; j < cols; j++) {
      const value = row[j];
      if (typeof value !== 'number') {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: ${name}[${i}][${j}] is ${describeBad(value)}, not a number; convert the column to numbers first (Number(value)) or encode it (see OneHotEncoder)`,
        );
      }
      if (value - value !== 0 && !(allowNaN && Number.isNaN(value))) throw notFinite(context, `${name}[${i}][${j}]`, value);
      data[offset + j] = value;
    }
  }
  return { data, rows, cols };
}

function isRowLike(row: unknown): row is ArrayLike<number> {
  return Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView));
}

function validateMatrix(x: Matrix, context: string, name: string, allowNaN: boolean, allowEmpty: boolean, checkFinite: boolean): Matrix {
  const { data, rows, cols } = x;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0 || data.length !== rows * cols) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: ${name}.data has ${data.length} values but ${name}.rows × ${name}.cols = ${rows} × ${cols}`,
    );
  }
  if (rows === 0 && !allowEmpty) throw new SegmentkitError('E_EMPTY', `${context}: ${name} has no rows; pass at least one row`);
  if (cols === 0 && rows > 0) throw new SegmentkitError('E_EMPTY', `${context}: ${name} has rows with no columns`);
  if (checkFinite) assertFiniteValues(x, context, name, allowNaN);
  return { data, rows, cols };
}

/**
 * @internal
 * Throw `E_NOT_FINITE` for the first NaN or ±Infinity of `m` in row-major order (NaN passes when `allowNaN`),
 * naming its cell: the check {@link toMatrix} makes.
 */
export function assertFiniteValues(m: Matrix, context: string, name: string, allowNaN = false): void {
  const { data, cols } = m;
  for (let k = 0; k < data.length; k++) {
    const value = data[k]!;
    if (value - value !== 0 && !(allowNaN && Number.isNaN(value))) {
      const i = Math.floor(k / cols);
      throw notFinite(context, `${name}[${i}][${k - i * cols}]`, value);
    }
  }
}

/**
 * Copy a {@link Matrix} into an array of plain `number[]` rows (for printing or JSON).
 *
 * @throws {@link SegmentkitError} `E_SHAPE` for something that is not a consistent {@link Matrix}.
 * @example
 * matrixToArrays(toMatrix([[1, 2], [3, 4]], 'example')); // => [[1, 2], [3, 4]]
 */
export function matrixToArrays(m: Matrix): number[][] {
  requireShape(m, 'matrixToArrays');
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/**
 * A read-only-by-convention view (no copy) of row `i` of a {@link Matrix}.
 *
 * @throws {@link SegmentkitError} `E_SHAPE` for something that is not a consistent {@link Matrix}, `E_PARAM` for a row
 *   index that is not an integer in [0, rows).
 * @example
 * Array.from(matrixRow(toMatrix([[1, 2], [3, 4]], 'example'), 1)); // => [3, 4]
 */
export function matrixRow(m: Matrix, i: number): Float64Array {
  requireShape(m, 'matrixRow');
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= m.rows) {
    throw new SegmentkitError('E_PARAM', `matrixRow: i must be a row index, an integer in [0, ${m.rows}), got ${describeValue(i)}`);
  }
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** A {@link Matrix} whose buffer holds rows × cols values (any values: printing a matrix of NaN is fine). */
function requireShape(m: unknown, context: string): asserts m is Matrix {
  if (
    !isMatrix(m) ||
    !Number.isInteger(m.rows) ||
    !Number.isInteger(m.cols) ||
    m.rows < 0 ||
    m.cols < 0 ||
    m.data.length !== m.rows * m.cols
  ) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: m must be a { data: Float64Array, rows, cols } matrix with data.length = rows × cols, got ${describeValue(m)}`,
    );
  }
}
