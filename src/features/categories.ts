import { checkModel, type JsonObject } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { categoryKind, compareCategories, describeCategory, isMissing, type Category, type CategoryKind } from '../core/category';

/**
 * A table of categories: rows × columns, as read from a CSV or a list of records. Cells are checked when an
 * encoder reads them: strings, finite numbers or booleans, one type per column, no missing values.
 *
 * @example
 * const X: CategoricalTable = [['gold', 'EU'], ['silver', 'US'], ['gold', 'US']];
 * new OneHotEncoder().fit(X).nOutputs; // => 4
 */
export type CategoricalTable = ReadonlyArray<ReadonlyArray<unknown>>;

/** @internal A validated categorical table, stored column by column (`columns[j][i]` is row i of column j). */
export interface CategoricalColumns {
  readonly rows: number;
  readonly cols: number;
  readonly columns: readonly (readonly Category[])[];
  readonly kinds: readonly CategoryKind[];
}

const KIND_PLURAL: Record<CategoryKind, string> = { string: 'strings', number: 'numbers', boolean: 'booleans' };

const MISSING_FIX = "impute first: SimpleImputer({ strategy: 'most_frequent' }) or 'constant'";

function describeCell(value: unknown): string {
  if (typeof value === 'string') return `the string ${describeCategory(value)}`;
  if (typeof value === 'number') return `the number ${describeCategory(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  return describeCategory(value);
}

/** @internal A short list of categories for messages. */
export function listCategories(categories: readonly Category[], limit = 6): string {
  const shown = categories.slice(0, limit).map(describeCategory).join(', ');
  return categories.length > limit ? `${shown}, … (${categories.length} in all)` : shown;
}

function isRowLike(row: unknown): row is ArrayLike<unknown> {
  return Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView));
}

/**
 * @internal
 * Read a categorical table column by column, checking every cell. With `fittedKinds`, the table must have
 * that many columns and each column the type it had in fit.
 *
 * @throws {@link SegmentkitError} `E_EMPTY` for no rows or no columns, `E_SHAPE` for something that is not a
 *   table, ragged rows or (with `fittedKinds`) a wrong column count, `E_PARSE` for a missing value, a value that
 *   is not a category, or a column mixing types, `E_NOT_FINITE` for ±Infinity.
 */
export function readCategoricalTable(X: CategoricalTable, context: string, fittedKinds?: readonly CategoryKind[]): CategoricalColumns {
  if (!Array.isArray(X)) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: X must be an array of rows (one array of categories per row), got ${describeCategory(X)}`,
    );
  }
  const rows = X.length;
  if (rows === 0) throw new SegmentkitError('E_EMPTY', `${context}: X has no rows; pass at least one row`);
  const first: unknown = X[0];
  if (!isRowLike(first)) {
    throw new SegmentkitError('E_SHAPE', `${context}: X[0] is ${describeCategory(first)}, not a row; pass an array of rows`);
  }
  const cols = first.length;
  if (cols === 0) throw new SegmentkitError('E_EMPTY', `${context}: X has rows with no columns`);
  if (fittedKinds !== undefined && cols !== fittedKinds.length) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: X has ${cols} columns but the encoder was fitted on ${fittedKinds.length}; pass the same features in the same order`,
    );
  }
  const columns: Category[][] = Array.from({ length: cols }, () => new Array<Category>(rows));
  const kinds: CategoryKind[] = fittedKinds === undefined ? [] : [...fittedKinds];
  for (let i = 0; i < rows; i++) {
    const row: unknown = X[i];
    if (!isRowLike(row)) throw new SegmentkitError('E_SHAPE', `${context}: X[${i}] is ${describeCategory(row)}, not a row`);
    if (row.length !== cols) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: X is ragged: row ${i} has ${row.length} columns but row 0 has ${cols}; every row needs the same columns`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const value = row[j];
      if (isMissing(value)) {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: X[${i}][${j}] (row ${i}, column ${j}) is ${describeCell(value)}, a missing value; ${MISSING_FIX}`,
        );
      }
      const kind = categoryKind(value);
      if (kind === undefined) {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: X[${i}][${j}] (row ${i}, column ${j}) is ${describeCell(value)}, not a category; pass strings, finite numbers or booleans (convert dates with String(value))`,
        );
      }
      if (kind === 'number' && !Number.isFinite(value)) {
        throw new SegmentkitError(
          'E_NOT_FINITE',
          `${context}: X[${i}][${j}] (row ${i}, column ${j}) is ${String(value)}; replace or clip infinite values first`,
        );
      }
      const expected = kinds[j];
      if (expected === undefined) {
        kinds[j] = kind;
      } else if (kind !== expected) {
        const source = fittedKinds === undefined ? `X[0][${j}] is one` : 'the encoder was fitted on them';
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: X[${i}][${j}] (row ${i}, column ${j}) is ${describeCell(value)} but column ${j} holds ${KIND_PLURAL[expected]} (${source}); one type per column: convert it first (${expected === 'string' ? 'String(value)' : expected === 'number' ? 'Number(value)' : "value === 'true'"})`,
        );
      }
      // -0 and 0 are one category (as in numpy); keep the positive zero.
      columns[j]![i] = value === 0 ? 0 : (value as Category);
    }
  }
  return { rows, cols, columns, kinds };
}

/** @internal Map from category to its index in `categories`. */
export function indexCategories(categories: readonly Category[]): Map<Category, number> {
  const index = new Map<Category, number>();
  categories.forEach((category, k) => index.set(category, k));
  return index;
}

/** @internal The distinct values of a column in category order, with how often each occurs. */
export function uniqueWithCounts(column: readonly Category[]): { categories: Category[]; counts: number[] } {
  const counts = new Map<Category, number>();
  for (const value of column) counts.set(value, (counts.get(value) ?? 0) + 1);
  const categories = [...counts.keys()].sort(compareCategories);
  return { categories, counts: categories.map((c) => counts.get(c)!) };
}

/** @internal How often each of `categories` occurs in `column` (values outside `categories` are not counted). */
export function countCategories(column: readonly Category[], categories: readonly Category[]): number[] {
  const index = indexCategories(categories);
  const counts = new Array<number>(categories.length).fill(0);
  for (const value of column) {
    const k = index.get(value);
    if (k !== undefined) counts[k]!++;
  }
  return counts;
}

/**
 * @internal
 * What is wrong with a list of categories for one column, or `undefined` if nothing: it must be a non-empty
 * array of distinct categories of one type (no missing values), and numbers and booleans must be sorted
 * ascending (as scikit-learn requires); strings may come in any order, which is then the encoding order.
 */
export function categoryListProblem(list: unknown, name: string): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return `${name} must be a non-empty array of categories`;
  const kind = categoryKind(list[0]);
  for (let k = 0; k < list.length; k++) {
    const value: unknown = list[k];
    if (isMissing(value)) return `${name}[${k}] is ${describeCell(value)}, a missing value; categories cannot be missing`;
    const valueKind = categoryKind(value);
    if (valueKind === undefined) return `${name}[${k}] is ${describeCell(value)}, not a category (strings, finite numbers or booleans)`;
    if (valueKind === 'number' && !Number.isFinite(value)) return `${name}[${k}] is ${String(value)}; categories must be finite`;
    if (valueKind !== kind)
      return `${name}[${k}] is ${describeCell(value)} but ${name}[0] is one of the ${KIND_PLURAL[kind!]}; one type per column`;
  }
  const seen = new Set<unknown>();
  for (let k = 0; k < list.length; k++) {
    if (seen.has(list[k])) return `${name}[${k}] repeats the category ${describeCategory(list[k])}; list each category once`;
    seen.add(list[k]);
  }
  if (kind !== 'string') {
    for (let k = 1; k < list.length; k++) {
      if (compareCategories(list[k - 1] as Category, list[k] as Category) > 0) {
        return `${name} must be sorted ascending for ${KIND_PLURAL[kind!]} (${name}[${k}] = ${describeCategory(list[k])} comes after ${describeCategory(list[k - 1])}); only string categories may be given in a custom order`;
      }
    }
  }
  return undefined;
}

/** @internal The type of the (validated) category list. */
export function listKind(list: readonly Category[]): CategoryKind {
  return categoryKind(list[0])!;
}

/**
 * @internal
 * Validate the `categories` option of an encoder: `'auto'` (or absent) or one list per column. Returns a
 * frozen deep copy (or `'auto'`).
 *
 * @throws {@link SegmentkitError} `E_PARAM` naming the malformed list or value.
 */
export function readCategoriesOption(context: string, value: unknown): 'auto' | readonly (readonly Category[])[] {
  if (value === undefined || value === 'auto') return 'auto';
  if (!Array.isArray(value) || value.length === 0) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: categories must be 'auto' or one array of categories per column, got ${describeCategory(value)}`,
    );
  }
  return Object.freeze(
    value.map((list: unknown, j) => {
      const problem = categoryListProblem(list, `categories[${j}]`);
      if (problem !== undefined) throw new SegmentkitError('E_PARAM', `${context}: ${problem}`);
      return Object.freeze((list as Category[]).map((c) => (c === 0 ? 0 : c)));
    }),
  );
}

