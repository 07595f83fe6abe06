// MiniBatchKMeans.fit with its batches assigned on the WebAssembly SIMD kernel (miniBatchSimd.ts) against the
// scalar nearestTwo, and its final labelling on the exact pass's SIMD kernel: the same model to the last bit (weights, odd and even k, small and large batches,
// reassignments, ties), and the browser build's stand-in declines.
import fc from 'fast-check';
import { createRng, makeBlobs, type Matrix, MiniBatchKMeans } from 'segmentkit';
import { afterEach, describe, expect, it } from 'vitest';

import { simdBatchAssigner } from '../../../src/cluster/kmeans/miniBatchSimd';
import { simdBatchAssigner as browserSimdBatchAssigner } from '../../../src/cluster/kmeans/miniBatchSimd.browser';
import { setWasmSimd } from '../../../src/parallel/wasmSimd';

import { expectSegmentkitError } from '../../helpers/expectError';

type Model = ReturnType<MiniBatchKMeans['fit']>;

function fingerprint(model: Model): unknown {
  return {
    labels: Array.from(model.labels),
    centroids: model.centroids.flat().map((v) => new BigInt64Array(new Float64Array([v]).buffer)[0]),
    inertia: new BigInt64Array(new Float64Array([model.inertia]).buffer)[0],
    nSteps: model.nSteps,
  };
}

function bothWays(fit: () => Model): [unknown, unknown] {
  setWasmSimd(false);
  const scalar = fingerprint(fit());
  setWasmSimd(true);
  return [scalar, fingerprint(fit())];
}

afterEach(() => setWasmSimd(true));

const { X } = makeBlobs({ nSamples: 12_001, nFeatures: 3, centers: 5, clusterStd: 2.5, seed: 31 });
const weights = Array.from({ length: X.rows }, (_, i) => (i % 9 === 0 ? 0 : 0.5 + (i % 4) / 2));

describe('MiniBatchKMeans on the SIMD kernel', () => {
  it('assigns with SIMD here (and never in the browser build, nor below 16 384 values)', () => {
    expect(simdBatchAssigner(X.rows, 1024, X.cols, 5)).not.toBeNull();
    expect(simdBatchAssigner(5000, 1024, 3, 5)).toBeNull();
    expect(browserSimdBatchAssigner()).toBeNull();
  });

  for (const k of [1, 4, 5, 12]) {
    it(`k = ${k}: the model of the scalar assignment, with and without weights, small and large batches`, () => {
      for (const batchSize of [100, 1024, 3000]) {
        for (const sampleWeight of [undefined, weights]) {
          const fit = () =>
            new MiniBatchKMeans({ nClusters: k, seed: k, batchSize, maxIter: 3 }).fit(
              X,
              sampleWeight === undefined ? {} : { sampleWeight },
            );
          const [scalar, simd] = bothWays(fit);
          expect(simd).toEqual(scalar);
        }
      }
    });
  }

  it('labels every row at the end on the SIMD kernel on 1 and 2 threads, as the scalar one (X never written)', () => {
    const before = Float64Array.from(X.data);
    for (const workers of [1, 2]) {
      const [scalar, simd] = bothWays(() => new MiniBatchKMeans({ nClusters: 6, seed: 2, batchSize: 512 }).fit(X, { workers }));
      expect(simd).toEqual(scalar);
    }
    expect(X.data).toEqual(before);
    expect(new MiniBatchKMeans({ nClusters: 6, seed: 2 }).fit(X, { workers: 2 }).labels.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('rows beyond 2^±400 (rescaled in its own copy) give the model of the scalar path', () => {
    const huge: Matrix = { data: X.data.map((v) => v * 2 ** 450), rows: X.rows, cols: X.cols };
    const before = Float64Array.from(huge.data);
    const [scalar, simd] = bothWays(() => new MiniBatchKMeans({ nClusters: 4, seed: 6, batchSize: 300 }).fit(huge));
    expect(simd).toEqual(scalar);
    expect(huge.data).toEqual(before);
  });

  it('names the first NaN or infinite cell of X on both paths', () => {
    for (const bad of [Number.NaN, Infinity]) {
      const data = Float64Array.from(X.data);
      data[11 * 3 + 2] = bad;
      data[5000 * 3] = Number.NaN;
      for (const on of [true, false]) {
        setWasmSimd(on);
        expectSegmentkitError(
          () => new MiniBatchKMeans({ nClusters: 3 }).fit({ data, rows: X.rows, cols: X.cols }),
          'E_NOT_FINITE',
          /^MiniBatchKMeans\.fit: X\[11\]\[2\] is /,
        );
      }
    }
  });

  it('equals the scalar assignment on coarse data (ties between centroids) and random shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (d, k, seed) => {
          const n = Math.ceil(16_384 / d) + 500;
          const rng = createRng(seed);
          const m: Matrix = { data: Float64Array.from({ length: n * d }, () => Math.round(rng.uniform() * 4)), rows: n, cols: d };
          const fit = () => new MiniBatchKMeans({ nClusters: k, seed, batchSize: 257, maxIter: 2, init: 'random' }).fit(m);
          const [scalar, simd] = bothWays(fit);
          expect(simd).toEqual(scalar);
        },
      ),
      { numRuns: 20 },
    );
  });
});
