// fitKMeansSql on real engines (DuckDB embedded, a throwaway PostgreSQL server) against in-process KMeans.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fitKMeansSql, KMeans, makeBlobs, type KMeansModel } from 'segmentkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { duckdbExecutor, loadDuckdb, loadPostgres, postgresExecutor, type Executor } from '../helpers/warehouses';

const N = 100_000;
const blobs = makeBlobs({ nSamples: N, nFeatures: 4, centers: 5, clusterStd: 1.5, seed: 8 });
const rows = Array.from({ length: N }, (_, i) => [i, ...Array.from(blobs.X.data.subarray(i * 4, i * 4 + 4))]);
const columns = [
  { name: 'row id', type: 'BIGINT' as const },
  ...['a', 'b"q', 'c`d', 'e'].map((name) => ({ name, type: 'DOUBLE' as const })),
];
const features = ['a', 'b"q', 'c`d', 'e'];
const init = [0, 1, 2, 3, 4].map((i) => Array.from(blobs.X.data.subarray(i * 4, i * 4 + 4)));

let duck: DuckDBConnection;
let postgres: PostgresServer | null = null;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await loadDuckdb(duck, 'points', columns, rows);
  postgres = await startPostgres();
  if (postgres !== null) await loadPostgres(postgres.client, 'points', columns, rows);
}, 120_000);
afterAll(async () => {
  duck?.closeSync();
  await postgres?.stop();
});

function expectClose(actual: readonly (readonly number[])[], expected: readonly (readonly number[])[]): void {
  actual.forEach((row, j) =>
    row.forEach((v, t) => {
      const e = expected[j]![t]!;
      expect(Math.abs(v - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
    }),
  );
}

const engines: { name: 'duckdb' | 'postgres'; run: () => Executor }[] = [
  { name: 'duckdb', run: () => duckdbExecutor(duck) },
  { name: 'postgres', run: () => postgresExecutor(postgres!.client) },
];

describe.each(engines)('fitKMeansSql in $name', ({ name, run }) => {
  const skip = (): boolean => {
    if (name === 'postgres' && postgres === null) {
      console.warn('PostgreSQL part skipped: no server binary available');
      return true;
    }
    return false;
  };

  it('equals KMeans from the same initial centroids: labels, centroids (1e-9 relative), nIter, inertia', async () => {
    if (skip()) return;
    const events: number[] = [];
    const sql = await fitKMeansSql(run(), {
      dialect: name,
      table: 'points',
      columns: features,
      nClusters: 5,
      init,
      id: 'row id',
      onProgress: (e) => events.push(e.changed),
    });
    const local = new KMeans({ nClusters: 5, init, algorithm: 'lloyd' }).fit(blobs.X);
    expect(Array.from(sql.labels)).toEqual(Array.from(local.labels));
    expectClose(sql.centroids, local.centroids);
    expect(sql.nIter).toBe(local.nIter);
    expect(sql.converged).toBe(local.converged);
    expect(sql.inertia).toBeCloseTo(local.inertia, 6);
    expect(events).toHaveLength(sql.nIter);
    expect(events[0]).toBe(N);
    expect(sql.predict(blobs.X)).toEqual(local.predict(blobs.X));
  });

  it('stops at maxIter like KMeans (relabelled with the final centroids), and keeps labels in the database on request', async () => {
    if (skip()) return;
    const options = { dialect: name, table: 'points', columns: features, nClusters: 5, init, maxIter: 2 } as const;
    const sql = await fitKMeansSql(run(), { ...options, id: 'row id' });
    const local = new KMeans({ nClusters: 5, init, maxIter: 2, algorithm: 'lloyd' }).fit(blobs.X);
    expect(sql.converged).toBe(false);
    expect(Array.from(sql.labels)).toEqual(Array.from(local.labels));
    expectClose(sql.centroids, local.centroids);
    const lean = await fitKMeansSql(run(), { ...options, labels: false });
    expect(lean.labels).toHaveLength(0);
    expectClose(lean.centroids, local.centroids);
  });

  it('k-means++ on a seeded hash sample is deterministic, and relocates an empty cluster as KMeans', async () => {
    if (skip()) return;
    const options = { dialect: name, table: 'points', columns: features, nClusters: 5, seed: 7, sampleSize: 2000, labels: false } as const;
    const a: KMeansModel = await fitKMeansSql(run(), options);
    const b = await fitKMeansSql(run(), { ...options, id: 'row id' });
    const c = await fitKMeansSql(run(), { ...options, id: 'row id' });
    expect(a.seed).toBe(7);
    expect(b.centroids).toEqual(c.centroids);
    expect(a.inertia).toBeLessThan(1.2 * new KMeans({ nClusters: 5, seed: 1 }).fit(blobs.X).inertia);
    // a centroid far from every row loses all rows in the first step and takes the farthest row
    const far = [...init.slice(0, 4), [1e6, 1e6, 1e6, 1e6]];
    const sql = await fitKMeansSql(run(), { dialect: name, table: 'points', columns: features, nClusters: 5, init: far, id: 'row id' });
    const local = new KMeans({ nClusters: 5, init: far, algorithm: 'lloyd' }).fit(blobs.X);
    expect(Array.from(sql.labels)).toEqual(Array.from(local.labels));
    expectClose(sql.centroids, local.centroids);
  });
});

describe('fitKMeansSql options', () => {
  const run = (): Executor => duckdbExecutor(duck);
  it('refuses bad options, checks init and aborts', async () => {
    const base = { table: 'points', columns: features, nClusters: 5 };
    await expect(fitKMeansSql(run(), { ...base, init: [[1, 2]] })).rejects.toMatchObject({ code: 'E_PARAM' });
    await expect(fitKMeansSql(run(), { ...base, nClusters: 1, init: [[1, 2]] })).rejects.toMatchObject({ code: 'E_SHAPE' });
    await expect(fitKMeansSql(run(), { ...base, dialect: 'oracle' as never })).rejects.toThrow(/dialect/);
    await expect(fitKMeansSql(run(), { ...base, maxIters: 3 } as never)).rejects.toThrow(/did you mean 'maxIter'/);
    await expect(fitKMeansSql(run(), { ...base, nClusters: 200_000 })).rejects.toMatchObject({ code: 'E_PARAM' });
    const controller = new AbortController();
    controller.abort();
    await expect(fitKMeansSql(run(), { ...base, signal: controller.signal })).rejects.toMatchObject({ code: 'E_ABORTED' });
  });

  it('refuses NaN and Infinity in the table with E_NOT_FINITE', async () => {
    await duck.run(`CREATE OR REPLACE TABLE bad AS SELECT * FROM (VALUES (1.0), (CAST('nan' AS DOUBLE)), (3.0)) AS v(x)`);
    await expect(fitKMeansSql(run(), { table: 'bad', columns: ['x'], nClusters: 2 })).rejects.toMatchObject({ code: 'E_NOT_FINITE' });
  });
});
