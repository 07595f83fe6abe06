// Shared by the CJS, ESM, Node 22/24, Deno, Bun and Chromium smoke runs: exercises the built package and
// returns values that must be bit-identical on every runtime (seeded randomness, synthetic data, and the whole
// demo pipeline, whose transforms, mixtures, metrics and drift tests go through logarithms, exponentials and
// powers). Compared against fingerprint.json.

/** The demo pipeline, small: transactions → RFM → Log/Power/Standard features → k-means → GMM → metrics → drift. */
function pipelineFingerprint(sk) {
  const behaviourOf = (log) =>
    sk.rfmTable(log, { refunds: 'exclude' }).map((row) => ({
      ...row,
      activeDays: (row.lastPurchase.getTime() - row.firstPurchase.getTime()) / 86_400_000,
    }));
  const behaviour = behaviourOf(sk.makeTransactions({ nCustomers: 300, seed: 42 }));
  const pipeline = sk
    .featurePipeline({
      numeric: {
        frequency: [new sk.LogTransformer(), new sk.StandardScaler()],
        monetary: new sk.PowerTransformer({ method: 'box-cox' }),
        recency: new sk.PowerTransformer(),
        activeDays: [new sk.LogTransformer(), new sk.StandardScaler()],
        monetaryMean: [new sk.LogTransformer(), new sk.RobustScaler()],
      },
    })
    .fit(behaviour);
  const X = pipeline.transform(behaviour).X;
  const kmeans = new sk.KMeans({ nClusters: 4, nInit: 3, seed: 7 }).fit(X);
  const gmm = new sk.GaussianMixture({ nComponents: 4, seed: 7 }).fit(X);
  const diag = new sk.GaussianMixture({ nComponents: 3, covarianceType: 'diag', seed: 7 }).fit(X);
  const choice = sk.chooseK(X, { kMin: 2, kMax: 5, seed: 7, methods: ['inertia', 'silhouette', 'bic'] });
  const nextBehaviour = behaviourOf(sk.makeTransactions({ nCustomers: 300, seed: 2026 }));
  const drift = sk.driftReport(behaviour, nextBehaviour, { columns: ['frequency', 'monetary', 'recency', 'activeDays', 'monetaryMean'] });
  const nextLabels = kmeans.predict(pipeline.transform(nextBehaviour).X);
  const shares = sk.segmentDrift(kmeans.labels, nextLabels);
  return {
    powerLambdas: pipeline.toJSON().numeric.map((step) => step.steps.map((s) => s.lambdas ?? null)),
    firstFeatureRow: Array.from(X.data.subarray(0, X.cols)),
    featureSum: X.data.reduce((a, b) => a + b, 0),
    kmeans: { centroids: kmeans.centroids, inertia: kmeans.inertia, nIter: kmeans.nIter },
    centroidsInUnits: pipeline.inverseTransformCentroids(kmeans.centroids),
    gmm: { lowerBound: gmm.lowerBound, means: gmm.means, bic: gmm.bic(X), firstProba: Array.from(gmm.predictProba(X).data.subarray(0, 4)) },
    diag: { lowerBound: diag.lowerBound, weights: diag.weights },
    metrics: {
      silhouette: sk.silhouetteScore(X, kmeans.labels),
      daviesBouldin: sk.daviesBouldinScore(X, kmeans.labels),
      calinskiHarabasz: sk.calinskiHarabaszScore(X, kmeans.labels),
      ami: sk.adjustedMutualInfoScore(kmeans.labels, gmm.predict(X)),
      nmi: sk.normalizedMutualInfoScore(kmeans.labels, diag.predict(X)),
      chooseK: { recommendedK: choice.recommendedK, bic: choice.rows.map((r) => r.bic ?? null) },
    },
    drift: drift.columns.map((c) => [c.column, c.test, c.statistic, c.pValue, c.psi]),
    segmentDrift: { psi: shares.psi, chiSquare: shares.chiSquare.pValue },
  };
}

