import { describe, expect, it } from 'vitest';
import { PCA, type PCAModel } from 'segmentkit';

import { loadReference } from '../helpers/reference';

interface PCACase {
  name: string;
  note: string;
  data: string;
  params: { nComponents: number | null; whiten: boolean };
  nComponents: number;
  compareComponents: number;
  components: number[][];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  singularValues: number[];
  mean: number[];
  noiseVariance: number;
  XNew: number[][];
  transform: number[][];
  Z: number[][];
  inverseTransform: number[][];
}

const ref = loadReference<{ datasets: Record<string, number[][]>; cases: PCACase[] }>('pca.json');

/** Relative difference, except for values that are numerically zero next to `scale` (compared absolutely). */
function difference(actual: number, expected: number, scale: number): number {
  const zeroLevel = 1e-12 * scale;
  if (Math.abs(expected) <= zeroLevel) return Math.abs(actual - expected) / scale;
  return Math.abs(actual - expected) / Math.abs(expected);
}

function maxDifference(actual: readonly number[], expected: readonly number[], scale: number): number {
  expect(actual.length).toBe(expected.length);
  return Math.max(0, ...expected.map((e, i) => difference(actual[i]!, e, scale)));
}

/** Largest |a − b| over the first `cols` columns of each row, relative to the largest |b| of the table. */
function tableError(actual: { data: Float64Array; cols: number }, expected: number[][], cols: number): number {
  let scale = 0;
  let error = 0;
  expected.forEach((row, i) =>
    row.slice(0, cols).forEach((value, j) => {
      scale = Math.max(scale, Math.abs(value));
      error = Math.max(error, Math.abs(actual.data[i * actual.cols + j]! - value));
    }),
  );
  return error / Math.max(scale, 1e-300);
}

function fitCase(c: PCACase): PCAModel {
  return new PCA({
    ...(c.params.nComponents === null ? {} : { nComponents: c.params.nComponents }),
    whiten: c.params.whiten,
    svdSolver: 'full',
  }).fit(ref.datasets[c.data]!);
}

describe('PCA matches scikit-learn 1.2 PCA(svd_solver="full") (test/reference/scripts/pca.py)', () => {
  for (const c of ref.cases) {
    it(`${c.name}${c.note ? ` (${c.note})` : ''}`, () => {
      const model = fitCase(c);
      const top = c.explainedVariance[0]!;
      expect(model.nComponents).toBe(c.nComponents);
      expect(maxDifference(model.explainedVariance, c.explainedVariance, top)).toBeLessThan(1e-9);
      expect(maxDifference(model.explainedVarianceRatio, c.explainedVarianceRatio, c.explainedVarianceRatio[0]!)).toBeLessThan(1e-9);
      expect(maxDifference(model.singularValues, c.singularValues, c.singularValues[0]!)).toBeLessThan(1e-9);
      expect(maxDifference(model.mean, c.mean, 1)).toBeLessThan(1e-13);
      expect(Math.abs(model.noiseVariance - c.noiseVariance)).toBeLessThanOrEqual(1e-9 * c.noiseVariance + 1e-12 * top);
      for (let r = 0; r < c.compareComponents; r++) {
        c.components[r]!.forEach((v, j) => expect(Math.abs(model.components[r]![j]! - v)).toBeLessThan(1e-9));
      }
      expect(tableError(model.transform(c.XNew), c.transform, c.compareComponents)).toBeLessThan(1e-9);
      if (c.compareComponents === c.nComponents) {
        expect(tableError(model.inverseTransform(c.Z), c.inverseTransform, c.mean.length)).toBeLessThan(1e-12);
      }
    });
  }

  it('the wide spread of variances (1e8) runs the Householder QR route, the others the cross-product or Gram route', () => {
    const methods = Object.fromEntries(ref.cases.map((c) => [c.name, fitCase(c).stats.method]));
    expect(methods.spread_1e8).toBe('householderQR');
    expect(methods.rank3_three_components).toBe('householderQR'); // noise variance numerically zero
    expect(methods.tall_all_components).toBe('crossProduct');
    expect(methods.offset_1e6).toBe('crossProduct');
    expect(methods.wide_five).toBe('gram');
    expect(methods.wide_all).toBe('householderQR'); // the 20th variance is zero
  });
});
