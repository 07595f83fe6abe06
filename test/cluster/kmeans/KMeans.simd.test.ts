// KMeans.fit on the WebAssembly SIMD kernels (kmeansArena.ts, assignmentSimd.ts, seedingSimd.ts) against the
// scalar kernels they stand in for: the same model to the last bit, for every algorithm, weights, k (odd, even, 1),
// thread count and data with ties; the same errors; and the fit's memory never shared by two fits at once.
import fc from 'fast-check';
import { createRng, KMeans, makeBlobs, type Matrix } from 'segmentkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { ASSIGNMENT_SIMD_WASM } from '../../../src/cluster/kmeans/assignmentSimdModule';
import { arenaOf, kmeansArena, releaseArena } from '../../../src/cluster/kmeans/kmeansArena';
import { kmeansArena as browserKMeansArena } from '../../../src/cluster/kmeans/kmeansArena.browser';
import { simdExactPass as browserSimdExactPass } from '../../../src/cluster/kmeans/assignmentSimd.browser';
import { workerFailureCount } from '../../../src/parallel/threadPool';
import { setWasmSimd, wasmSimdModule } from '../../../src/parallel/wasmSimd';

import { expectSegmentkitError } from '../../helpers/expectError';

type Model = ReturnType<KMeans['fit']>;

function fingerprint(model: Model): unknown {
  return {
    labels: Array.from(model.labels),
    centroids: model.centroids.flat().map((v) => new BigInt64Array(new Float64Array([v]).buffer)[0]),
    inertia: new BigInt64Array(new Float64Array([model.inertia]).buffer)[0],
    nIter: model.nIter,
    evaluations: model.stats.distanceEvaluations,
  };
}

/** The fit with the scalar kernels, then with SIMD: both fingerprints (or both errors' messages). */
function bothWays(fit: () => Model): [unknown, unknown] {
  const outcome = (): unknown => {
    try {
      return fingerprint(fit());
    } catch (error) {
      return (error as Error).message;
    }
  };
  setWasmSimd(false);
  const scalar = outcome();
  setWasmSimd(true);
  return [scalar, outcome()];
}

afterEach(() => setWasmSimd(true));
afterAll(() => expect(workerFailureCount()).toBe(0));

// 20 001 rows: three chunks of 8 192, blocks of 256 and groups of four rows, each with a remainder
const { X } = makeBlobs({ nSamples: 20_001, nFeatures: 5, centers: 6, clusterStd: 3, seed: 21 });
const weights = Array.from({ length: X.rows }, (_, i) => (i % 13 === 0 ? 0 : 0.5 + (i % 7) / 3));

