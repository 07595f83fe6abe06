// Unit tests of internals too: blockResponsibilities, EM_BLOCK_ROWS, emIteration, normalizeResponsibilities, weightedLogProb, … (imported from src/, not part of the public API).
import fc from 'fast-check';
import { type CovarianceType, GaussianMixture, makeBlobs } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { addMatrixProduct } from '../../../src/core/addMatrixProduct';
import { EXP_SMALL_NEGATIVE_TABLES, expSmallNegativeWith } from '../../../src/core/portableMath';
import { blockResponsibilities, EM_BLOCK_ROWS, NEGLIGIBLE_LOG_RATIO } from '../../../src/cluster/gaussianMixture/emKernels';
import { emIteration } from '../../../src/cluster/gaussianMixture/emIteration';
import { normalizeResponsibilities, weightedLogProb } from '../../../src/cluster/gaussianMixture/eStep';
import {
  estimateGaussianParameters,
  precisionFromCovariance,
  type GaussianParameters,
} from '../../../src/cluster/gaussianMixture/gaussianParameters';

function closeTo(actual: ArrayLike<number>, expected: ArrayLike<number>, relative: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(relative * (1 + Math.abs(expected[i]!)));
  }
}

describe('blockResponsibilities', () => {
  it("lists each component's non-negligible terms in row order, drops those below e^-40 of the largest, and gives each row's largest log-density and sum of terms", () => {
    const k = 4;
    const imports = { addMatrixProduct, expSmallNegativeWith };
    const { fractions, powers } = EXP_SMALL_NEGATIVE_TABLES;
    const counts = new Int32Array(k);
    const rows = new Int32Array(k * EM_BLOCK_ROWS);
    const values = new Float64Array(k * EM_BLOCK_ROWS);
    const inverses = new Float64Array(EM_BLOCK_ROWS);
    const rowMax = new Float64Array(5);
    const rowSum = new Float64Array(5);
    const run = (logProb: number[], n: number, start: number): void =>
      blockResponsibilities(
        imports,
        Float64Array.from(logProb),
        n,
        k,
        EM_BLOCK_ROWS,
        NEGLIGIBLE_LOG_RATIO,
        fractions,
        powers,
        counts,
        rows,
        values,
        inverses,
        rowMax,
        rowSum,
        start,
      );
    run([-3, -4, -53, -42.9, /* second row: one owner */ 7, -40, -33.5, 7 - 41], 2, 1);
    const first = 1 + Math.exp(-1) + Math.exp(-39.9);
    const responsibility = (c: number, j: number): number => values[c * EM_BLOCK_ROWS + j]! * inverses[rows[c * EM_BLOCK_ROWS + j]!]!;
    expect(Array.from(counts)).toEqual([2, 1, 0, 1]);
    expect([rows[0], rows[1], rows[EM_BLOCK_ROWS], rows[3 * EM_BLOCK_ROWS]]).toEqual([0, 1, 0, 0]);
    expect(responsibility(0, 0)).toBeCloseTo(1 / first, 15);
    expect(responsibility(1, 0)).toBeCloseTo(Math.exp(-1) / first, 15);
    expect(responsibility(3, 0) / (Math.exp(-39.9) / first)).toBeCloseTo(1, 12);
    // the second row: component 0 alone, responsibility exactly 1
    expect(values[1]).toBe(1);
    expect(inverses[1]).toBe(1);
    // rows land at start + i; the log-likelihood is max + log(sum)
    expect(Array.from(rowMax)).toEqual([0, -3, 7, 0, 0]);
    expect(rowSum[1]).toBeCloseTo(first, 15);
    expect(rowSum[2]).toBe(1);
    // the buffers are reused: a second block starts from empty lists
    run([0, -50, -50, -50], 1, 0);
    expect(Array.from(counts)).toEqual([1, 0, 0, 0]);
  });
});

