// Scoring in SQL on real engines (DuckDB embedded, a throwaway PostgreSQL server) against predict, row for row;
// BigQuery / Snowflake / Spark SQL output parse-checked with node-sql-parser.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { GaussianMixture, KMeansModel, kmeans, type SqlQuery, type WarehouseDialect } from 'segmentkit';
import nodeSqlParser from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { duckdbExecutor, loadDuckdb, loadPostgres, num, postgresExecutor, type Executor } from '../helpers/warehouses';
import { COLUMNS, fitModels, makeCustomerTable, tableRows } from './scoringData';

const N = 100_000;
const customers = makeCustomerTable(N, 11);
const { pipeline, X, kmeansModel, gmm } = fitModels(customers);
// raw numeric columns (spend has NULLs) for the models scored without a pipeline
const rawColumns = ['visits', 'tenure', 'spend'];
const complete = customers.filter((c) => c.spend !== null);
const rawX = complete.map((c) => [c.visits, c.tenure, c.spend!]);
const rawFit = rawX.slice(0, 4000);

let duck: DuckDBConnection;
let postgres: PostgresServer | null = null;
const engines: { name: 'duckdb' | 'postgres'; run: () => Executor }[] = [
  { name: 'duckdb', run: () => duckdbExecutor(duck) },
  { name: 'postgres', run: () => postgresExecutor(postgres!.client) },
];

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await loadDuckdb(duck, 'customers', COLUMNS, tableRows(customers));
  postgres = await startPostgres();
  if (postgres !== null) await loadPostgres(postgres.client, 'customers', COLUMNS, tableRows(customers));
}, 120_000);
afterAll(async () => {
  duck?.closeSync();
  await postgres?.stop();
});

async function ordered(run: Executor, query: SqlQuery): Promise<Record<string, unknown>[]> {
  return run(`${query.sql}\nORDER BY "id"`, query.params);
}

function segments(rows: Record<string, unknown>[]): (number | null)[] {
  return rows.map((row) => num(row.segment));
}

describe.each(engines)('scoring 100 000 rows in $name equals predict row for row', ({ name, run }) => {
  const skip = (): boolean => {
    if (name === 'postgres' && postgres === null) {
      console.warn('PostgreSQL part skipped: no server binary available');
      return true;
    }
    return false;
  };

  it('k-means behind the feature pipeline (imputer, log, scaler, power, min-max, one-hot)', async () => {
    if (skip()) return;
    const query = kmeansModel.toSql({ dialect: name, table: 'customers', id: 'id', pipeline });
    expect(query.params.length).toBeGreaterThan(0); // the channel categories are bound, not spliced
    const rows = await ordered(run(), query);
    expect(rows).toHaveLength(N);
    expect(segments(rows)).toEqual(Array.from(kmeansModel.predict(X)));
  });

  it('pipeline.toSql gives the transformed features to 1e-12', async () => {
    if (skip()) return;
    const rows = await ordered(run(), pipeline.toSql({ dialect: name, table: 'customers', id: 'id' }));
    const names = pipeline.featureNames;
    let worst = 0;
    rows.forEach((row, i) => {
      names.forEach((feature, j) => {
        worst = Math.max(worst, Math.abs(Number(row[feature]) - X.data[i * X.cols + j]!));
      });
    });
    expect(worst).toBeLessThan(1e-12);
  });

  it('Gaussian mixture (full) behind the pipeline, with probabilities to 1e-9', async () => {
    if (skip()) return;
    const rows = await ordered(run(), gmm.toSql({ dialect: name, table: 'customers', id: 'id', pipeline, probabilities: true }));
    expect(segments(rows)).toEqual(Array.from(gmm.predict(X)));
    const proba = gmm.predictProba(X);
    let worst = 0;
    rows.forEach((row, i) => {
      for (let c = 0; c < gmm.nComponents; c++)
        worst = Math.max(worst, Math.abs(Number(row[`probability_${c}`]) - proba.data[i * proba.cols + c]!));
    });
    expect(worst).toBeLessThan(1e-9);
  });

  it.each(['full', 'tied', 'diag', 'spherical'] as const)(
    'Gaussian mixture (%s) on raw columns: NULL input → NULL segment',
    async (type) => {
      if (skip()) return;
      const model = new GaussianMixture({ nComponents: 3, covarianceType: type, seed: 4 }).fit(rawFit);
      const rows = await ordered(run(), model.toSql({ dialect: name, table: 'customers', id: 'id', columns: rawColumns }));
      const expected = model.predict(rawX);
      let next = 0;
      const got: (number | null)[] = [];
      const want: (number | null)[] = [];
      rows.forEach((row, i) => {
        got.push(num(row.segment));
        want.push(customers[i]!.spend === null ? null : expected[next++]!);
      });
      expect(got).toEqual(want);
    },
  );

  it('k-means on raw columns, ties to the lowest index exactly as predict', async () => {
    if (skip()) return;
    const fitted = kmeans(rawFit, { nClusters: 4, init: rawFit.slice(0, 4), maxIter: 5 });
    const rows = await ordered(run(), fitted.toSql({ dialect: name, table: 'customers', id: 'id', columns: rawColumns }));
    const expected = fitted.predict(rawX);
    let next = 0;
    expect(segments(rows)).toEqual(customers.map((c) => (c.spend === null ? null : expected[next++]!)));
    // exact ties: centroids 2, 0, 2 (and 0.1 + 0.2 against 0.3 + 0: not a tie in doubles)
    const json = fitted.toJSON();
    const tied = KMeansModel.fromJSON({ ...json, params: { ...json.params, nClusters: 3 }, centroids: [[2], [0], [2]], labels: [] });
    const probe = `SELECT * FROM (VALUES (1, 1.0), (2, 3.0), (3, -1.0), (4, 2.0), (5, NULL)) AS v("id", "x")`;
    const query = tied.toSql({ dialect: name, table: 'probe', id: 'id', columns: ['x'] });
    const got = await run()(`${query.sql.replace('FROM "probe"', `FROM (${probe}) AS p`)}\nORDER BY "id"`, query.params);
    expect(segments(got)).toEqual([...Array.from(tied.predict([[1], [3], [-1], [2]])), null]);
    expect(segments(got)).toEqual([0, 0, 1, 0, null]);
  });
});

