import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture } from 'segmentkit';

import { loadReference } from '../../helpers/reference';

import { expectMatrixClose } from '../../features/scalerReference';

interface GmmCase {
  covarianceType: CovarianceType;
  tol: number;
  maxIter: number;
  precisionsInit: number[] | number[][] | number[][][];
  weights: number[];
  means: number[][];
  covariances: unknown;
  precisions: unknown;
  precisionsCholesky: unknown;
  lowerBound: number;
  nIter: number;
  converged: boolean;
  predictProba: number[][];
  scoreSamples: number[];
  predict: number[];
  bic: number;
  aic: number;
}
const ref = loadReference<{ X: number[][]; XNew: number[][]; weightsInit: number[]; meansInit: number[][]; cases: GmmCase[] }>(
  'gaussian_mixture.json',
);
const flat = (value: unknown): number[] => (Array.isArray(value) ? (value as unknown[]).flatMap(flat) : [value as number]);

describe('GaussianMixture matches scikit-learn 1.2 (weights, means and precisions given; test/reference/scripts/gaussian_mixture.py)', () => {
  for (const c of ref.cases) {
    it(`${c.covarianceType}, tol ${c.tol}, maxIter ${c.maxIter}: parameters, lower bound, iterations, probabilities, BIC/AIC`, () => {
      const gm = new GaussianMixture({
        nComponents: 3,
        covarianceType: c.covarianceType,
        tol: c.tol,
        maxIter: c.maxIter,
        weightsInit: ref.weightsInit,
        meansInit: ref.meansInit,
        precisionsInit: c.precisionsInit,
      }).fit(ref.X);
      expect(gm.nIter).toBe(c.nIter);
      expect(gm.converged).toBe(c.converged);
      expectMatrixClose(gm.weights, c.weights, 1e-6, 1e-9);
      expectMatrixClose(flat(gm.means), flat(c.means), 1e-6, 1e-8);
      expectMatrixClose(flat(gm.covariances), flat(c.covariances), 1e-6, 1e-8);
      expectMatrixClose(flat(gm.precisions), flat(c.precisions), 1e-6, 1e-8);
      expectMatrixClose(flat(gm.precisionsCholesky), flat(c.precisionsCholesky), 1e-6, 1e-8);
      expect(Math.abs(gm.lowerBound - c.lowerBound)).toBeLessThan(1e-6 * Math.abs(c.lowerBound));
      expectMatrixClose(gm.predictProba(ref.XNew), c.predictProba, 1e-6, 1e-8);
      expectMatrixClose(Array.from(gm.scoreSamples(ref.XNew)), c.scoreSamples, 1e-6);
      expect(Array.from(gm.predict(ref.XNew))).toEqual(c.predict);
      expect(Math.abs(gm.bic(ref.X) - c.bic)).toBeLessThan(1e-6 * Math.abs(c.bic));
      expect(Math.abs(gm.aic(ref.X) - c.aic)).toBeLessThan(1e-6 * Math.abs(c.aic));
    });
  }
});
