// Executors and table loaders for the SQL tests: DuckDB embedded (@duckdb/node-api) and a PostgreSQL client.
import type { DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';

export type Cell = number | string | null;
export type ColumnType = 'DOUBLE' | 'VARCHAR' | 'BIGINT';
export type Executor = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

export function duckdbExecutor(connection: DuckDBConnection): Executor {
  return async (sql, params) => (await connection.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];
}

export function postgresExecutor(client: pg.Client): Executor {
  return async (sql, params) => (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[];
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function loadDuckdb(
  connection: DuckDBConnection,
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  rows: readonly (readonly Cell[])[],
): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE ${quote(table)} (${columns.map((c) => `${quote(c.name)} ${c.type}`).join(', ')})`);
  const appender = await connection.createAppender(table);
  for (const row of rows) {
    row.forEach((cell, j) => {
      const type = columns[j]!.type;
      if (cell === null) appender.appendNull();
      else if (type === 'DOUBLE') appender.appendDouble(cell as number);
      else if (type === 'BIGINT') appender.appendBigInt(BigInt(cell));
      else appender.appendVarchar(String(cell));
    });
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

export async function loadPostgres(
  client: pg.Client,
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  rows: readonly (readonly Cell[])[],
): Promise<void> {
  const pgType = (t: ColumnType): string => (t === 'DOUBLE' ? 'DOUBLE PRECISION' : t === 'BIGINT' ? 'BIGINT' : 'TEXT');
  await client.query(`DROP TABLE IF EXISTS ${quote(table)}`);
  await client.query(`CREATE TABLE ${quote(table)} (${columns.map((c) => `${quote(c.name)} ${pgType(c.type)}`).join(', ')})`);
  const chunk = 20_000;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const arrays = columns.map((c, j) =>
      part.map((row) => {
        const cell = row[j]!;
        // text keeps every double exactly (shortest round-trip digits); pg sends numbers the same way
        return cell === null ? null : c.type === 'DOUBLE' ? String(cell) : String(cell);
      }),
    );
    await client.query(
      `INSERT INTO ${quote(table)} SELECT * FROM unnest(${columns.map((c, j) => `$${j + 1}::${pgType(c.type)}[]`).join(', ')})`,
      arrays,
    );
  }
}

/** A number from a driver value (pg returns BIGINT and COUNT as strings, DuckDB BIGINT as bigint). */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}
