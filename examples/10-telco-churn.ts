// A customer table (IBM Telco churn, 7 043 customers) from CSV to segments in the customers' own units, with
// churn per segment; then drift between newer and longer-standing customers, which way each column moved.
import { KMeans, LogTransformer, OneHotEncoder, SimpleImputer, StandardScaler, driftReport, featurePipeline } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';
import { formatTable } from './lib/formatTable';

const customers = await readCsv('test/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
// TotalCharges is blank (' ') for the 11 customers of month 0: read as missing, not as text
console.log(
  `${customers.length} customers; TotalCharges is ${customers.report.types.TotalCharges} with ${customers.report.missing.TotalCharges} missing`,
);

const scaled = [new LogTransformer(), new StandardScaler()];
const pipeline = featurePipeline({
  numeric: {
    tenure: new StandardScaler(),
    MonthlyCharges: new StandardScaler(),
    TotalCharges: [new SimpleImputer({ strategy: 'median' }), ...scaled],
  },
  categorical: { Contract: new OneHotEncoder(), InternetService: new OneHotEncoder() },
}).fit(customers);
const { X, featureNames } = pipeline.transform(customers);
console.log(`features: ${featureNames.join(', ')}`);

const model = new KMeans({ nClusters: 4, nInit: 10, seed: 7 }).fit(X);
const typical = pipeline.inverseTransformCentroids(model.centroids);
const churned = new Array<number>(4).fill(0);
model.labels.forEach((label, i) => {
  if (customers[i]!.Churn === 'Yes') churned[label]!++;
});
console.log(
  formatTable(
    ['segment', 'customers', 'months with us', 'monthly charge ($)', 'total charges ($)', 'contract', 'internet', 'churn %'],
    model.clusterSizes.map((size, j) => {
      const t = typical[j]!;
      return [
        `#${j}`,
        size,
        t.tenure as number,
        t.MonthlyCharges as number,
        t.TotalCharges as number,
        String(t.Contract),
        String(t.InternetService),
        (100 * churned[j]!) / size,
      ];
    }),
    1,
  ),
);

// drift: customers of the last 30 months against those who stayed longer (numeric text is compared as numbers)
const report = driftReport(
  customers.filter((c) => (c.tenure as number) >= 30),
  customers.filter((c) => (c.tenure as number) < 30),
);
console.log(
  `\nskipped: ${report.skipped.map((c) => `${c.column} (${c.reason})`).join(', ')}; ${report.nDrifted} of ${report.nColumns} columns drifted`,
);
console.log(
  formatTable(
    ['column', 'test', 'statistic', 'drifted', 'which way'],
    report.columns
      .filter((c) => c.drifted)
      .map((c) => [
        c.column,
        c.test,
        c.statistic ?? 0,
        'yes',
        c.type === 'numeric'
          ? `${c.direction}: median ${c.referenceMedian} → ${c.currentMedian}`
          : `+${c.gained.map((g) => `${String(g.category)} ${(100 * g.change).toFixed(1)} pt`).join(', ')}; ${c.lost.map((g) => `${String(g.category)} ${(100 * g.change).toFixed(1)} pt`).join(', ')}`,
      ]),
    3,
  ),
);
