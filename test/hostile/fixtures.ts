// Valid inputs for the hostile-input sweep: small, so a fit on them takes milliseconds, and fresh on every call,
// so a call that mutates its input cannot hide behind a shared fixture. Hostile values replace one argument (or
// one option) of these at a time (see registry.ts).
import {
  AgglomerativeClustering,
  DBSCAN,
  DriftMonitor,
  featurePipeline,
  GaussianMixture,
  KMeans,
  LogTransformer,
  MaxAbsScaler,
  MinMaxScaler,
  MiniBatchKMeans,
  OneHotEncoder,
  OrdinalEncoder,
  PCA,
  PowerTransformer,
  RobustScaler,
  rfmScore,
  rfmSegments,
  rfmTable,
  SimpleImputer,
  StandardScaler,
  Winsorizer,
} from 'segmentkit';

/** Three tight blobs of three rows in two columns. */
export function rows(): number[][] {
  return [
    [0, 0],
    [0.1, 0.2],
    [0.2, 0.1],
    [5, 5],
    [5.1, 5.2],
    [5.2, 5.1],
    [10, 0],
    [10.1, 0.2],
    [10.2, 0.1],
  ];
}

/** The blob of each row of {@link rows}. */
export function labels(): number[] {
  return [0, 0, 0, 1, 1, 1, 2, 2, 2];
}

/** A second labelling of the same rows (one row moved). */
export function otherLabels(): number[] {
  return [0, 0, 1, 1, 1, 1, 2, 2, 2];
}

/** Positive values (Box–Cox, logs). */
export function positiveRows(): number[][] {
  return [[1], [2], [3], [5], [8], [13], [21], [34]];
}

/** A categorical table. */
export function categories(): string[][] {
  return [
    ['gold', 'EU'],
    ['silver', 'US'],
    ['gold', 'US'],
    ['bronze', 'EU'],
  ];
}

/** A small transaction log (three customers, a refund). */
export function transactions(): { customerId: string; timestamp: string; amount: number; category: string; channel: string }[] {
  return [
    { customerId: 'a', timestamp: '2024-01-05T10:00:00Z', amount: 20, category: 'home', channel: 'web' },
    { customerId: 'a', timestamp: '2024-02-05T12:00:00Z', amount: 30, category: 'food', channel: 'app' },
    { customerId: 'b', timestamp: '2024-02-10T09:00:00Z', amount: 5, category: 'food', channel: 'web' },
    { customerId: 'c', timestamp: '2024-03-01T18:00:00Z', amount: 50, category: 'home', channel: 'store' },
    { customerId: 'c', timestamp: '2024-03-02T18:00:00Z', amount: -50, category: 'home', channel: 'store' },
    { customerId: 'c', timestamp: '2024-03-03T19:00:00Z', amount: 70, category: 'toys', channel: 'store' },
    { customerId: 'd', timestamp: '2024-03-04T08:00:00Z', amount: 15, category: 'toys', channel: 'web' },
  ];
}

/** Customer records for a feature pipeline or a drift report. */
export function customers(): { spend: number | null; visits: number; channel: string }[] {
  return [
    { spend: 120, visits: 3, channel: 'web' },
    { spend: null, visits: 1, channel: 'store' },
    { spend: 40, visits: 2, channel: 'web' },
    { spend: 75, visits: 5, channel: 'app' },
    { spend: 10, visits: 1, channel: 'web' },
    { spend: 60, visits: 4, channel: 'store' },
  ];
}

/** A later batch of the same customers. */
export function laterCustomers(): { spend: number | null; visits: number; channel: string }[] {
  return [
    { spend: 150, visits: 4, channel: 'web' },
    { spend: 90, visits: 2, channel: 'app' },
    { spend: 20, visits: 1, channel: 'app' },
    { spend: 80, visits: 6, channel: 'web' },
  ];
}

/** The fitted models the model methods are called on, built once (models are frozen, so sharing is safe). */
export const models = {
  kmeans: lazy(() => new KMeans({ nClusters: 3, seed: 1 }).fit(rows())),
  miniBatch: lazy(() => new MiniBatchKMeans({ nClusters: 3, batchSize: 4, seed: 1 }).fit(rows())),
  gmm: lazy(() => new GaussianMixture({ nComponents: 3, seed: 1 }).fit(rows())),
  gmmDiag: lazy(() => new GaussianMixture({ nComponents: 2, covarianceType: 'diag', seed: 1 }).fit(rows())),
  dbscan: lazy(() => new DBSCAN({ eps: 0.5, minSamples: 2 }).fit(rows())),
  agglomerative: lazy(() => new AgglomerativeClustering({ nClusters: 3 }).fit(rows())),
  pca: lazy(() => new PCA({ nComponents: 2 }).fit(rows())),
  standard: lazy(() => new StandardScaler().fit(rows())),
  minMax: lazy(() => new MinMaxScaler().fit(rows())),
  robust: lazy(() => new RobustScaler().fit(rows())),
  maxAbs: lazy(() => new MaxAbsScaler().fit(rows())),
  log: lazy(() => new LogTransformer().fit(rows())),
  power: lazy(() => new PowerTransformer().fit(rows())),
  boxCox: lazy(() => new PowerTransformer({ method: 'box-cox' }).fit(positiveRows())),
  imputer: lazy(() =>
    new SimpleImputer().fit([
      [1, Number.NaN],
      [3, 4],
      [5, 6],
    ]),
  ),
  winsorizer: lazy(() => new Winsorizer().fit(rows())),
  oneHot: lazy(() => new OneHotEncoder().fit(categories())),
  ordinal: lazy(() => new OrdinalEncoder().fit(categories())),
  pipeline: lazy(() =>
    featurePipeline({
      numeric: {
        spend: [new SimpleImputer({ strategy: 'median' }), new LogTransformer(), new StandardScaler()],
        visits: new MinMaxScaler(),
      },
      categorical: { channel: new OneHotEncoder() },
    }).fit(customers()),
  ),
  monitor: lazy(() => DriftMonitor.fromReference(customers())),
  rfm: lazy(() => rfmTable(transactions())),
};

/** Rows of rfmTable, rfmScore and rfmSegments (fresh plain copies: the functions must not write to them). */
export function rfmRows(): object[] {
  return rfmTable(transactions()).map((row) => ({ ...row }));
}

export function scoredRows(): object[] {
  return rfmScore(rfmTable(transactions()), { bins: 2 }).map((row) => ({ ...row }));
}

export function segmentedRows(): object[] {
  return rfmSegments(rfmScore(rfmTable(transactions()), { bins: 2 })).map((row) => ({ ...row }));
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
