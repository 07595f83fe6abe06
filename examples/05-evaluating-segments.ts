// How many segments, and would they survive a re-run? chooseK tabulates every criterion for k = 2 … 8 on the
// synthetic customers' behaviour, recommends a k with its reason, and clusterStability refits on resamples to
// check that the segments are real rather than artefacts of this sample.
import {
  KMeans,
  LogTransformer,
  StandardScaler,
  adjustedRandScore,
  chooseK,
  clusterStability,
  contingencyMatrix,
  featurePipeline,
  makeCustomers,
  makeTransactions,
  rfmTable,
  silhouetteScore,
} from 'segmentkit';
import { formatTable } from './lib/formatTable';

const options = { nCustomers: 2000, seed: 42 };
const log = makeTransactions(options);
const archetypes = makeCustomers(options).map((c) => c.archetype);

// behavioural features per customer: heavy tails logged, everything standardised (as in the demo)
const behaviour = rfmTable(log, { refunds: 'exclude' }).map((row) => ({
  ...row,
  activeDays: (row.lastPurchase.getTime() - row.firstPurchase.getTime()) / 86_400_000,
}));
const pipeline = featurePipeline({
  numeric: {
    frequency: [new LogTransformer(), new StandardScaler()],
    monetary: [new LogTransformer(), new StandardScaler()],
    recency: new StandardScaler(),
    activeDays: [new LogTransformer(), new StandardScaler()],
    monetaryMean: [new LogTransformer(), new StandardScaler()],
  },
}).fit(behaviour);
const { X, featureNames } = pipeline.transform(behaviour);
console.log(`${X.rows} customers, features: ${featureNames.join(', ')}\n`);

// 1. choosing k: one row per k, every criterion, and the recommendation with its reason
const choice = chooseK(X, { kMin: 2, kMax: 8, seed: 7 });
console.log('chooseK (k-means, 3 starts per k):');
console.log(
  formatTable(
    ['k', 'inertia', 'silhouette ↑', 'Calinski–Harabasz ↑', 'Davies–Bouldin ↓', 'gap ↑', 'gap s.e.', 'BIC ↓', 'sizes'],
    choice.rows.map((r) => [
      r.k,
      r.inertia!.toFixed(0),
      r.silhouette!.toFixed(3),
      r.calinskiHarabasz!.toFixed(0),
      r.daviesBouldin!.toFixed(3),
      r.gap!.toFixed(3),
      r.gapStdErr!.toFixed(3),
      r.bic!.toFixed(0),
      r.sizes.join('/'),
    ]),
  ),
);
console.log(
  `\nelbow of the inertia curve (Kneedle): ${choice.elbow ?? 'none'}; gap statistic (one-standard-error rule): ${choice.gapK ?? 'none'}`,
);
console.log(`recommended: ${choice.reason}\n`);

// 2. stability: refit on 20 resamples of 80 % of the customers
const k = choice.recommendedK;
const fit = (rows: typeof X) => new KMeans({ nClusters: k, nInit: 3, seed: 7 }).fit(rows);
const stability = clusterStability(X, fit, { nBootstrap: 20, sampleFraction: 0.8, seed: 1 });
console.log(`clusterStability, k = ${k}: ${stability.summary}`);
console.log(
  formatTable(
    ['segment', 'customers', 'mean Jaccard', 'dissolved', 'recovered', 'verdict'],
    stability.segments.map((s) => [
      String(s.label),
      s.size,
      s.meanJaccard.toFixed(3),
      `${s.dissolved}/${s.resamples}`,
      `${s.recovered}/${s.resamples}`,
      s.verdict,
    ]),
  ),
);

// 3. against the hidden truth (only a synthetic data set has one)
const labels = stability.labels as number[];
console.log(
  `\nsilhouette ${silhouetteScore(X, labels).toFixed(3)}; adjusted Rand index against the archetypes ${adjustedRandScore(archetypes, labels).toFixed(3)}`,
);
const table = contingencyMatrix(archetypes, labels);
console.log(
  formatTable(
    ['archetype', ...table.colLabels.map((l) => `segment ${l}`)],
    table.map((row, r) => [String(table.rowLabels[r]), ...row]),
  ),
);
