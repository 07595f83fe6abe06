// The distance kernel over a flat row-major buffer vs the same arithmetic over number[][] rows: the layout
// choice every segmentkit kernel is built on.
import { matrixToArrays } from '../src/core/Matrix';
import { squaredEuclidean } from '../src/core/squaredEuclidean';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';

// Module-level functions with everything passed as arguments, so no contender pays for closure-captured
// variables in its inner loop.
function viaKernel(data: Float64Array, centroids: Float64Array, n: number, k: number, d: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    for (let j = 0; j < k; j++) total += squaredEuclidean(data, offset, centroids, j * d, d);
  }
  return total;
}

function inlinedFlat(data: Float64Array, centroids: Float64Array, n: number, k: number, d: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    for (let j = 0; j < k; j++) {
      const cOffset = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[offset + t]! - centroids[cOffset + t]!;
        s += diff * diff;
      }
      total += s;
    }
  }
  return total;
}

function nestedArrays(rows: number[][], centroids: number[][]): number {
  let total = 0;
  for (const row of rows) {
    for (const center of centroids) {
      let s = 0;
      for (let t = 0; t < row.length; t++) {
        const diff = row[t]! - center[t]!;
        s += diff * diff;
      }
      total += s;
    }
  }
  return total;
}

export default function distanceBench(): BenchSection[] {
  const rows: (string | number)[][] = [];
  for (const [n, d, k] of [
    [100_000, 8, 8],
    [1_000_000, 8, 8],
    [100_000, 32, 16],
  ] as const) {
    const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: k, seed: 1 });
    const { X: C } = makeBlobs({ nSamples: k, nFeatures: d, centers: k, seed: 2 });
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const nested = matrixToArrays(X);
    gc?.();
    const nestedBytes = gc ? process.memoryUsage().heapUsed - heapBefore : NaN;
    const nestedC = matrixToArrays(C);
    const kernel = timeIt(() => viaKernel(X.data, C.data, n, k, d));
    const inlined = timeIt(() => inlinedFlat(X.data, C.data, n, k, d));
    const naive = timeIt(() => nestedArrays(nested, nestedC));
    const best = Math.min(kernel.medianMs, inlined.medianMs);
    const agree = [kernel.result, inlined.result].every((v) => Math.abs(v - naive.result) <= 1e-9 * Math.abs(naive.result));
    rows.push([
      `${n.toLocaleString('en-US')} × ${d}, k = ${k}`,
      ms(kernel.medianMs),
      ms(inlined.medianMs),
      ms(naive.medianMs),
      ratio(naive.medianMs, best),
      `${((n * k * d) / best / 1e6).toFixed(2)} G`,
      `${(X.data.byteLength / 2 ** 20).toFixed(1)} MiB`,
      Number.isFinite(nestedBytes) ? `${(nestedBytes / 2 ** 20).toFixed(1)} MiB` : '— (run with --expose-gc)',
      agree ? 'yes' : 'NO',
    ]);
  }
  return [
    {
      id: 'distance-kernel',
      title: 'Squared Euclidean distance kernel: flat Float64Array vs number[][]',
      description:
        'All n × k squared distances between makeBlobs rows and k centroids, summed. segmentkit: `squaredEuclidean` (and the same arithmetic inlined) over the contiguous row-major buffer; peer: the textbook loop over `number[][]` rows. Median of 5 runs after 1 warm-up.',
      header: [
        'data',
        'squaredEuclidean (flat)',
        'inlined flat loop',
        'number[][] loop',
        'best flat vs number[][]',
        'coordinate ops / s',
        'memory: flat',
        'memory: number[][]',
        'same sum',
      ],
      rows,
      notes: [
        'V8 stores each `number[]` row of doubles unboxed, so per distance the layouts are close; the flat layout also wins on memory (one buffer, 8 bytes per value, instead of one heap object per row), on construction and GC time, and it can be shared with workers and WASM without copying.',
      ],
    },
  ];
}
