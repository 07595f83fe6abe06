import { describe, expect, it } from 'vitest';
import { KMeans, makeBlobs, matrixToArrays, MiniBatchKMeans, MiniBatchKMeansModel } from 'segmentkit';

import { inspect } from 'node:util';

import { expectSegmentkitError, expectSegmentkitErrorAsync } from '../../helpers/expectError';

const blobs = makeBlobs({ nSamples: 20_000, centers: 5, nFeatures: 4, clusterStd: 1, seed: 8 });
const rows = matrixToArrays(blobs.X);

describe('MiniBatchKMeans', () => {
  it('reaches an inertia within 2 % of full k-means on blobs, and stops early', () => {
    const full = new KMeans({ nClusters: 5, seed: 1 }).fit(blobs.X);
    const mini = new MiniBatchKMeans({ nClusters: 5, seed: 1 }).fit(blobs.X);
    expect(mini.inertia / full.inertia).toBeLessThan(1.02);
    expect(mini.converged).toBe(true);
    expect(mini.nSteps).toBeLessThan((100 * 20_000) / 1024);
    expect(mini.labels.length).toBe(20_000);
  });

  it('is deterministic for a seed', () => {
    const a = new MiniBatchKMeans({ nClusters: 5, seed: 4 }).fit(blobs.X);
    const b = new MiniBatchKMeans({ nClusters: 5, seed: 4 }).fit(blobs.X);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('honours sample weights (zero-weight rows do not move the centres)', () => {
    const X = [[0], [0.2], [10], [10.2], [1000]];
    const model = new MiniBatchKMeans({ nClusters: 2, init: [[0], [10]], batchSize: 5, seed: 0, reassignmentRatio: 0 }).fit(X, {
      sampleWeight: [1, 1, 1, 1, 0],
    });
    expect(model.centroids[1]![0]).toBeLessThan(11);
  });

  it('partialFit continues identically after a JSON round trip', () => {
    const start = new MiniBatchKMeans({ nClusters: 5, seed: 2 }).partialFit(rows.slice(0, 2000));
    const restored = MiniBatchKMeansModel.fromJSON(JSON.parse(JSON.stringify(start)));
    const next = rows.slice(2000, 3000);
    expect(restored.partialFit(next).toJSON()).toEqual(start.partialFit(next).toJSON());
    expect(start.nSteps).toBe(1);
  });

  it('fitStream consumes a sync or async iterable in chunks and finds the blobs', async () => {
    function* chunks(): Generator<number[][]> {
      for (let i = 0; i < rows.length; i += 2500) yield rows.slice(i, i + 2500);
    }
    async function* asyncChunks(): AsyncGenerator<number[][]> {
      yield* chunks();
    }
    const full = new KMeans({ nClusters: 5, seed: 1 }).fit(blobs.X);
    const fromSync = await new MiniBatchKMeans({ nClusters: 5, seed: 3 }).fitStream(chunks());
    const fromAsync = await new MiniBatchKMeans({ nClusters: 5, seed: 3 }).fitStream(asyncChunks());
    expect(fromAsync.toJSON()).toEqual(fromSync.toJSON());
    expect(-fromSync.score(blobs.X) / full.inertia).toBeLessThan(1.05);
    expect(fromSync.nSteps).toBeGreaterThanOrEqual(Math.ceil(20_000 / 1024));
  });

  it('fitStream handles a stream shorter than the initialisation sample', async () => {
    const model = await new MiniBatchKMeans({ nClusters: 2, seed: 1 }).fitStream([
      [[0], [1]],
      [[10], [11]],
    ]);
    const centres = model.centroids.map((c) => c[0]!).sort((a, b) => a - b);
    expect(centres[0]).toBeCloseTo(0.5, 12);
    expect(centres[1]).toBeCloseTo(10.5, 12);
  });

  it('reports progress and aborts with E_ABORTED', () => {
    const controller = new AbortController();
    let steps = 0;
    expectSegmentkitError(
      () =>
        new MiniBatchKMeans({ nClusters: 5, seed: 1 }).fit(blobs.X, {
          signal: controller.signal,
          onProgress: (e) => {
            steps = e.step;
            if (e.step === 3) controller.abort();
          },
        }),
      'E_ABORTED',
    );
    expect(steps).toBe(3);
  });

  it('prints a compact summary', () => {
    const model = new MiniBatchKMeans({ nClusters: 2, seed: 0 }).partialFit([[0], [1], [10], [11]]);
    expect(inspect(model)).toMatch(/^MiniBatchKMeansModel \{ nClusters: 2, nFeatures: 1, nSteps: 1, /);
  });

  describe('bad input', () => {
    it('rejects bad hyper-parameters and too few rows', async () => {
      expectSegmentkitError(() => new MiniBatchKMeans({ nClusters: 2, batchSize: 0 }), 'E_PARAM', /batchSize/);
      expectSegmentkitError(() => new MiniBatchKMeans({ nClusters: 2, reassignmentRatio: -1 }), 'E_PARAM', /reassignmentRatio/);
      expectSegmentkitError(() => new MiniBatchKMeans({ nClusters: 2, batch_size: 10 } as never), 'E_PARAM', /unknown option 'batch_size'/);
      expectSegmentkitError(() => new MiniBatchKMeans({ nClusters: 3 }).fit([[0], [1]]), 'E_PARAM', /nClusters = 3 but X has only 2 rows/);
      expectSegmentkitError(() => new MiniBatchKMeans({ nClusters: 3 }).partialFit([[0], [1]]), 'E_PARAM', /first batch has 2 rows/);
      await expectSegmentkitErrorAsync(() => new MiniBatchKMeans({ nClusters: 2 }).fitStream([]), 'E_EMPTY', /no rows/);
      await expectSegmentkitErrorAsync(
        () =>
          new MiniBatchKMeans({ nClusters: 2 }).fitStream([
            [
              [0, 1],
              [2, 3],
              [4, 5],
            ],
            [[1]],
          ]),
        'E_SHAPE',
      );
    });

    it('rejects a batch with the wrong columns and malformed JSON', () => {
      const model = new MiniBatchKMeans({ nClusters: 2, seed: 0 }).partialFit([
        [0, 0],
        [1, 1],
        [9, 9],
      ]);
      expectSegmentkitError(() => model.partialFit([[1, 2, 3]]), 'E_SHAPE', /batch has 3 columns but the model has 2/);
      const json = model.toJSON();
      expectSegmentkitError(() => MiniBatchKMeansModel.fromJSON({ ...json, counts: [1, -1] }), 'E_MODEL', /counts/);
      expectSegmentkitError(() => MiniBatchKMeansModel.fromJSON({ ...json, counts: [1] }), 'E_MODEL', /counts must have 2 entries/);
    });
  });
});
