// rfmTable throughput and memory: from an in-memory array, from a streamed iterable of batches, and the same
// aggregation pushed down to DuckDB with rfmSql.
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';
import { makeTransactions, type Transaction } from '../src/datasets/makeTransactions';
import { rfmScore } from '../src/rfm/rfmScore';
import { rfmSql } from '../src/rfm/rfmSql';
import { rfmTable } from '../src/rfm/rfmTable';
import { ms, type BenchSection } from './lib/harness';

const CUSTOMERS_PER_CHUNK = 5_000;

/** Synthetic transactions, generated chunk by chunk (customer ids prefixed by chunk), never all in memory. */
function* chunks(nCustomers: number): Generator<Transaction[]> {
  for (let chunk = 0; chunk * CUSTOMERS_PER_CHUNK < nCustomers; chunk++) {
    const size = Math.min(CUSTOMERS_PER_CHUNK, nCustomers - chunk * CUSTOMERS_PER_CHUNK);
    yield makeTransactions({ nCustomers: size, seed: `bench-${chunk}` }).map((t) => ({
      ...t,
      customerId: `${String(chunk).padStart(4, '0')}-${t.customerId}`,
    }));
  }
}

function heldBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export default async function rfmBench(): Promise<BenchSection[]> {
  const rows: (string | number)[][] = [];
  // the synthetic shop averages ~29 transactions per customer
  for (const nCustomers of [35_000, 345_000]) {
    // streamed: generation time is excluded by timing only rfmTable's own work per batch
    gc();
    const base = heldBytes();
    let peak = base;
    let streamMs = 0;
    let transactions = 0;
    function* timed(): Generator<Transaction[]> {
      for (const batch of chunks(nCustomers)) {
        transactions += batch.length;
        // collect first so the sample shows what rfmTable retains, not the generator's garbage
        gc();
        peak = Math.max(peak, heldBytes());
        const t0 = performance.now();
        yield batch;
        streamMs += performance.now() - t0;
      }
    }
    const streamed = rfmTable(timed());
    peak = Math.max(peak, heldBytes());
    const label = `${(transactions / 1e6).toFixed(1)} M transactions, ${streamed.length.toLocaleString('en-US')} customers`;
    console.log(`  ${label}`);

    // in memory: the whole log as one array
    gc();
    const all: Transaction[] = [];
    for (const batch of chunks(nCustomers)) for (const t of batch) all.push(t);
    const t0 = performance.now();
    const fromArray = rfmTable(all);
    const arrayMs = performance.now() - t0;
    const t1 = performance.now();
    rfmScore(fromArray);
    const scoreMs = performance.now() - t1;

    // DuckDB: load once (not timed), then time the query
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run('CREATE TABLE tx (customer VARCHAR, ts TIMESTAMP, amount DOUBLE)');
    const appender = await connection.createAppender('tx');
    for (const t of all) {
      appender.appendVarchar(t.customerId);
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(t.timestamp.getTime()) * 1000n));
      appender.appendDouble(t.amount);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    all.length = 0;
    const { sql, params } = rfmSql({ table: 'tx', customerId: 'customer', date: 'ts', amount: 'amount' });
    await connection.run('SET threads = 1');
    const t2 = performance.now();
    const result = await connection.runAndReadAll(sql, params as never);
    const duckMs = performance.now() - t2;
    const sameCount = result.currentRowCount === fromArray.length;
    connection.closeSync();

    const perCustomer = (peak - base) / streamed.length;
    rows.push([
      label,
      'rfmTable, array',
      ms(arrayMs),
      `${(((transactions / arrayMs) * 1000) / 1e6).toFixed(2)} M/s`,
      '—',
      `rfmScore on the table: ${ms(scoreMs)}`,
    ]);
    rows.push([
      label,
      'rfmTable, streamed batches',
      ms(streamMs),
      `${(((transactions / streamMs) * 1000) / 1e6).toFixed(2)} M/s`,
      `${((peak - base) / 2 ** 20).toFixed(0)} MiB (${perCustomer.toFixed(0)} B per customer)`,
      'retained memory above the start, sampled after a GC between batches (includes the current batch)',
    ]);
    rows.push([
      label,
      'rfmSql in DuckDB 1.5 (1 thread)',
      ms(duckMs),
      `${(((transactions / duckMs) * 1000) / 1e6).toFixed(2)} M/s`,
      '—',
      `table + scores; same customer count: ${sameCount ? 'yes' : 'NO'}`,
    ]);
  }
  return [
    {
      id: 'rfm',
      title: 'RFM table: in memory, streamed, and pushed down to DuckDB',
      description:
        "makeTransactions logs generated in chunks of 5,000 customers (~29 transactions each). Array: one rfmTable call over all records. Streamed: an iterable of batches, timing only rfmTable's work. DuckDB: the rfmSql query (table and quintile scores) on the same rows, loaded beforehand. One run each.",
      header: ['data', 'contender', 'time', 'throughput', 'peak memory', 'notes'],
      rows,
    },
  ];
}