/**
 * @internal
 * Check categories given in the options against the table read in fit: one list per column, of the column's type.
 *
 * @throws {@link SegmentkitError} `E_SHAPE` for a wrong number of lists, `E_PARAM` for a type mismatch.
 */
export function checkGivenCategories(context: string, given: readonly (readonly Category[])[], kinds: readonly CategoryKind[]): void {
  if (given.length !== kinds.length) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: categories has ${given.length} lists but X has ${kinds.length} columns; give one list per column (or categories: 'auto')`,
    );
  }
  given.forEach((list, j) => {
    const kind = listKind(list);
    if (kind !== kinds[j]) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: categories[${j}] holds ${KIND_PLURAL[kind]} but column ${j} of X holds ${KIND_PLURAL[kinds[j]!]}; give the categories in the column's type`,
      );
    }
  });
}

/**
 * @internal
 * The error for a category not seen in fit (or not in the given categories), naming row, column, value and fix.
 */
export function unknownCategoryError(
  context: string,
  i: number,
  j: number,
  value: Category,
  known: readonly Category[],
  fix: string,
): SegmentkitError {
  return new SegmentkitError(
    'E_PARAM',
    `${context}: X[${i}][${j}] (row ${i}, column ${j}) is ${describeCategory(value)}, a category unknown to column ${j} (known: ${listCategories(known)}); ${fix}`,
  );
}