describe('KMeans on the SIMD kernels', () => {
  it('runs them here (WebAssembly SIMD present; the default browser build never does)', () => {
    expect(wasmSimdModule(ASSIGNMENT_SIMD_WASM)).not.toBeNull();
    const made = kmeansArena(X.data, null, X.rows, X.cols, 6, 1);
    expect(made).not.toBeNull();
    expect(arenaOf(made!.arena.rows)).toBe(made!.arena);
    releaseArena(made!.arena);
    expect(arenaOf(made!.arena.rows)).toBeNull();
    expect(browserKMeansArena()).toBeNull();
    expect(browserSimdExactPass()).toBeNull();
    // below 16 384 values the scalar kernels run
    expect(kmeansArena(X.data, null, 3276, 5, 6, 1)).toBeNull();
  });

  for (const algorithm of ['lloyd', 'hamerly', 'elkan'] as const) {
    for (const k of [1, 2, 7, 8]) {
      it(`${algorithm}, k = ${k}: the model of the scalar kernels, on 1 and 3 threads, with and without weights`, () => {
        for (const workers of [1, 3]) {
          for (const sampleWeight of [undefined, weights]) {
            const fit = () =>
              new KMeans({ nClusters: k, algorithm, seed: k, nInit: 2, tol: 0, maxIter: 30 }).fit(X, {
                workers,
                ...(sampleWeight === undefined ? {} : { sampleWeight }),
              });
            const [scalar, simd] = bothWays(fit);
            expect(simd).toEqual(scalar);
          }
        }
      });
    }
  }

  it('equals the scalar kernels on random shapes, coarse values (ties between centroids) and wide ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 9000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('coarse', 'normal', 'wide'),
        fc.constantFrom(1, 2),
        (d, extra, k, seed, kind, workers) => {
          const n = Math.ceil(16_384 / d) + extra;
          const rng = createRng(seed);
          const value = (): number =>
            kind === 'coarse'
              ? Math.round(rng.uniform() * 3)
              : kind === 'wide'
                ? rng.normal() * 1e140
                : rng.normal() + (rng.uniform() < 0.5 ? 4 : 0);
          const m: Matrix = { data: Float64Array.from({ length: n * d }, value), rows: n, cols: d };
          const fit = () => new KMeans({ nClusters: k, seed, maxIter: 15 }).fit(m, { workers });
          const [scalar, simd] = bothWays(fit);
          expect(simd).toEqual(scalar);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('several runs (the best one keeps its arena slot while the others take turns in the other) give the scalar model', () => {
    for (let seed = 1; seed <= 6; seed++) {
      for (const algorithm of ['hamerly', 'lloyd'] as const) {
        const fit = () => new KMeans({ nClusters: 7, nInit: 5, init: 'random', algorithm, seed, maxIter: 20 }).fit(X, { workers: 2 });
        const [scalar, simd] = bothWays(fit);
        expect(simd).toEqual(scalar);
      }
    }
  });

  it('rows beyond 2^±400 (rescaled in the arena, never in place in X) give the model of the scalar kernels', () => {
    const huge: Matrix = { data: X.data.map((v) => v * 2 ** 450), rows: X.rows, cols: X.cols };
    const before = Float64Array.from(huge.data);
    const [scalar, simd] = bothWays(() => new KMeans({ nClusters: 5, seed: 4 }).fit(huge, { workers: 2 }));
    expect(simd).toEqual(scalar);
    expect(huge.data).toEqual(before);
  });

  it('names the first NaN or infinite cell of X, as the scalar path does', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const data = Float64Array.from(X.data);
      data[7 * 5 + 3] = bad;
      data[9000 * 5] = Number.NaN;
      const m: Matrix = { data, rows: X.rows, cols: X.cols };
      for (const simd of [true, false]) {
        setWasmSimd(simd);
        expectSegmentkitError(() => new KMeans({ nClusters: 3 }).fit(m), 'E_NOT_FINITE', /^KMeans\.fit: X\[7\]\[3\] is /);
      }
    }
  });

  it('a fit inside a fit (from onProgress) gets a memory of its own: both models are those fitted alone', () => {
    const alone = fingerprint(new KMeans({ nClusters: 4, seed: 2 }).fit(X));
    const inner: Model[] = [];
    const outer = new KMeans({ nClusters: 4, seed: 2 }).fit(X, {
      onProgress: () => {
        if (inner.length < 2) inner.push(new KMeans({ nClusters: 4, seed: 2 }).fit(X));
      },
    });
    expect(fingerprint(outer)).toEqual(alone);
    for (const model of inner) expect(fingerprint(model)).toEqual(alone);
  });

  it('fits in a row (reusing the memory) give the same model; the model keeps none of the memory', () => {
    const fit = () => new KMeans({ nClusters: 6, seed: 5 }).fit(X, { workers: 2, sampleWeight: weights });
    const first = fit();
    expect(fingerprint(fit())).toEqual(fingerprint(first));
    expect(first.labels.buffer).toBeInstanceOf(ArrayBuffer);
    expect(new KMeans({ nClusters: 6, seed: 5 }).fit(X, { workers: 1 }).labels.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
