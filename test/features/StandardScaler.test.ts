import { describe, expect, it } from 'vitest';
import { StandardScaler, StandardScalerModel } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { expectMatrixClose, scalerReference } from './scalerReference';

const ref = scalerReference();

describe('StandardScaler matches scikit-learn 1.2 (test/reference/scripts/scalers.py)', () => {
  for (const [name, params] of [
    ['StandardScaler', {}],
    ['StandardScaler_noMean', { withMean: false }],
    ['StandardScaler_noStd', { withStd: false }],
  ] as const) {
    it(`${name}: mean, var, scale, transform, inverse (constant and 1e9-constant columns get scale 1)`, () => {
      const c = ref.cases[name]!;
      const model = new StandardScaler(params).fit(ref.X);
      if (params !== undefined && !('withMean' in params)) expectMatrixClose(model.mean, c.mean!, 1e-12);
      if (c.scale !== undefined) expectMatrixClose(model.scale, c.scale, 1e-12);
      if (c.var !== undefined) expectMatrixClose(model.var, c.var, 1e-11, 1e-12);
      expectMatrixClose(model.transform(ref.X), c.transform, 1e-10, 1e-12);
      expectMatrixClose(model.transform(ref.XNew), c.transformNew, 1e-10, 1e-12);
      expectMatrixClose(model.inverseTransform(ref.XNew), c.inverseNew!, 1e-10, 1e-9);
    });
  }
});

describe('StandardScaler', () => {
  it('round-trips through JSON and never mutates its input', () => {
    const X = [
      [1, 2],
      [3, 4],
      [5, 9],
    ];
    const copy = structuredClone(X);
    const model = new StandardScaler().fit(X);
    const restored = StandardScalerModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(restored.transform(X)).toEqual(model.transform(X));
    expect(X).toEqual(copy);
    expect(Object.isFrozen(model)).toBe(true);
  });

  it('gives clear errors', () => {
    expectSegmentkitError(() => new StandardScaler({ withMeans: true } as never), 'E_PARAM', /did you mean 'withMean'/);
    expectSegmentkitError(() => new StandardScaler().fit([[1, NaN]]), 'E_NOT_FINITE', /impute/);
    const model = new StandardScaler().fit([[1, 2]]);
    expectSegmentkitError(() => model.transform([[1]]), 'E_SHAPE', /1 columns but the model was fitted on 2/);
    expectSegmentkitError(() => StandardScalerModel.fromJSON({ ...model.toJSON(), scale: [0, 1] }), 'E_MODEL', /scale/);
  });
});
