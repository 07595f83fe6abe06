import { isMissingNumber } from './missingCells';
import { parseDecimal } from './parseDecimal';

/**
 * @internal
 * Read one cell of a record as a number: numbers as they are (±Infinity included, for the caller to reject);
 * text that is entirely a decimal number (as read from a CSV, e.g. `' 12.50'`) converted by the same rule as
 * {@link parseCsv}; missing cells (`null`, `undefined`, `NaN`, blank text and the default missing markers such as
 * `'NA'`, see {@link DEFAULT_MISSING_MARKERS}) → `NaN`. Anything else → `undefined` (not a number).
 */
export function parseNumericCell(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    // decimal text is the common case: try it before the missing markers
    const number = parseDecimal(value);
    if (number !== undefined) return number;
  }
  return isMissingNumber(value) ? NaN : undefined;
}
