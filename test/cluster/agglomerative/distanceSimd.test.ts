// The distance matrix of complete and average linkage on the WebAssembly SIMD kernel (distanceSimd.wat,
// distanceSimd.ts) against the scalar kernels it stands in for: the same matrix to the bit for every shape (odd
// and even n, one feature, many), thread count and wave; the same trees from fit; and the reused memory never
// shared by two fits at once.
import fc from 'fast-check';
import { AgglomerativeClustering, KMeans, makeBlobs } from 'segmentkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { distanceMatrix } from '../../../src/cluster/agglomerative/linkageAlgorithms';
import {
  releaseDistanceMatrix as browserRelease,
  reusedDistanceMatrix as browserReused,
  simdDistanceMatrix as browserSimd,
} from '../../../src/cluster/agglomerative/distanceSimd.browser';
import { releaseDistanceMatrix, simdDistanceMatrix } from '../../../src/cluster/agglomerative/distanceSimd';
import { DISTANCE_SIMD_WASM } from '../../../src/cluster/agglomerative/distanceSimdModule';
import { threadPool, workerFailureCount } from '../../../src/parallel/threadPool';
import { setWasmSimd, wasmSimdModule } from '../../../src/parallel/wasmSimd';

const controls = { context: 'test', signal: undefined, onProgress: undefined };
const bytesOf = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && Buffer.compare(bytesOf(a), bytesOf(b)) === 0;

/** The full matrix on the scalar kernels (upper halves, then mirrored), as a plain copy. */
function scalarMatrix(X: Float64Array, n: number, d: number, threads: number): Float64Array {
  setWasmSimd(false);
  try {
    const D = distanceMatrix(X, n, d, true, threadPool(threads), controls);
    const copy = D.slice();
    releaseDistanceMatrix(D);
    return copy;
  } finally {
    setWasmSimd(true);
  }
}

/** The full matrix on the SIMD kernel, checked to be one (a view of a kernel memory), as a plain copy. */
function simdMatrix(X: Float64Array, n: number, d: number, threads: number): Float64Array {
  const D = distanceMatrix(X, n, d, true, threadPool(threads), controls);
  expect(D.buffer).toBeInstanceOf(SharedArrayBuffer);
  const copy = D.slice();
  releaseDistanceMatrix(D);
  return copy;
}

afterEach(() => setWasmSimd(true));
afterAll(() => expect(workerFailureCount()).toBe(0));

describe('the SIMD distance matrix', () => {
  it('compiles here (Node has WebAssembly SIMD and shared memories)', () => {
    expect(wasmSimdModule(DISTANCE_SIMD_WASM)).not.toBeNull();
    const X = Float64Array.from([0, 0, 3, 4, 6, 8]);
    const matrix = simdDistanceMatrix(X, 3, 2);
    expect(matrix).not.toBeNull();
    releaseDistanceMatrix(matrix!.D);
  });

  it('is the scalar kernels’ matrix to the bit: 3–4 tails of eight columns, odd n, one feature and many', () => {
    for (const [n, d] of [
      [2, 1],
      [3, 2],
      [7, 3],
      [8, 1],
      [9, 5],
      [17, 13],
      [64, 8],
      [101, 2],
    ] as const) {
      const X = makeBlobs({ nSamples: n, nFeatures: d, centers: 3, seed: n * 31 + d }).X.data;
      const scalar = scalarMatrix(X, n, d, 1);
      expect(sameBits(simdMatrix(X, n, d, 1), scalar), `${n} × ${d}`).toBe(true);
      // D[0, n − 1]: the last column, which odd n computes in scalar
      let s = 0;
      for (let t = 0; t < d; t++) s += (X[t]! - X[(n - 1) * d + t]!) ** 2;
      expect(scalar[n - 1]).toBe(Math.sqrt(s));
    }
  });

  it('is the same bits on 1, 2 and 3 threads, over several waves of rows (2 100 rows)', () => {
    const n = 2101;
    const X = makeBlobs({ nSamples: n, nFeatures: 4, centers: 5, seed: 12 }).X.data;
    const scalar = scalarMatrix(X, n, 4, 2);
    for (const threads of [1, 2, 3]) expect(sameBits(simdMatrix(X, n, 4, threads), scalar)).toBe(true);
  });

  it('random shapes and values, exact ties and magnitudes from 1e-150 to 1e150: the scalar bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: -150, max: 150 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, d, exponent, seed) => {
          // small integers (many exact ties) times a power of ten
          let state = seed;
          const X = Float64Array.from({ length: n * d }, () => {
            state = (state * 1103515245 + 12345) % 2 ** 31;
            return ((state % 9) - 4) * 10 ** exponent;
          });
          expect(sameBits(simdMatrix(X, n, d, 1), scalarMatrix(X, n, d, 1))).toBe(true);
        },
      ),
      { numRuns: 60, seed: 20261204 },
    );
  });

  it('fit gives the same tree on the SIMD and the scalar kernels, for complete and average, 1 and 2 threads', () => {
    const X = makeBlobs({ nSamples: 1300, nFeatures: 6, centers: 6, clusterStd: 2, seed: 5 }).X;
    for (const linkage of ['complete', 'average'] as const) {
      setWasmSimd(false);
      const scalar = new AgglomerativeClustering({ linkage, nClusters: 6 }).fit(X, { workers: 1 }).linkageMatrix();
      setWasmSimd(true);
      for (const workers of [1, 2]) {
        expect(new AgglomerativeClustering({ linkage, nClusters: 6 }).fit(X, { workers }).linkageMatrix()).toEqual(scalar);
      }
    }
  });

  it('fits in a row reuse the memory, a fit inside a fit (from onProgress) gets its own, and k-means after a linkage is unchanged', () => {
    const X = makeBlobs({ nSamples: 900, nFeatures: 3, centers: 4, seed: 8 }).X;
    const Y = makeBlobs({ nSamples: 700, nFeatures: 5, centers: 3, seed: 9 }).X;
    const alone = new AgglomerativeClustering({ linkage: 'average', nClusters: 4 }).fit(Y).linkageMatrix();
    const first = new AgglomerativeClustering({ linkage: 'average', nClusters: 4 }).fit(X).linkageMatrix();
    let inner: unknown;
    const outer = new AgglomerativeClustering({ linkage: 'average', nClusters: 4 })
      .fit(X, {
        onProgress: (event) => {
          if (inner === undefined && event.phase === 'merging') {
            inner = new AgglomerativeClustering({ linkage: 'average', nClusters: 4 }).fit(Y).linkageMatrix();
          }
        },
      })
      .linkageMatrix();
    expect(outer).toEqual(first);
    expect(inner).toEqual(alone);
    // the next k-means fit may take the linkage's memory, with whatever bytes it left
    const Z = makeBlobs({ nSamples: 20_000, nFeatures: 3, centers: 5, seed: 3 }).X;
    new AgglomerativeClustering({ linkage: 'complete', nClusters: 4 }).fit(X, { workers: 2 });
    const after = new KMeans({ nClusters: 5, seed: 1 }).fit(Z).inertia;
    setWasmSimd(false);
    expect(new KMeans({ nClusters: 5, seed: 1 }).fit(Z).inertia).toBe(after);
  });

  it('the browser build declines: the scalar kernel, a plain matrix', () => {
    expect(browserSimd()).toBeNull();
    expect(browserReused()).toBeNull();
    expect(browserRelease()).toBeUndefined();
  });
});
