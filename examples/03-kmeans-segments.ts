// k-means on customer features: fit, inspect, predict new customers, save and reload.
import { KMeans, KMeansModel, MiniBatchKMeans, makeBlobs } from 'segmentkit';

// three behavioural groups in two standardised features (e.g. log orders, log average basket)
const { X, labels: truth } = makeBlobs({
  nSamples: 3000,
  centers: [
    [-1.5, 0],
    [1, 1.5],
    [1, -1.5],
  ],
  clusterStd: 0.5,
  seed: 4,
});

const model = new KMeans({ nClusters: 3, seed: 42 }).fit(X, {
  onProgress: ({ iteration, changed }) => console.log(`iteration ${iteration}: ${changed} customers changed segment`),
});
console.log(model); // KMeansModel { nClusters: 3, …, sizes: [...] }
console.log(
  'centroids:',
  model.centroids.map((c) => c.map((v) => v.toFixed(2))),
);
console.log(`distances computed: ${model.stats.distanceEvaluations} of ${model.stats.lloydDistanceEvaluations} (Lloyd)`);

// agreement with the generating groups (a full cross-tab; the metrics module will give ARI directly)
const table = new Map<string, number>();
model.labels.forEach((label, i) => table.set(`${truth[i]}→${label}`, (table.get(`${truth[i]}→${label}`) ?? 0) + 1));
console.log('truth→segment counts:', Object.fromEntries(table));

// new customers, and a model saved as JSON and loaded back (validated)
console.log(
  'new customers:',
  Array.from(
    model.predict([
      [-1.4, 0.2],
      [1.1, 1.4],
    ]),
  ),
);
const restored = KMeansModel.fromJSON(JSON.parse(JSON.stringify(model)));
console.log(
  'restored model predicts the same:',
  restored.predict(X).every((label, i) => label === model.labels[i]),
);

// the mini-batch variant for large or streaming data
const mini = new MiniBatchKMeans({ nClusters: 3, batchSize: 256, seed: 42 }).fit(X);
console.log(`mini-batch inertia ${mini.inertia.toFixed(1)} vs full ${model.inertia.toFixed(1)} after ${mini.nSteps} steps`);