/**
 * @internal
 * The input feature names for `featureNames`: the given names (one string per column) or `x0, x1, …`.
 *
 * @throws {@link SegmentkitError} `E_SHAPE` for a wrong count, `E_PARAM` for a name that is not a string.
 */
export function inputFeatureNames(context: string, nFeatures: number, inputNames: readonly string[] | undefined): string[] {
  if (inputNames === undefined) return Array.from({ length: nFeatures }, (_, j) => `x${j}`);
  if (!Array.isArray(inputNames) || inputNames.length !== nFeatures) {
    const got = Array.isArray(inputNames) ? `${inputNames.length} names` : describeCategory(inputNames);
    throw new SegmentkitError('E_SHAPE', `${context}: inputNames must have one name per input column (${nFeatures}), got ${got}`);
  }
  inputNames.forEach((name: unknown, j) => {
    if (typeof name !== 'string')
      throw new SegmentkitError('E_PARAM', `${context}: inputNames[${j}] must be a string, got ${describeCategory(name)}`);
  });
  return [...inputNames];
}

/** @internal The `categories` field of a serialised encoder: one valid category list per column. */
export function readCategoryLists(object: JsonObject, context: string): Category[][] {
  const value = object.categories;
  checkModel(Array.isArray(value) && value.length > 0, context, 'categories must be a non-empty array of category lists');
  return (value as unknown[]).map((list, j) => {
    const problem = categoryListProblem(list, `categories[${j}]`);
    checkModel(problem === undefined, context, problem ?? '');
    return [...(list as Category[])];
  });
}
