import { describeValue } from '../core/describeValue';
import type { FittedTransformer } from './Transformer';
import { parseNumericCell } from '../core/parseNumericCell';
import { isSegmentkitError, SegmentkitError } from '../core/SegmentkitError';
import { compareCategories, isMissing, type Category } from '../core/category';
import type { OneHotEncoderModel } from './OneHotEncoderModel';
import type { OrdinalEncoderModel } from './OrdinalEncoderModel';

export interface NumericBlock {
  readonly column: string;
  readonly steps: readonly FittedTransformer[];
}

export interface CategoricalBlock {
  readonly column: string;
  /** The category missing values become, or null when missing values are an error. */
  readonly fill: Category | null;
  readonly encoder: OneHotEncoderModel | OrdinalEncoderModel;
}

export function numericColumn(values: ArrayLike<unknown>, name: string, context: string, allowMissing: boolean): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = parseNumericCell(values[i]);
    if (value === undefined) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${i}, column '${name}' is ${describeValue(values[i])}, not a number; if that text marks a missing value, make it null (parseCsv's missing option does this for a file), or if the column holds categories, list it under categorical`,
      );
    }
    if (Number.isNaN(value) && !allowMissing) {
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: row ${i}, column '${name}' is missing; start its steps with new SimpleImputer(...)`,
      );
    }
    if (value === Infinity || value === -Infinity)
      throw new SegmentkitError('E_NOT_FINITE', `${context}: row ${i}, column '${name}' is ${value}`);
    out[i] = value;
  }
  return out;
}

export function categoricalColumn(values: ArrayLike<unknown>, fill: Category | null, name: string, context: string): unknown[][] {
  const out: unknown[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      if (fill === null) {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: row ${i}, column '${name}' is missing; put new SimpleImputer({ strategy: 'most_frequent' }) before its encoder`,
        );
      }
      out[i] = [fill];
    } else out[i] = [value];
  }
  return out;
}

/**
 * @internal
 * Run one step on a single column and, if it refuses a cell, say which column: the steps see a one-column
 * matrix, so their messages speak of `X[i][0]` and `column 0`; the user's data calls it by its name.
 */
export function inColumn<T>(column: string, context: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!isSegmentkitError(error)) throw error;
    const message = error.message
      .replace(/^[\w.]+: /, `${context}: `)
      .replace(/X\[(\d+)\]\[0\] \(row \d+, column 0\)/g, `row $1, column '${column}'`)
      .replace(/X\[(\d+)\]\[0\]/g, `row $1, column '${column}'`)
      .replace(/\bcolumn 0\b/g, `column '${column}'`);
    throw new SegmentkitError(error.code, message, { cause: error });
  }
}

/**
 * @internal The most frequent non-missing category of a column (a categorical imputer's fill), ties to the
 * smallest category in sort order as scikit-learn's `SimpleImputer(strategy='most_frequent')`.
 */
export function mostFrequentCategory(values: ArrayLike<unknown>, name: string, context: string): Category {
  const counts = new Map<Category, number>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) continue;
    counts.set(value as Category, (counts.get(value as Category) ?? 0) + 1);
  }
  if (counts.size === 0)
    throw new SegmentkitError('E_EMPTY', `${context}: column '${name}' has no values to learn the most frequent category from`);
  // ties → the smallest category in sort order, as scikit-learn
  return [...counts].sort((a, b) => b[1] - a[1] || compareCategories(a[0], b[0]))[0]![0];
}