describe('SQL text', () => {
  const parser = new nodeSqlParser.Parser();
  // node-sql-parser's grammars have no `?` marker: the markers are replaced by NULL before parsing
  const parse = (query: SqlQuery, database: string): void => {
    parser.astify(query.sql.replace(/\?/g, 'NULL'), { database });
  };

  it.each([
    ['bigquery', 'bigquery'],
    ['snowflake', 'snowflake'],
    ['spark', 'hive'],
  ] as const)('%s output parses (node-sql-parser, database %s)', (dialect, database) => {
    const table = ['analytics', 'customers'];
    expect(() => parse(kmeansModel.toSql({ dialect, table, id: 'id', pipeline }), database)).not.toThrow();
    expect(() => parse(gmm.toSql({ dialect, table, id: 'id', pipeline, probabilities: true }), database)).not.toThrow();
    expect(() => parse(pipeline.toSql({ dialect, table, id: ['id', 'channel'] }), database)).not.toThrow();
    for (const type of ['tied', 'diag', 'spherical'] as const) {
      const model = new GaussianMixture({ nComponents: 2, covarianceType: type, seed: 1 }).fit(rawFit.slice(0, 500));
      expect(() => parse(model.toSql({ dialect, table, columns: rawColumns }), database)).not.toThrow();
    }
  });

  it('quotes identifiers per dialect, escaping embedded quotes and backticks', () => {
    const model = kmeans(
      [
        [0, 0],
        [1, 1],
      ],
      {
        nClusters: 2,
        init: [
          [0, 0],
          [1, 1],
        ],
      },
    );
    const sql = (dialect: WarehouseDialect): string => model.toSql({ dialect, table: 'my table', columns: ['a"b', 'a`b'], id: 'c\\d' }).sql;
    expect(sql('duckdb')).toContain('CAST("a""b" AS DOUBLE)');
    expect(sql('duckdb')).toContain('CAST("a`b" AS DOUBLE)');
    expect(sql('postgres')).toContain('CAST("a""b" AS DOUBLE PRECISION)');
    expect(sql('snowflake')).toContain('FROM "my table"');
    expect(sql('bigquery')).toContain('CAST(`a\\`b` AS FLOAT64)');
    expect(sql('bigquery')).toContain('`c\\\\d`');
    expect(sql('spark')).toContain('CAST(`a``b` AS DOUBLE)');
    expect(sql('spark')).toContain('CAST(`a"b` AS DOUBLE)');
  });

  it('columns named a"b and a`b score in DuckDB', async () => {
    const model = kmeans(
      [
        [0, 0],
        [1, 1],
      ],
      {
        nClusters: 2,
        init: [
          [0, 0],
          [1, 1],
        ],
      },
    );
    await duck.run(`CREATE OR REPLACE TABLE "odd ""names""" ("a""b" DOUBLE, "a\`b" DOUBLE, "i""d" INTEGER)`);
    await duck.run(`INSERT INTO "odd ""names""" VALUES (0.1, 0.2, 1), (0.9, 0.8, 2)`);
    const query = model.toSql({ table: 'odd "names"', columns: ['a"b', 'a`b'], id: 'i"d' });
    const rows = await duckdbExecutor(duck)(`${query.sql} ORDER BY 1`, query.params);
    expect(rows.map((r) => [Number(r['i"d']), Number(r.segment)])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('writes the model numbers as exact literals (0.1 + 0.2, 1e-300, the largest double)', async () => {
    const values = [0.1 + 0.2, 1e-300, 1.7976931348623157e308, -5e-324, 123456789.12345679];
    const json = kmeans([values.map(() => 0)], { nClusters: 1, init: [values.map(() => 0)], maxIter: 1 }).toJSON();
    const model = KMeansModel.fromJSON({ ...json, centroids: [values] });
    const { sql } = model.toSql({ table: 't', columns: values.map((_, j) => `c${j}`) });
    expect(sql).toContain('CAST(3.0000000000000004e-1 AS DOUBLE)');
    expect(sql).toContain('CAST(1e-300 AS DOUBLE)');
    expect(sql).toContain('CAST(1.7976931348623157e308 AS DOUBLE)');
    const literals = [...sql.matchAll(/CAST\((-?[0-9.]+e-?[0-9]+) AS DOUBLE\)/g)].map((m) => m[1]!);
    for (const engine of engines) {
      if (engine.name === 'postgres' && postgres === null) continue;
      const cast = (x: string): string => (engine.name === 'postgres' ? `CAST(${x} AS DOUBLE PRECISION)` : `CAST(${x} AS DOUBLE)`);
      const rows = await engine.run()(`SELECT ${literals.map((x, i) => `${cast(x)} AS "v${i}"`).join(', ')}`, []);
      for (const value of values) expect(Object.values(rows[0]!).map(Number)).toContain(value);
    }
  });

  it('refuses bad options with E_PARAM / E_SHAPE naming the fix', () => {
    expectSegmentkitError(() => kmeansModel.toSql({ table: 't', columns: ['a', 'b'] }), 'E_SHAPE', /fitted on/);
    expectSegmentkitError(() => kmeansModel.toSql({ table: 't' }), 'E_PARAM', /columns is required/);
    expectSegmentkitError(() => kmeansModel.toSql({ table: 't', dialect: 'mysql' as never, pipeline }), 'E_PARAM', /dialect/);
    expectSegmentkitError(() => kmeansModel.toSql({ table: 't', pipeline, columns: ['a'] }), 'E_PARAM', /not both/);
    expectSegmentkitError(() => kmeansModel.toSql({ table: 't', pipeline, colums: ['a'] } as never), 'E_PARAM', /did you mean 'columns'/);
    expectSegmentkitError(() => kmeansModel.toSql({ table: '', pipeline }), 'E_PARAM', /table/);
    expectSegmentkitError(() => gmm.toSql({ table: 't', pipeline, id: 'segment' }), 'E_PARAM', /output column/);
    expectSegmentkitError(() => gmm.toSql({ table: 't', pipeline, probabilities: 'yes' as never }), 'E_PARAM', /probabilities/);
    expectSegmentkitError(() => gmm.toSql({ table: 't', columns: ['a'] }), 'E_SHAPE', /fitted on/);
  });
});
