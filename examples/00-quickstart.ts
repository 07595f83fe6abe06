// The README quickstart, verbatim, so it can never rot (npm test runs every example).
import {
  KMeans,
  LogTransformer,
  StandardScaler,
  featurePipeline,
  makeTransactions,
  rfmScore,
  rfmSegments,
  rfmTable,
  silhouetteScore,
} from 'segmentkit';

const log = makeTransactions({ nCustomers: 1000, seed: 7 }); // or your own transaction records
const table = rfmTable(log); // recency, frequency, monetary per customer
const named = rfmSegments(rfmScore(table)); // Champions, Loyal Customers, At Risk, …
const logThenScale = [new LogTransformer(), new StandardScaler()]; // estimators hold no data: reusable
const pipeline = featurePipeline({ numeric: { frequency: logThenScale, monetary: logThenScale, recency: new StandardScaler() } }).fit(
  table,
);
const { X } = pipeline.transform(table);
const model = new KMeans({ nClusters: 4, seed: 42 }).fit(X); // exact to scikit-learn
console.log(named[0], pipeline.inverseTransformCentroids(model.centroids)); // typical customer per segment, in original units
console.log('silhouette', silhouetteScore(X, model.labels));
