const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * @internal
 * Read one cell of a record as a number: numbers as they are (±Infinity included, for the caller to reject);
 * text that is entirely a decimal number (as read from a CSV, e.g. `' 12.50'`) converted; `null`, `undefined`,
 * `''` and `NaN` → `NaN` (missing). Anything else → `undefined` (not a number).
 */
export function parseNumericCell(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined || value === '') return NaN;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  return undefined;
}
