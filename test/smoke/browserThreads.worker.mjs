// Runs inside a dedicated Worker of the cross-origin isolated smoke page: worker threads in a browser. The full
// ESM build (what `segmentkit/threads` resolves to) starts them with startWorkerThreads and gives the very model
// of one thread; the default browser build (the "browser" condition) has no worker code and stays on one thread.
self.onmessage = async () => {
  try {
    const sk = await import('/dist/index.js');
    const threads = await sk.startWorkerThreads(2);
    const { X } = sk.makeBlobs({ nSamples: 40_000, nFeatures: 6, centers: 5, clusterStd: 3, seed: 12 });
    // timed for the record only (never asserted): the second of two fits each, so both paths are warm
    const timed = (workers) => {
      new sk.KMeans({ nClusters: 5, seed: 2 }).fit(X, { workers });
      const start = performance.now();
      const model = new sk.KMeans({ nClusters: 5, seed: 2 }).fit(X, { workers });
      return { model, ms: performance.now() - start };
    };
    const { model: one, ms: oneMs } = timed(1);
    const { model: two, ms: elapsed } = timed(2);
    const same = one.inertia === two.inertia && one.labels.every((v, i) => v === two.labels[i]);
    const sample = { data: X.data.subarray(0, 6 * 4000), rows: 4000, cols: 6 };
    const labels = one.labels.subarray(0, 4000);
    const silhouetteSame = sk.silhouetteScore(sample, labels, { workers: 2 }) === sk.silhouetteScore(sample, labels, { workers: 1 });
    const browserBuild = await import('/dist/browser/index.js');
    const fallback = await browserBuild.startWorkerThreads(2);
    self.postMessage({ threads, same, silhouetteSame, fallback, inertia: one.inertia, ms: elapsed, oneMs });
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};
