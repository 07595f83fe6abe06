/**
 * @internal
 * A value as it should read in an error message: text quoted (and cut at 40 characters), numbers as they print
 * (`NaN`, `-Infinity`, never JSON's `null`), `null`/`undefined` by name, anything else by its type.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
  if (Array.isArray(value)) {
    const scalar = (v: unknown): boolean => v === null || ['number', 'string', 'boolean', 'undefined', 'bigint'].includes(typeof v);
    return value.length <= 6 && value.every(scalar) ? `[${value.map(describeValue).join(', ')}]` : 'an array';
  }
  return `a value of type ${typeof value}`;
}
