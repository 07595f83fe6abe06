// Shared by the CJS, ESM, Deno and Bun smoke runs: exercises the built package and returns values that must
// be bit-identical on every runtime (seeded randomness, synthetic data). Compared against fingerprint.json.
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
  return {
    kmeans: { centroids: kmeans.centroids, inertia: kmeans.inertia },
    miniBatch: { centroids: mini.centroids, inertia: mini.inertia },
    gmm: { means: gmm.means, lowerBound: gmm.lowerBound, weights: gmm.weights },
    pca: { components: pca.components, explainedVariance: pca.explainedVariance },
    silhouette,
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
