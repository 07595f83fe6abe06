// Real customers (the Mall Customers dataset): records → featurePipeline → k-means → segments in the
// customers' own units.
import { KMeans, OneHotEncoder, StandardScaler, featurePipeline } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';

const customers = await readCsv('test/data/mall_customers/Mall_Customers.csv');
console.log(`${customers.length} customers; columns: ${customers.report.columns.join(', ')}`);

const pipeline = featurePipeline({
  numeric: {
    'Annual Income (k$)': new StandardScaler(),
    'Spending Score (1-100)': new StandardScaler(),
    Age: new StandardScaler(),
  },
  categorical: { Gender: new OneHotEncoder({ drop: 'if_binary' }) },
}).fit(customers);
const { X, featureNames } = pipeline.transform(customers);
console.log(`${X.rows} customers, features: ${featureNames.join(', ')}`);

const model = new KMeans({ nClusters: 5, nInit: 10, seed: 3 }).fit(X);
const typical = pipeline.inverseTransformCentroids(model.centroids);
model.clusterSizes.forEach((size, j) => {
  const t = typical[j]!;
  console.log(
    `segment ${j}: ${String(size).padStart(3)} customers, income ${(t['Annual Income (k$)'] as number).toFixed(0)}k, ` +
      `spending score ${(t['Spending Score (1-100)'] as number).toFixed(0)}, age ${(t.Age as number).toFixed(0)}, mostly ${String(t.Gender)}`,
  );
});
