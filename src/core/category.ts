import { isMissingValue } from '../core/missingCells';

// Shared by the categorical encoders: reading a table of categories column by column (one type per column,
// missing values rejected), the category order, and the validation of category lists given by the caller or
// read back from JSON.

/**
 * One categorical value: a string, a finite number or a boolean. A column holds one of the three types.
 *
 * @example
 * new OrdinalEncoder().fit([[true], [false]]).categories; // => [[false, true]]
 */
export type Category = string | number | boolean;

/** @internal The type of the values in one column. */
export type CategoryKind = 'string' | 'number' | 'boolean';

/** @internal Whether `value` is a missing category: `null`, `undefined`, `NaN` or blank text (`''`, `' '`). */
export function isMissing(value: unknown): boolean {
  return isMissingValue(value);
}

/** @internal The type of a category value, or `undefined` for anything that is not one. */
export function categoryKind(value: unknown): CategoryKind | undefined {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? (type as CategoryKind) : undefined;
}

/** @internal A category as it reads in a message: strings quoted, numbers and booleans as they print. */
export function describeCategory(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return `a value of type ${typeof value}${Array.isArray(value) ? ' (an array)' : ''}`;
}

/**
 * @internal
 * Order of categories of one type: numbers numerically, strings by UTF-16 code unit (plain `<`), booleans
 * false before true.
 */
export function compareCategories(a: Category, b: Category): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}
