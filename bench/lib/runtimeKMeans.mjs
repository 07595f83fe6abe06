// One runtime's k-means timings on the built package (dist/), for bench/runtimes.bench.ts: the same blobs and the
// same seeded k-means++ fit on 1 and on 2 threads, median of 5 after a warm-up each, and the model's inertia bits
// (which must be the same on every runtime and thread count). Runs unchanged in Node, Deno and Bun.
// Usage: <runtime> bench/lib/runtimeKMeans.mjs ROWS
const sk = await import(new URL('../../dist/index.js', import.meta.url).href);
const rows = Number(globalThis.Deno !== undefined ? Deno.args[0] : process.argv[2]);
const { X } = sk.makeBlobs({ nSamples: rows, nFeatures: 8, centers: 8, clusterStd: 2, seed: 2026 });
const out = {};
for (const workers of [1, 2]) {
  const fit = () => new sk.KMeans({ nClusters: 8, seed: 1 }).fit(X, { workers });
  fit();
  const times = [];
  let model;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    model = fit();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  out[workers] = { ms: times[2], inertia: model.inertia, nIter: model.nIter };
}
const runtime =
  globalThis.Deno !== undefined
    ? `Deno ${Deno.version.deno}`
    : globalThis.Bun !== undefined
      ? `Bun ${Bun.version}`
      : `Node ${process.version}`;
console.log(JSON.stringify({ runtime, ...out }));
