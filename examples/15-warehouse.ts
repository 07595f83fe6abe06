// The warehouse, on the real Telco churn customers (7 043) in DuckDB embedded: the CSV is queried in place,
// a k-means model fitted here scores every customer in SQL (its feature pipeline included), the segments are
// compared with predict, and k-means is then trained inside DuckDB with fitKMeansSql (one aggregate query per
// iteration) and compared with KMeans from the same initial centroids.
import { DuckDBInstance } from '@duckdb/node-api';
import { featurePipeline, fitKMeansSql, KMeans, LogTransformer, OneHotEncoder, SimpleImputer, StandardScaler } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';

const file = 'test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv';
const customers = await readCsv(file, { missing: [' ', ''] });

// 1. fit a pipeline and k-means in the process
const pipeline = featurePipeline({
  numeric: {
    tenure: new StandardScaler(),
    MonthlyCharges: new StandardScaler(),
    TotalCharges: [new SimpleImputer({ strategy: 'median' }), new LogTransformer(), new StandardScaler()],
  },
  categorical: { Contract: new OneHotEncoder() },
}).fit(customers);
const X = pipeline.transform(customers).X;
const model = new KMeans({ nClusters: 4, seed: 7 }).fit(X);

// 2. the same customers as a DuckDB view over the CSV (TotalCharges is blank for brand-new customers)
const connection = await (await DuckDBInstance.create(':memory:')).connect();
await connection.run(
  `CREATE VIEW telco AS SELECT customerID, tenure, MonthlyCharges, TRY_CAST(TotalCharges AS DOUBLE) AS TotalCharges, Contract
   FROM read_csv('${file}', header = true, all_varchar = false)`,
);
const run = async (sql: string, params: unknown[]) =>
  (await connection.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];

// 3. score in SQL: the pipeline's steps and the nearest centroid, all inside DuckDB
const scoring = model.toSql({ dialect: 'duckdb', table: 'telco', id: 'customerID', pipeline });
console.log(`scoring SQL: ${scoring.sql.length} characters, ${scoring.params.length} bound parameters (the contract types)`);
const scored = await run(scoring.sql, scoring.params);
const byId = new Map(scored.map((row) => [row.customerID as string, Number(row.segment)]));
const predicted = model.predict(X);
const agree = customers.filter((c, i) => byId.get(c.customerID as string) === predicted[i]).length;
console.log(`SQL segments equal predict for ${agree} of ${customers.length} customers`);
if (agree !== customers.length) throw new Error('SQL scoring disagrees with predict');

// 4. train in SQL on the pipeline's features (a DuckDB table made by pipeline.toSql), from the same initial centroids as KMeans
const features = pipeline.toSql({ table: 'telco', id: 'customerID' });
await connection.run(`CREATE TABLE telco_features AS ${features.sql}`, features.params as never);
const init = Array.from({ length: 4 }, (_, j) => Array.from(X.data.subarray(j * X.cols, (j + 1) * X.cols)));
const started = performance.now();
const inDatabase = await fitKMeansSql(run, {
  table: 'telco_features',
  columns: [...pipeline.featureNames],
  nClusters: 4,
  init,
  id: 'customerID',
});
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const local = new KMeans({ nClusters: 4, init }).fit(X);
let worst = 0;
inDatabase.centroids.forEach((row, j) =>
  row.forEach((v, t) => {
    worst = Math.max(worst, Math.abs(v - local.centroids[j]![t]!) / Math.max(1, Math.abs(local.centroids[j]![t]!)));
  }),
);
// fitKMeansSql orders its labels by customerID; compare per customer
const order = customers.map((c, i) => [c.customerID as string, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const sameLabels = order.every(([, i], position) => inDatabase.labels[position] === local.labels[i]);
console.log(
  `fitKMeansSql: ${inDatabase.nIter} iterations in ${seconds} s (KMeans: ${local.nIter}); same labels: ${sameLabels}; largest relative centroid difference ${worst.toExponential(1)}`,
);
if (!sameLabels || worst > 1e-9) throw new Error('fitKMeansSql disagrees with KMeans');
console.log(`segment sizes: ${inDatabase.clusterSizes.join(', ')}`);
connection.closeSync();
