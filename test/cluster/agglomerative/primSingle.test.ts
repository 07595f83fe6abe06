// Single linkage's Prim steps (primKernel.ts) on the WebAssembly SIMD scan (primSimd.wat) and split over threads,
// against the scalar scan on one thread: the same merges at the same heights, bit for bit, on blobs and on data
// full of exact ties (where the lowest-row rule decides), for odd and even n and one feature or many.
import fc from 'fast-check';
import { AgglomerativeClustering, makeBlobs } from 'segmentkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { primSingle } from '../../../src/cluster/agglomerative/linkageAlgorithms';
import { releasePrimArrays as browserRelease, simdPrimArrays as browserSimd } from '../../../src/cluster/agglomerative/primSimd.browser';
import { PRIM_SIMD_WASM } from '../../../src/cluster/agglomerative/primSimdModule';
import { threadPool, workerFailureCount } from '../../../src/parallel/threadPool';
import { setWasmSimd, wasmSimdModule } from '../../../src/parallel/wasmSimd';
import { expectSegmentkitError } from '../../helpers/expectError';

const controls = { context: 'test', signal: undefined, onProgress: undefined };
const bitsOf = (values: ArrayLike<number>) => Array.from(new BigInt64Array(Float64Array.from(values).buffer));

type Merges = ReturnType<typeof primSingle>;
const merges = (m: Merges) => ({ a: Array.from(m.a), b: Array.from(m.b), height: bitsOf(m.height) });

/** Prim's steps on the scalar scan, one thread. */
function scalar(X: Float64Array, n: number, d: number): Merges {
  setWasmSimd(false);
  try {
    return primSingle(X, n, d, null, controls);
  } finally {
    setWasmSimd(true);
  }
}

afterEach(() => setWasmSimd(true));
afterAll(() => expect(workerFailureCount()).toBe(0));

describe('single linkage: SIMD scan and threads', () => {
  const blobs = makeBlobs({ nSamples: 2501, nFeatures: 5, centers: 6, clusterStd: 1.5, seed: 21 }).X.data;
  // small integers: many rows at exactly the same distance
  const ties = Float64Array.from({ length: 2400 * 2 }, (_, i) => ((i * 7919) % 11) + (i % 3));

  it('compiles here (Node has WebAssembly SIMD)', () => {
    expect(wasmSimdModule(PRIM_SIMD_WASM)).not.toBeNull();
  });

  for (const [name, X, n, d] of [
    ['blobs (odd n)', blobs, 2501, 5],
    ['integer ties', ties, 2400, 2],
  ] as const) {
    it(`${name}: SIMD and scalar, 1, 2 and 3 threads, make the same merges, bit for bit`, () => {
      const expected = merges(scalar(X, n, d));
      expect(merges(primSingle(X, n, d, null, controls))).toEqual(expected);
      for (const threads of [2, 3]) {
        const pool = threadPool(threads);
        const simd = primSingle(X, n, d, pool, controls);
        expect(simd.helperTasks).toBeGreaterThan(0);
        expect(merges(simd)).toEqual(expected);
        setWasmSimd(false);
        const split = primSingle(X, n, d, pool, controls);
        setWasmSimd(true);
        expect(split.helperTasks).toBeGreaterThan(0);
        expect(merges(split)).toEqual(expected);
      }
    });
  }

  it('random small shapes, ties and magnitudes from 1e-150 to 1e150: the scalar merges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 45 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: -150, max: 150 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, d, exponent, seed) => {
          let state = seed;
          const X = Float64Array.from({ length: n * d }, () => {
            state = (state * 1103515245 + 12345) % 2 ** 31;
            return ((state % 7) - 3) * 10 ** exponent;
          });
          expect(merges(primSingle(X, n, d, null, controls))).toEqual(merges(scalar(X, n, d)));
        },
      ),
      { numRuns: 80, seed: 20261204 },
    );
  });

  it('rows that cannot be compared (NaN) stop with E_CONVERGENCE on 2 threads, and the pool still works', () => {
    const pool = threadPool(2);
    const X = new Float64Array(3000 * 2).fill(Number.NaN);
    expectSegmentkitError(() => primSingle(X, 3000, 2, pool, controls), 'E_CONVERGENCE', 'the merge distances cannot be compared');
    expect(merges(primSingle(blobs, 2501, 5, pool, controls))).toEqual(merges(scalar(blobs, 2501, 5)));
  });

  it('fit gives the same tree for every workers value, on either scan', () => {
    const X = makeBlobs({ nSamples: 3000, nFeatures: 3, centers: 4, seed: 3 }).X;
    const one = new AgglomerativeClustering({ linkage: 'single', nClusters: 4 }).fit(X, { workers: 1 }).linkageMatrix();
    expect(new AgglomerativeClustering({ linkage: 'single', nClusters: 4 }).fit(X, { workers: 2 }).linkageMatrix()).toEqual(one);
    setWasmSimd(false);
    expect(new AgglomerativeClustering({ linkage: 'single', nClusters: 4 }).fit(X, { workers: 2 }).linkageMatrix()).toEqual(one);
  });

  it('the browser build declines: plain arrays and the scalar scan', () => {
    expect(browserSimd()).toBeNull();
    expect(browserRelease()).toBeUndefined();
  });
});
