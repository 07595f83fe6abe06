// Deno consumer of the built ESM package (dependencies resolved from node_modules through package.json).
// @ts-nocheck: run by Deno, not part of the Node type-check
import * as sk from '../../dist/index.js';
import * as fs from '../../dist/fs.js';
import { checkFiles } from './files.mjs';

import { check } from './fingerprint.mjs';

const expected = JSON.parse(await Deno.readTextFile(new URL('./fingerprint.json', import.meta.url)));
console.log(check(`Deno ${Deno.version.deno}`, sk, expected));
console.log(await checkFiles(`Deno ${Deno.version.deno}`, sk, fs));

// worker threads in Deno: the same results on two threads as on one (Deno posts the rows as views of a shared
// WebAssembly.Memory, see src/parallel/threadPool.ts), 'auto' uses the cores, and the process still exits by
// itself afterwards (the workers are unreferenced; a leaked handle would hang this script and fail the run)
{
  const runtime = `Deno ${Deno.version.deno}`;
  const { X } = sk.makeBlobs({ nSamples: 40_000, nFeatures: 6, centers: 5, clusterStd: 3, seed: 12 });
  const fit = (workers) => new sk.KMeans({ nClusters: 5, seed: 2 }).fit(X, { workers });
  const one = fit(1);
  for (const workers of [2, 'auto']) {
    const other = fit(workers);
    if (other.inertia !== one.inertia || !one.labels.every((v, i) => v === other.labels[i])) {
      throw new Error(`${runtime}: KMeans with workers ${workers} differs from 1 thread`);
    }
  }
  const dbscan = (workers) => new sk.DBSCAN({ eps: 1.2, minSamples: 5 }).fit(X, { workers }).labels;
  const dbOne = dbscan(1);
  if (!dbscan(2).every((v, i) => v === dbOne[i])) throw new Error(`${runtime}: DBSCAN on 2 threads differs from 1 thread`);
  const sample = { data: X.data.subarray(0, 6 * 6000), rows: 6000, cols: 6 };
  const labels = one.labels.subarray(0, 6000);
  const s1 = sk.silhouetteScore(sample, labels, { workers: 1 });
  if (sk.silhouetteScore(sample, labels, { workers: 2 }) !== s1)
    throw new Error(`${runtime}: silhouette on 2 threads differs from 1 thread`);
  console.log(`${runtime}: KMeans, DBSCAN and the silhouette on 2 worker threads equal 1 thread (inertia ${one.inertia.toPrecision(10)})`);
}
