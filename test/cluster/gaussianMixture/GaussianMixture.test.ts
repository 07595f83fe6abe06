import { inspect } from 'node:util';
import { GaussianMixture, GaussianMixtureModel, makeBlobs, matrixToArrays, selectGaussianMixture } from 'segmentkit';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../../helpers/expectError';

const blobs = makeBlobs({
  nSamples: 900,
  centers: [
    [0, 0],
    [6, 0],
    [0, 6],
  ],
  clusterStd: [1, 0.6, 1.3],
  seed: 4,
});
const X = matrixToArrays(blobs.X);

describe('GaussianMixture', () => {
  for (const covarianceType of ['full', 'tied', 'diag', 'spherical'] as const) {
    it(`${covarianceType}: recovers three blobs, probabilities sum to 1, deterministic for a seed`, () => {
      const gm = new GaussianMixture({ nComponents: 3, covarianceType, seed: 5 }).fit(X);
      const again = new GaussianMixture({ nComponents: 3, covarianceType, seed: 5 }).fit(X);
      expect(gm.toJSON()).toEqual(again.toJSON());
      expect(gm.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const proba = gm.predictProba(X);
      for (let i = 0; i < proba.rows; i++) {
        let sum = 0;
        for (let c = 0; c < 3; c++) sum += proba.data[i * 3 + c]!;
        expect(sum).toBeCloseTo(1, 12);
      }
      const labels = gm.predict(X);
      const agree = Array.from(labels).filter((l, i) => l === labels[blobs.labels.indexOf(blobs.labels[i]!)]).length / labels.length;
      expect(agree).toBeGreaterThan(0.97);
      expect(gm.converged).toBe(true);
    });
  }

  it('gives finite probabilities and scores for rows far from every component', () => {
    const gm = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(X);
    const far = [
      [1e6, -1e6],
      [-1e8, 3e7],
    ];
    const proba = gm.predictProba(far);
    expect(Array.from(proba.data).every(Number.isFinite)).toBe(true);
    expect(Array.from(gm.scoreSamples(far)).every(Number.isFinite)).toBe(true);
  });

  it('uncertainty is 1 − max probability: near 0 inside a blob, larger on a boundary', () => {
    const gm = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(X);
    expect(gm.uncertainty([[6, 0]])[0]).toBeLessThan(1e-3);
    // walking from one blob to the other crosses a point where the two are nearly equally likely
    const path = Array.from({ length: 601 }, (_, i) => [i / 100, 0]);
    expect(Math.max(...gm.uncertainty(path))).toBeGreaterThan(0.45);
  });

  it('samples from the fitted mixture (seeded) and scores its own samples well', () => {
    const gm = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(X);
    const a = gm.sample(3000, { seed: 2 });
    expect(gm.sample(3000, { seed: 2 }).X.data).toEqual(a.X.data);
    expect(a.X.rows).toBe(3000);
    expect(Math.abs(gm.score(a.X) - gm.score(X))).toBeLessThan(0.1);
  });

  it('reports progress, aborts with E_ABORTED, and names regCovar when a component collapses', () => {
    const controller = new AbortController();
    expectSegmentkitError(
      () =>
        new GaussianMixture({ nComponents: 3, seed: 1, tol: 0 }).fit(X, {
          signal: controller.signal,
          onProgress: (e) => e.iteration === 2 && controller.abort(),
        }),
      'E_ABORTED',
    );
    const duplicated = [
      [1, 1],
      [1, 1],
      [1, 1],
      [5, 5],
      [5, 5.1],
      [5.1, 5],
    ];
    expectSegmentkitError(
      () => new GaussianMixture({ nComponents: 2, regCovar: 0, seed: 0 }).fit(duplicated),
      'E_CONVERGENCE',
      /increase regCovar/,
    );
    expect(new GaussianMixture({ nComponents: 2, seed: 0 }).fit(duplicated).converged).toBe(true);
  });

  it('every initialisation method works; nInit keeps the best lower bound', () => {
    for (const initParams of ['kmeans', 'k-means++', 'random', 'random_from_data'] as const) {
      expect(new GaussianMixture({ nComponents: 3, initParams, seed: 3 }).fit(X).lowerBound).toBeGreaterThan(-5);
    }
    const one = new GaussianMixture({ nComponents: 3, initParams: 'random', seed: 3 }).fit(X);
    const five = new GaussianMixture({ nComponents: 3, initParams: 'random', nInit: 5, seed: 3 }).fit(X);
    expect(five.lowerBound).toBeGreaterThanOrEqual(one.lowerBound - 1e-12);
  });

  it('is invariant to row order (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), (shift) => {
        const rotated = [...X.slice(shift % X.length), ...X.slice(0, shift % X.length)];
        const init = {
          weightsInit: [0.3, 0.3, 0.4],
          meansInit: [
            [0, 0],
            [6, 0],
            [0, 6],
          ],
        };
        const a = new GaussianMixture({
          nComponents: 3,
          ...init,
          precisionsInit: [
            [
              [1, 0],
              [0, 1],
            ],
            [
              [1, 0],
              [0, 1],
            ],
            [
              [1, 0],
              [0, 1],
            ],
          ],
        }).fit(X);
        const b = new GaussianMixture({
          nComponents: 3,
          ...init,
          precisionsInit: [
            [
              [1, 0],
              [0, 1],
            ],
            [
              [1, 0],
              [0, 1],
            ],
            [
              [1, 0],
              [0, 1],
            ],
          ],
        }).fit(rotated);
        a.means.forEach((row, c) => row.forEach((v, t) => expect(b.means[c]![t]!).toBeCloseTo(v, 8)));
      }),
      { numRuns: 5 },
    );
  });

  it('round-trips through JSON; prints a summary; rejects bad input', () => {
    const gm = new GaussianMixture({ nComponents: 2, covarianceType: 'diag', seed: 1 }).fit(X);
    const restored = GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(gm)));
    expect(restored.predictProba(X)).toEqual(gm.predictProba(X));
    expect(inspect(gm)).toMatch(/^GaussianMixtureModel \{ nComponents: 2, covarianceType: diag/);
    expectSegmentkitError(
      () => new GaussianMixture({ covarianceType: 'general' as never }),
      'E_PARAM',
      /'full', 'tied', 'diag', 'spherical'/,
    );
    expectSegmentkitError(() => new GaussianMixture({ nComponents: 5 }).fit([[1], [2]]), 'E_PARAM', /nComponents = 5/);
    expectSegmentkitError(() => new GaussianMixture({ nComponents: 2, weightsInit: [0.5, 0.6] }).fit(X), 'E_PARAM', /weightsInit/);
    expectSegmentkitError(
      () =>
        new GaussianMixture({
          nComponents: 1,
          precisionsInit: [
            [
              [1, 2],
              [2, 1],
            ],
          ],
        }).fit(X),
      'E_PARAM',
      /positive definite/,
    );
    expectSegmentkitError(() => gm.predict([[1, 2, 3]]), 'E_SHAPE');
    expectSegmentkitError(() => GaussianMixtureModel.fromJSON({ ...gm.toJSON(), weights: [0.5, 0.6] }), 'E_MODEL', /sum to 1/);
  });
});

describe('selectGaussianMixture', () => {
  it('picks the number of components by BIC and reports every candidate', () => {
    const selection = selectGaussianMixture(X, { nComponents: [1, 5], covarianceTypes: ['full', 'spherical'] });
    expect(selection.candidates).toHaveLength(10);
    expect(selection.best.nComponents).toBe(3);
    expect(selection.model.nComponents).toBe(3);
    const bestBic = Math.min(...selection.candidates.map((c) => c.bic));
    expect(selection.best.bic).toBe(bestBic);
    expectSegmentkitError(() => selectGaussianMixture(X, { nComponents: [3, 1] }), 'E_PARAM', /nComponents\[1\]/);
  });
});
