// ESM consumer of the built package, resolved through package.json "exports" (self-reference by name).
import { readFileSync } from 'node:fs';
import * as sk from 'segmentkit';
import * as fs from 'segmentkit/fs';
import { checkFiles } from './files.mjs';
import { check } from './fingerprint.mjs';

const expected = JSON.parse(readFileSync(new URL('./fingerprint.json', import.meta.url), 'utf8'));
const runtime = typeof Bun !== 'undefined' ? `Bun ${Bun.version}` : `Node ${process.version} ESM`;
console.log(check(runtime, sk, expected));
console.log(await checkFiles(runtime, sk, fs));

// worker threads from the built package: the same model on two threads as on one, and the process still exits
// by itself afterwards (the workers are unreferenced; a leaked handle would hang this script and fail the run)
{
  const { X } = sk.makeBlobs({ nSamples: 40_000, nFeatures: 6, centers: 5, clusterStd: 3, seed: 12 });
  const one = new sk.KMeans({ nClusters: 5, seed: 2 }).fit(X, { workers: 1 });
  const two = new sk.KMeans({ nClusters: 5, seed: 2 }).fit(X, { workers: 2 });
  const same = one.inertia === two.inertia && one.labels.every((v, i) => v === two.labels[i]);
  if (!same) throw new Error(`${runtime}: KMeans on 2 threads differs from 1 thread`);
  console.log(`${runtime}: KMeans on 2 worker threads equals 1 thread (inertia ${two.inertia.toPrecision(10)})`);
  // segmentkit/threads (for browser Workers) is the very same module here
  const threadsEntry = await import('segmentkit/threads');
  if (threadsEntry.KMeans !== sk.KMeans || (await threadsEntry.startWorkerThreads(2)) !== 2) {
    throw new Error(`${runtime}: segmentkit/threads is not the full build, or startWorkerThreads(2) did not start 2 threads`);
  }
}
