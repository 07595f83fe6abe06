import { DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { makeTransactions, rfmScore, rfmSql, rfmTable, type RfmTable } from 'segmentkit';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readTestData } from '../helpers/csv';

import { expectSegmentkitError } from '../helpers/expectError';

let connection: DuckDBConnection;

interface Row {
  customer: string | number;
  ts: number;
  amount: number;
  order?: string;
}

async function load(name: string, rows: Row[], idType: 'BIGINT' | 'VARCHAR'): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TABLE "${name}" ("customer id" ${idType}, "when" TIMESTAMP, "total ""net""" DOUBLE, "order" VARCHAR)`,
  );
  const appender = await connection.createAppender(name);
  for (const row of rows) {
    if (idType === 'BIGINT') appender.appendBigInt(BigInt(row.customer));
    else appender.appendVarchar(String(row.customer));
    appender.appendTimestamp(new DuckDBTimestampValue(BigInt(row.ts) * 1000n));
    appender.appendDouble(row.amount);
    if (row.order === undefined) appender.appendNull();
    else appender.appendVarchar(row.order);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

async function query(options: Parameters<typeof rfmSql>[0]): Promise<Record<string, unknown>[]> {
  const { sql, params } = rfmSql(options);
  const reader = await connection.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

function expectSame(sqlRows: Record<string, unknown>[], table: RfmTable, codes?: string[]): void {
  expect(sqlRows).toHaveLength(table.length);
  sqlRows.forEach((row, i) => {
    const expected = table[i]!;
    expect(typeof row.customer_id === 'bigint' ? Number(row.customer_id) : row.customer_id).toBe(expected.customerId);
    expect(Number(row.recency)).toBe(expected.recency);
    expect(Number(row.frequency)).toBe(expected.frequency);
    expect(row.monetary).toBeCloseTo(expected.monetary, 9);
    expect((row.last_purchase as Date).getTime()).toBe(expected.lastPurchase.getTime());
    expect((row.first_purchase as Date).getTime()).toBe(expected.firstPurchase.getTime());
    expect(Number(row.tenure_days)).toBe(expected.tenureDays);
    if (codes !== undefined) expect(row.rfm_code).toBe(codes[i]);
  });
}

const cdnow: Row[] = readTestData('cdnow/CDNOW_master.txt')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [customer, day, , value] = line.trim().split(/\s+/);
    return {
      customer: Number(customer),
      ts: Date.UTC(Number(day!.slice(0, 4)), Number(day!.slice(4, 6)) - 1, Number(day!.slice(6, 8))),
      amount: Number(value),
    };
  });
const synthetic: Row[] = makeTransactions({ nCustomers: 400, seed: 9 }).map((t, i) => ({
  customer: t.customerId,
  ts: t.timestamp.getTime(),
  amount: t.amount,
  order: `o${Math.floor(i / 2)}`,
}));

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  await load('cdnow', cdnow, 'BIGINT');
  await load('shop', synthetic, 'VARCHAR');
}, 60_000);
afterAll(() => connection.closeSync());

const base = { customerId: 'customer id', date: 'when', amount: 'total "net"' } as const;

describe('rfmSql runs in DuckDB and returns exactly rfmTable + rfmScore', () => {
  it('CDNOW (69,659 transactions, 23,570 customers): every row and every RFM code', async () => {
    const table = rfmTable(cdnow, { customerId: 'customer', date: 'ts', amount: 'amount', dateFormat: 'epoch-ms' });
    expectSame(
      await query({ ...base, table: 'cdnow' }),
      table,
      rfmScore(table).map((r) => r.rfmCode),
    );
    expectSame(
      await query({ ...base, table: 'cdnow', ties: 'first' }),
      table,
      rfmScore(table, { ties: 'first' }).map((r) => r.rfmCode),
    );
  });

  it('synthetic shop with text ids, refunds netted or excluded, orders, distinct days, a bound asOf and 3 bins', async () => {
    const fields = { customerId: 'customer', date: 'ts', amount: 'amount', dateFormat: 'epoch-ms' } as const;
    for (const variant of [
      {},
      { refunds: 'exclude' as const },
      { frequency: 'days' as const },
      { orderId: 'order' },
      { asOf: '2026-02-01' },
    ]) {
      const table = rfmTable(synthetic, { ...fields, ...variant });
      const sqlVariant = 'orderId' in variant ? { ...variant, orderId: 'order' } : variant;
      expectSame(
        await query({ ...base, table: 'shop', ...sqlVariant }),
        table,
        rfmScore(table).map((r) => r.rfmCode),
      );
    }
    const table = rfmTable(synthetic, fields);
    expectSame(
      await query({ ...base, table: ['main', 'shop'], bins: 3 }),
      table,
      rfmScore(table, { bins: 3 }).map((r) => r.rfmCode),
    );
    expectSame(
      await query({ ...base, table: 'shop', ties: 'first' }),
      table,
      rfmScore(table, { ties: 'first' }).map((r) => r.rfmCode),
    );
    const unscored = await query({ ...base, table: 'shop', bins: 0 });
    expect('rfm_code' in unscored[0]!).toBe(false);
  });
});

describe('rfmSql text', () => {
  it('quotes identifiers (embedded quotes doubled) and binds asOf instead of splicing it', () => {
    const { sql, params } = rfmSql({
      table: ['sales', 'tx"; DROP TABLE x; --'],
      customerId: 'id',
      date: 'd',
      amount: 'a',
      asOf: '2024-05-01',
    });
    expect(sql).toContain('FROM "sales"."tx""; DROP TABLE x; --"');
    expect(sql).not.toContain('2024-05-01');
    expect(params).toEqual(['2024-05-01 00:00:00.000']);
    expect(rfmSql({ table: 't', customerId: 'id', date: 'd', amount: 'a', dialect: 'postgres' }).sql).toContain('$1');
    expect(rfmSql({ table: 't', customerId: 'id', date: 'd', amount: 'a', dialect: 'postgres' }).sql).toContain('COLLATE "C"');
  });

  it('rejects bad identifiers and options', () => {
    expectSegmentkitError(() => rfmSql({ table: '', customerId: 'id', date: 'd', amount: 'a' }), 'E_PARAM', /table part 0/);
    expectSegmentkitError(() => rfmSql({ table: 't', customerId: 'a\u0000b', date: 'd', amount: 'a' }), 'E_PARAM', /customerId/);
    expectSegmentkitError(
      () => rfmSql({ table: 't', customerId: 'id', date: 'd', amount: 'a', refunds: 'error' as never }),
      'E_PARAM',
      /'net', 'exclude'/,
    );
    expectSegmentkitError(() => rfmSql({ table: 't', customerId: 'id', date: 'd', amount: 'a', asOf: 'yesterday' }), 'E_PARSE', /asOf/);
    expectSegmentkitError(() => rfmSql({ table: 't', customerId: 'id', date: 'd', amount: 'a', bins: 1 }), 'E_PARAM', /bins/);
  });
});
