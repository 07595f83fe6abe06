import { describe, expect, it } from 'vitest';
import { LogTransformer, LogTransformerModel, minimizeScalar, PowerTransformer, PowerTransformerModel } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { expectMatrixClose, scalerReference } from './scalerReference';

const ref = scalerReference();
const yjX = ref.X.map((row) => ref.yeoJohnsonColumns.map((j) => row[j]!));
const yjNew = ref.XNew.map((row) => ref.yeoJohnsonColumns.map((j) => row[j]!));
const positive = ref.positive.map((row) => row.slice(0, 3));

describe('PowerTransformer matches scikit-learn 1.2 (test/reference/scripts/scalers.py)', () => {
  for (const [name, params, X, XNew] of [
    ['PowerTransformer_yeojohnson', { method: 'yeo-johnson' }, yjX, yjNew],
    ['PowerTransformer_yeojohnson_raw', { method: 'yeo-johnson', standardize: false }, yjX, yjNew],
    ['PowerTransformer_boxcox', { method: 'box-cox' }, positive, ref.positiveNew],
    ['PowerTransformer_boxcox_raw', { method: 'box-cox', standardize: false }, positive, ref.positiveNew],
  ] as const) {
    it(`${name}: λ by maximum likelihood, transform and inverse`, () => {
      const c = ref.cases[name]!;
      const model = new PowerTransformer(params).fit(X);
      // Both sides run Brent's method to a relative tolerance of 1.48e-8, but the log-likelihood is flat at its
      // maximum, so last-digit differences between Math.pow and numpy's power move λ by up to ~1e-7.
      expectMatrixClose(model.lambdas, c.lambdas!, 1e-5, 1e-7);
      expectMatrixClose(model.transform(X), c.transform, 1e-6, 1e-7);
      expectMatrixClose(model.transform(XNew), c.transformNew, 1e-6, 1e-7);
      // the inverse raises to 1/λ (≈ 30 for a spend-like column), which magnifies that λ difference ~30-fold
      expectMatrixClose(model.inverseTransform(XNew), c.inverseNew!, 1e-5, 1e-7);
    });
  }

  it('inverse(transform(x)) = x and the JSON round trip keeps λ', () => {
    const model = new PowerTransformer().fit(yjX);
    expectMatrixClose(model.inverseTransform(model.transform(yjX)), yjX, 1e-9, 1e-9);
    const restored = PowerTransformerModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(restored.lambdas).toEqual(model.lambdas);
    expect(restored.transform(yjNew)).toEqual(model.transform(yjNew));
  });

  it('Box–Cox rejects non-positive values with E_DOMAIN naming the cell', () => {
    expectSegmentkitError(() => new PowerTransformer({ method: 'box-cox' }).fit([[1], [0]]), 'E_DOMAIN', /X\[1\]\[0\] is 0.*yeo-johnson/);
    expectSegmentkitError(() => new PowerTransformer({ method: 'boxcox' as never }), 'E_PARAM', /'yeo-johnson', 'box-cox'/);
  });
});

describe('minimizeScalar (Brent, as scipy.optimize.brent)', () => {
  it('finds the minimum of smooth functions from a bracket', () => {
    expect(minimizeScalar((x) => (x - 2) ** 2).x).toBeCloseTo(2, 7);
    expect(minimizeScalar((x) => Math.cosh(x - 0.3), { bracket: [-2, 2] }).x).toBeCloseTo(0.3, 7);
    expect(minimizeScalar((x) => x ** 4 - 3 * x, { bracket: [-2, 2] }).x).toBeCloseTo(Math.cbrt(3 / 4), 6);
  });

  it('reports a function unbounded below', () => {
    expectSegmentkitError(() => minimizeScalar((x) => -x), 'E_CONVERGENCE', /unbounded below/);
  });
});

describe('LogTransformer', () => {
  it('is log1p with expm1 as inverse, and round-trips through JSON', () => {
    const model = new LogTransformer().fit([
      [0, 9],
      [99, 0],
    ]);
    expectMatrixClose(model.transform([[0, 9]]), [[0, Math.log(10)]], 1e-15);
    expectMatrixClose(model.inverseTransform(model.transform([[123.45, 0.5]])), [[123.45, 0.5]], 1e-14);
    expect(LogTransformerModel.fromJSON(JSON.parse(JSON.stringify(model))).nFeatures).toBe(2);
  });

  it('rejects values ≤ −1 with E_DOMAIN naming the cell and the fix', () => {
    expectSegmentkitError(
      () => new LogTransformer().fit([[1], [-3]]),
      'E_DOMAIN',
      /X\[1\]\[0\] is -3; log1p needs values > −1.*yeo-johnson/,
    );
    const model = new LogTransformer().fit([[1]]);
    expectSegmentkitError(() => model.transform([[-1]]), 'E_DOMAIN');
  });
});
