// Valid inputs for the hostile-input sweep: small, so a fit on them takes milliseconds, and fresh on every call,
// so a call that mutates its input cannot hide behind a shared fixture. Hostile values replace one argument (or
// one option) of these at a time (see registry.ts).
import {
  AgglomerativeClustering,
  BetaGeoBetaBinomFitter,
  BetaGeoFitter,
  calibrationHoldout,
  chooseK,
  customerLifetimeValue,
  DBSCAN,
  DecisionTreeClassifier,
  driftReport,
  DriftMonitor,
  featurePipeline,
  GammaGammaFitter,
  GaussianMixture,
  KMeans,
  LogTransformer,
  MaxAbsScaler,
  MinMaxScaler,
  MiniBatchKMeans,
  ModifiedBetaGeoFitter,
  OneHotEncoder,
  OrdinalEncoder,
  PCA,
  ParetoNBDFitter,
  PowerTransformer,
  profileSegments,
  RobustScaler,
  rfmScore,
  rfmSegments,
  rfmTable,
  SimpleImputer,
  StandardScaler,
  segmentComposition,
  segmentExperiment,
  segmentTransitions,
  explainSegments,
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

const betaGeo = lazy(() => new BetaGeoFitter({ penalizer: 0.01 }).fit(valueRows()));
const gammaGamma = lazy(() => new GammaGammaFitter().fit(spendRows()));

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
  // customer value: a small penalty keeps the fits on eight customers fast and their estimates moderate
  betaGeo,
  paretoNBD: lazy(() => new ParetoNBDFitter({ penalizer: 0.01 }).fit(valueRows())),
  modifiedBetaGeo: lazy(() => new ModifiedBetaGeoFitter({ penalizer: 0.01 }).fit(valueRows())),
  betaGeoBetaBinom: lazy(() => new BetaGeoBetaBinomFitter({ penalizer: 0.01 }).fit(valueRows())),
  gammaGamma,
  clv: lazy(() => customerLifetimeValue(betaGeo(), gammaGamma(), valueRows(), { horizon: 4, labels: [0, 0, 1, 1, 0, 1, 1, 0] })),
  // explain, experiments, privacy: their result objects and the methods on them
  tree: lazy(() => new DecisionTreeClassifier({ maxDepth: 3, seed: 1 }).fit(rows(), labels())),
  profile: lazy(() => profileSegments(customers(), [0, 0, 1, 1, 0, 1])),
  explanation: lazy(() => explainSegments(rows(), labels())),
  transitions: lazy(() => segmentTransitions(assignmentBefore(), assignmentAfter())),
  experiment: lazy(() => segmentExperiment(experimentRecords(), EXPERIMENT_OPTIONS)),
  composition: lazy(() => segmentComposition(labels(), attribute())),
  chooseK: lazy(() => chooseK(rows(), { kMin: 2, kMax: 4, seed: 1, methods: ['silhouette', 'daviesBouldin'] })),
  drift: lazy(() => driftReport(customers(), laterCustomers())),
};

/** Customer summaries in lifetimes' conventions (whole periods, so the discrete BG/BB model takes them too). */
export function valueRows(): { frequency: number; recency: number; T: number; monetaryValue: number }[] {
  return [
    { frequency: 2, recency: 6, T: 10, monetaryValue: 12 },
    { frequency: 0, recency: 0, T: 10, monetaryValue: 0 },
    { frequency: 4, recency: 9, T: 10, monetaryValue: 20 },
    { frequency: 1, recency: 2, T: 8, monetaryValue: 8 },
    { frequency: 5, recency: 5, T: 10, monetaryValue: 11 },
    { frequency: 3, recency: 4, T: 10, monetaryValue: 15 },
    { frequency: 1, recency: 1, T: 10, monetaryValue: 30 },
    { frequency: 0, recency: 0, T: 4, monetaryValue: 0 },
  ];
}

/** The repeat buyers of {@link valueRows}: what the Gamma-Gamma spend model is fitted on. */
export function spendRows(): { frequency: number; monetaryValue: number }[] {
  return valueRows()
    .filter((r) => r.frequency > 0)
    .map(({ frequency, monetaryValue }) => ({ frequency, monetaryValue }));
}

/** calibrationHoldout's rows for the transaction log. */
export function holdoutRows(): object[] {
  return calibrationHoldout(transactions(), { calibrationEnd: '2024-02-20' }).map((row) => ({ ...row }));
}

/** Two periods' segment assignments (customer → segment). */
export function assignmentBefore(): Record<string, number> {
  return { a: 0, b: 0, c: 1, d: 1, e: 2 };
}

export function assignmentAfter(): Record<string, number> {
  return { a: 0, b: 1, c: 1, d: 2, f: 2 };
}

/** An A/B test over two segments. */
export function experimentRecords(): { segment: string; variant: string; converted: number; revenue: number }[] {
  const out: { segment: string; variant: string; converted: number; revenue: number }[] = [];
  for (let i = 0; i < 16; i++)
    out.push({ segment: i < 8 ? 'new' : 'loyal', variant: i % 2 === 0 ? 'A' : 'B', converted: i % 3 === 0 ? 1 : 0, revenue: 5 + (i % 5) });
  return out;
}

export const EXPERIMENT_OPTIONS = {
  segment: 'segment',
  variant: 'variant',
  outcome: 'converted',
  kind: 'conversion',
  control: 'A',
} as const;

/** A sensitive attribute of the rows of {@link rows}. */
export function attribute(): string[] {
  return ['F', 'M', 'F', 'M', 'M', 'F', 'F', 'M', 'F'];
}

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
