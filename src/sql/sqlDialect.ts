import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { requireOneOf } from '../core/validateOptions';

/**
 * The warehouses segmentkit writes scoring and training SQL for. DuckDB and PostgreSQL are executed in
 * segmentkit's tests; BigQuery, Snowflake and Spark SQL are generated and parse-checked only.
 */
export type WarehouseDialect = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark';

/**
 * Every {@link WarehouseDialect}, in documentation order.
 *
 * @example
 * WAREHOUSE_DIALECTS.includes('bigquery'); // => true
 */
export const WAREHOUSE_DIALECTS: readonly WarehouseDialect[] = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'];

/** A value bound to a parameter marker (never spliced into the SQL text). */
export type SqlValue = string | number | boolean | null;

/** A query and its positional parameters: bind them (`?` markers, or `$1…` for Postgres). */
export interface SqlQuery {
  /** One SQL statement. */
  readonly sql: string;
  /** Positional parameters for its markers, in order (`$n` is `params[n − 1]`). */
  readonly params: SqlValue[];
}

const IDENTIFIER_LIMIT = 128;

/** @internal Read the `dialect` option (default DuckDB). */
export function readDialect(context: string, value: unknown): WarehouseDialect {
  return requireOneOf(context, 'dialect', value ?? 'duckdb', WAREHOUSE_DIALECTS);
}

/**
 * @internal
 * Quote one identifier for a dialect: double quotes with embedded quotes doubled (DuckDB, Postgres, Snowflake);
 * backticks for BigQuery (embedded backticks and backslashes escaped with a backslash) and Spark (embedded
 * backticks doubled). Empty names, NUL characters and names over 128 characters are refused (`E_PARAM`).
 */
export function quoteName(name: unknown, dialect: WarehouseDialect, context: string, what: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > IDENTIFIER_LIMIT || name.includes('\u0000')) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${what} must be a non-empty name of at most ${IDENTIFIER_LIMIT} characters without NUL, got ${describeValue(name)}`,
    );
  }
  if (dialect === 'bigquery') return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
  if (dialect === 'spark') return `\`${name.replace(/`/g, '``')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

/** @internal A table name, or its qualified parts (`['schema', 'table']`), quoted part by part. */
export function quoteTable(table: unknown, dialect: WarehouseDialect, context: string): string {
  if (typeof table !== 'string' && !Array.isArray(table)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: table must be a table name or its parts (['schema', 'table']), got ${describeValue(table)}`,
    );
  }
  const parts: unknown[] = typeof table === 'string' ? [table] : [...(table as unknown[])];
  if (parts.length === 0) throw new SegmentkitError('E_PARAM', `${context}: table is required (a name or ['schema', 'table'])`);
  return parts.map((part, i) => quoteName(part, dialect, context, parts.length === 1 ? 'table' : `table part ${i}`)).join('.');
}

/** @internal A list of column names (non-empty, each a valid identifier), as given. */
export function readColumns(context: string, name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a non-empty array of column names, got ${describeValue(value)}`);
  }
  return value.map((column, i) => {
    if (typeof column !== 'string' || column.length === 0) {
      throw new SegmentkitError('E_PARAM', `${context}: ${name}[${i}] must be a column name, got ${describeValue(column)}`);
    }
    return column;
  });
}

/** @internal The dialect's 64-bit floating-point type. */
export function doubleType(dialect: WarehouseDialect): string {
  return dialect === 'postgres' ? 'DOUBLE PRECISION' : dialect === 'bigquery' ? 'FLOAT64' : 'DOUBLE';
}

/** @internal The dialect's text type (for hashing keys). */
export function textType(dialect: WarehouseDialect): string {
  return dialect === 'postgres' ? 'TEXT' : dialect === 'bigquery' || dialect === 'spark' ? 'STRING' : 'VARCHAR';
}

/**
 * @internal
 * `AS` or `AS MATERIALIZED` for a CTE: Postgres inlines a CTE used once into its reader, which repeats every
 * feature expression in every distance (no common-subexpression elimination), so its CTEs are materialised.
 */
export function cteAs(dialect: WarehouseDialect): string {
  return dialect === 'postgres' ? 'AS MATERIALIZED' : 'AS';
}