export function fingerprint(sk) {
  const rng = sk.createRng(42);
  const uniform = Array.from({ length: 5 }, () => rng.uniform());
  const normal = Array.from({ length: 5 }, () => rng.normal());
  const exponential = Array.from({ length: 3 }, () => rng.exponential(2));
  const integer = rng.integer(0, 1000);
  const permutation = Array.from(rng.permutation(10));
  const blobs = sk.makeBlobs({ nSamples: 50, nFeatures: 3, centers: 4, seed: 7 });
  const log = sk.makeTransactions({ nCustomers: 100, seed: 3 });
  let total = 0;
  for (const t of log) total += t.amount;
  // seeded estimators: the same seed must give bit-identical models on every runtime
  const features = sk.makeBlobs({ nSamples: 400, nFeatures: 3, centers: 3, seed: 9 }).X;
  const kmeans = sk.kmeans(features, { nClusters: 3, seed: 5 });
  const mini = new sk.MiniBatchKMeans({ nClusters: 3, batchSize: 64, seed: 5 }).fit(features);
  const gmm = new sk.GaussianMixture({ nComponents: 3, seed: 5 }).fit(features);
  const pca = new sk.PCA({ nComponents: 2, svdSolver: 'randomized', seed: 5 }).fit(features);
  const silhouette = sk.silhouetteScore(features, kmeans.labels, { sampleSize: 200, seed: 5 });
  // k-means++ over several chunks of 8 192 rows (per-chunk potentials, the draws walking them), on one thread:
  // the default browser build computes it with its compact one-row kernel, every other build with the unrolled one
  const manyRows = sk.makeBlobs({ nSamples: 20_000, nFeatures: 3, centers: 6, seed: 5 }).X;
  const seeded = new sk.KMeans({ nClusters: 6, seed: 3, maxIter: 1, tol: 0 }).fit(manyRows, { workers: 1 });
  return {
    seededOverChunks: { centroids: seeded.centroids, inertia: seeded.inertia },
    kmeans: { centroids: kmeans.centroids, inertia: kmeans.inertia },
    miniBatch: { centroids: mini.centroids, inertia: mini.inertia },
    gmm: { means: gmm.means, lowerBound: gmm.lowerBound, weights: gmm.weights },
    pca: { components: pca.components, explainedVariance: pca.explainedVariance },
    silhouette,
    pipeline: pipelineFingerprint(sk),
    uniform,
    normal,
    exponential,
    integer,
    permutation,
    blobsFirstRow: Array.from(blobs.X.data.subarray(0, 3)),
    blobsSum: blobs.X.data.reduce((a, b) => a + b, 0),
    blobsLabels: Array.from(blobs.labels.subarray(0, 10)),
    transactions: log.length,
    transactionsTotal: Math.round(total * 100) / 100,
    firstTransaction: { ...log[0], timestamp: log[0].timestamp.toISOString() },
    lastTransaction: { ...log[log.length - 1], timestamp: log[log.length - 1].timestamp.toISOString() },
  };
}

/** Throws with a readable diff if `actual` differs from `expected`; also checks the error brand. */
export function check(runtime, sk, expected) {
  const actual = fingerprint(sk);
  const a = JSON.stringify(actual, null, 1);
  const e = JSON.stringify(expected, null, 1);
  if (a !== e) throw new Error(`${runtime}: fingerprint differs from test/smoke/fingerprint.json\nactual:\n${a}\nexpected:\n${e}`);
  let code = '';
  try {
    sk.toMatrix([[1, NaN]], 'smoke');
  } catch (err) {
    if (!sk.isSegmentkitError(err)) throw new Error(`${runtime}: error is not branded`);
    code = err.code;
  }
  if (code !== 'E_NOT_FINITE') throw new Error(`${runtime}: expected E_NOT_FINITE, got ${code}`);
  return `${runtime}: ok (${Object.keys(sk).length} exports, fingerprint matches)`;
}
