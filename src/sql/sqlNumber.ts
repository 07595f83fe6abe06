import { SegmentkitError } from '../core/SegmentkitError';
import { doubleType, type WarehouseDialect } from './sqlDialect';

/**
 * @internal
 * A finite double as a SQL literal that reads back as exactly the same double: the shortest round-trip digits
 * (`toExponential()` without an argument), always in scientific notation so every engine parses it as a
 * floating-point (or exactly as a decimal) value and never truncates it, then cast to the dialect's double type:
 * `0.1 + 0.2` → `CAST(3.0000000000000004e-1 AS DOUBLE)`. Only the model's own validated numbers are written this
 * way; anything else is refused (`E_NOT_FINITE`).
 */
export function sqlNumber(value: number, dialect: WarehouseDialect): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SegmentkitError('E_NOT_FINITE', `toSql: a model number is ${String(value)}; only finite numbers are written into SQL`);
  }
  const digits = (value === 0 ? 0 : value).toExponential().replace('e+', 'e');
  return `CAST(${digits} AS ${doubleType(dialect)})`;
}

/** @internal A non-negative integer literal (a count, a limit, a label), validated by the caller. */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new SegmentkitError('E_PARAM', `toSql: ${String(value)} is not an integer`);
  return String(value);
}
