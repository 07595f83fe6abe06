// Child process for the k-means benchmark: loads the benchmark's raw data file, then samples the memory the
// fit holds (ArrayBuffers plus the JS heap) after every update step, and reports the peak above the loaded-data
// baseline, or the resident set's peak above its baseline when that is higher: a fit's WebAssembly memory (its
// arena) is not counted among the ArrayBuffers, and is touched page by page, so the resident set sees it. Also
// the time of this first fit of the process (worker start-up and first-touch page faults included).
// Usage: node --expose-gc --import tsx bench/lib/kmeansMemory.ts DATA ROWS COLS INIT K ALGORITHM
import { readFileSync } from 'node:fs';
import { KMeans } from '../../src/cluster/kmeans/KMeans';

function readFloat64(file: string): Float64Array {
  const bytes = readFileSync(file);
  // small reads come from Node's shared buffer pool: copy out exactly this file's bytes
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const [dataFile, rowsText, colsText, initFile, kText, algorithm] = process.argv.slice(2);
const rows = Number(rowsText);
const cols = Number(colsText);
const k = Number(kText);
const data = readFloat64(dataFile!);
const init = readFloat64(initFile!);
(globalThis as { gc?: () => void }).gc?.();
const held = (): number => {
  const usage = process.memoryUsage();
  return usage.arrayBuffers + usage.heapUsed;
};
const baseline = held();
// a fit's WebAssembly memory (its arena) is not among Node's counted ArrayBuffers: the resident set's peak covers it
const baselineRss = process.memoryUsage().rss;
let peak = baseline;
let peakRss = baselineRss;
const sample = (): void => {
  peak = Math.max(peak, held());
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const started = performance.now();
const model = new KMeans({ nClusters: k, init: { data: init, rows: k, cols }, tol: 0, algorithm: algorithm as 'auto' }).fit(
  { data, rows, cols },
  { onProgress: sample },
);
// the first fit of a fresh process: worker threads started, every page of the fit's memory touched for the first time
const fitMs = performance.now() - started;
sample();
// sampled, not getrusage's maxRSS: Linux carries that over from the parent across fork and exec
const extraPeakRss = peakRss - baselineRss;
console.log(
  JSON.stringify({ extraPeakBytes: Math.max(peak - baseline, extraPeakRss), inputBytes: data.byteLength, nIter: model.nIter, fitMs }),
);
