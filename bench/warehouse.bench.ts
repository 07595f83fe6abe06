// The warehouse: scoring 10 M rows inside DuckDB with model.toSql, and fitKMeansSql on 10 M × 8 in DuckDB
// against pulling the same rows into the process and fitting there (time and peak memory of this process).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { KMeans } from '../src/cluster/kmeans/KMeans';
import { fitKMeansSql } from '../src/sql/fitKMeansSql';
import { ms, type BenchSection } from './lib/harness';

const ROWS = 10_000_000;
const D = 8;
const K = 8;

/** Peak RSS of this process while `fn` runs (sampled every 20 ms), and its wall time. */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMiB: number; result: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ms: performance.now() - started, peakMiB: (peak - base) / 2 ** 20, result };
  } finally {
    clearInterval(timer);
  }
}

/** 10 M × 8 rows around 8 centres, generated inside DuckDB from a seeded hash of the row number. */
async function makeTable(connection: DuckDBConnection): Promise<void> {
  const columns = Array.from(
    { length: D },
    (_, t) =>
      // centre (row % 8) · 10 in coordinate t, plus a uniform offset in [−5, 5) from a hash of (row, t)
      `CAST((i % ${K}) * 10 * ((${t} + i % ${K}) % 3) AS DOUBLE) + (hash(i, ${t}, 2026) % 1000000) / 100000.0 - 5 AS x${t}`,
  );
  await connection.run(`CREATE OR REPLACE TABLE points AS SELECT i AS id, ${columns.join(', ')} FROM range(${ROWS}) AS r(i)`);
}

export default async function warehouseBench(): Promise<BenchSection[]> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const run = async (sql: string, params: unknown[]) =>
    (await connection.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];
  console.log('  generating 10 M × 8 in DuckDB');
  await makeTable(connection);
  const columns = Array.from({ length: D }, (_, t) => `x${t}`);
  const init = (await run(`SELECT ${columns.join(', ')} FROM points ORDER BY id LIMIT ${K}`, [])).map((row) =>
    columns.map((c) => Number(row[c])),
  );
  const rows: (string | number)[][] = [];

  console.log('  fitKMeansSql in DuckDB');
  const inDatabase = await measure(() => fitKMeansSql(run, { table: 'points', columns, nClusters: K, init, labels: false, maxIter: 50 }));
  rows.push([
    'fitKMeansSql (each Lloyd step one DuckDB aggregate)',
    ms(inDatabase.ms),
    `${inDatabase.peakMiB.toFixed(0)} MiB`,
    `${inDatabase.result.nIter} iterations`,
  ]);

  console.log('  load into the process + KMeans');
  const inProcess = await measure(async () => {
    const reader = await connection.runAndReadAll(`SELECT ${columns.join(', ')} FROM points ORDER BY id`);
    const data = new Float64Array(ROWS * D);
    const chunkColumns = reader.getColumnsJS() as number[][];
    for (let t = 0; t < D; t++) {
      const column = chunkColumns[t]!;
      for (let i = 0; i < ROWS; i++) data[i * D + t] = column[i]!;
    }
    return new KMeans({ nClusters: K, init, maxIter: 50 }).fit({ data, rows: ROWS, cols: D });
  });
  rows.push([
    'load the rows into the process, then KMeans (Hamerly)',
    ms(inProcess.ms),
    `${inProcess.peakMiB.toFixed(0)} MiB`,
    `${inProcess.result.nIter} iterations`,
  ]);

  console.log('  scoring 10 M rows in DuckDB');
  const model = inDatabase.result;
  const query = model.toSql({ table: 'points', columns, id: 'id' });
  const scoring = await measure(async () => {
    await connection.run(`CREATE OR REPLACE TABLE segments AS ${query.sql}`);
    return (await run('SELECT COUNT(*) AS n FROM segments', []))[0];
  });
  rows.push([
    'model.toSql: CREATE TABLE segments AS … (10 M rows scored inside DuckDB)',
    ms(scoring.ms),
    `${scoring.peakMiB.toFixed(0)} MiB`,
    '',
  ]);
  connection.closeSync();
  return [
    {
      id: 'warehouse',
      title: 'The warehouse: k-means trained and scored inside DuckDB',
      description:
        "10 000 000 × 8 rows around 8 centres generated inside DuckDB (seeded hash of the row number), k = 8 from the first 8 rows as initial centroids, at most 50 iterations. Peak memory is the growth of this process's RSS (sampled every 20 ms; DuckDB embedded runs in-process, so its buffers count too). Scoring writes the segments to a DuckDB table.",
      header: ['contender', 'time', 'peak memory', 'notes'],
      rows,
      notes: ['fitKMeansSql sends one aggregate query per iteration; only k × d sums come back.'],
    },
  ];
}