/** Random but valid parameters: means from rows, covariances from random responsibilities. */
function randomParameters(data: Float64Array, n: number, d: number, k: number, type: CovarianceType, seed: number): GaussianParameters {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += resp[i * k + c] = 0.05 + next();
    for (let c = 0; c < k; c++) resp[i * k + c] = resp[i * k + c]! / sum;
  }
  const { nk, means, covariances } = estimateGaussianParameters(data, n, d, resp, k, type, 1e-3);
  let total = 0;
  for (const v of nk) total += v;
  const weights = nk.map((v) => v / total);
  for (let c = 0; c < k; c++) means.set(data.subarray(((c * 7) % n) * d, ((c * 7) % n) * d + d), c * d);
  return { type, k, d, weights, means, covariances, ...precisionFromCovariance(type, k, d, covariances, 'test') };
}

describe('emIteration', () => {
  it('equals a plain E-step (all responsibilities) followed by the two-pass M-step, for every covariance type and row count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 * EM_BLOCK_ROWS + 7 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<CovarianceType>('full', 'tied', 'diag', 'spherical'),
        fc.nat(10_000),
        (n, d, kWanted, type, seed) => {
          const k = Math.min(kWanted, n);
          const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: 3, clusterStd: 1.5, seed });
          const current = randomParameters(X.data, n, d, k, type, seed + 1);
          const { lowerBound, parameters } = emIteration(X.data, n, current, 1e-3, 'test');

          const resp = new Float64Array(n * k);
          weightedLogProb(X.data, n, current, resp);
          const expectedLowerBound = normalizeResponsibilities(resp, n, k) / n;
          const expected = estimateGaussianParameters(X.data, n, d, resp, k, type, 1e-3);
          let total = 0;
          for (const v of expected.nk) total += v;
          expect(Math.abs(lowerBound - expectedLowerBound)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(expectedLowerBound)));
          closeTo(
            parameters.weights,
            expected.nk.map((v) => v / total),
            1e-9,
          );
          closeTo(parameters.means, expected.means, 1e-9);
          closeTo(parameters.covariances!, expected.covariances, 1e-8);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fits data far from the origin as it fits the same data centred (means shifted, covariances equal)', () => {
    const { X } = makeBlobs({ nSamples: 3000, nFeatures: 3, centers: 4, clusterStd: 1, seed: 2 });
    const shift = 1e6;
    const shifted = { data: X.data.map((v) => v + shift), rows: X.rows, cols: X.cols };
    const meansInit = { data: X.data.slice(0, 12), rows: 4, cols: 3 };
    const shiftedInit = { data: meansInit.data.map((v) => v + shift), rows: 4, cols: 3 };
    for (const covarianceType of ['full', 'diag'] as const) {
      const base = new GaussianMixture({
        nComponents: 4,
        covarianceType,
        meansInit,
        weightsInit: [0.25, 0.25, 0.25, 0.25],
        precisionsInit:
          covarianceType === 'full'
            ? Array.from({ length: 4 }, () => [
                [1, 0, 0],
                [0, 1, 0],
                [0, 0, 1],
              ])
            : Array.from({ length: 4 }, () => [1, 1, 1]),
        maxIter: 30,
        tol: 0,
      }).fit(X);
      const far = new GaussianMixture({
        nComponents: 4,
        covarianceType,
        meansInit: shiftedInit,
        weightsInit: [0.25, 0.25, 0.25, 0.25],
        precisionsInit:
          covarianceType === 'full'
            ? Array.from({ length: 4 }, () => [
                [1, 0, 0],
                [0, 1, 0],
                [0, 0, 1],
              ])
            : Array.from({ length: 4 }, () => [1, 1, 1]),
        maxIter: 30,
        tol: 0,
      }).fit(shifted);
      closeTo(
        far.means.flat().map((v) => v - shift),
        base.means.flat(),
        1e-6,
      );
      closeTo(
        (far.covariances as number[][] | number[][][]).flat(2) as number[],
        (base.covariances as number[][] | number[][][]).flat(2) as number[],
        1e-6,
      );
      expect(far.lowerBound).toBeCloseTo(base.lowerBound, 6);
    }
  });
});
