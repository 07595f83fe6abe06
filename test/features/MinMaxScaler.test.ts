import { describe, expect, it } from 'vitest';
import { MinMaxScaler, MinMaxScalerModel } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { expectMatrixClose, scalerReference } from './scalerReference';

const ref = scalerReference();

describe('MinMaxScaler matches scikit-learn 1.2 (test/reference/scripts/scalers.py)', () => {
  for (const [name, params] of [
    ['MinMaxScaler', {}],
    ['MinMaxScaler_range', { featureRange: [-1, 3] as const }],
  ] as const) {
    it(`${name}: data min/max, transform, inverse (constant columns map to the range minimum)`, () => {
      const c = ref.cases[name]!;
      const model = new MinMaxScaler(params).fit(ref.X);
      expectMatrixClose(model.dataMin, c.data_min!, 0);
      expectMatrixClose(model.dataMax, c.data_max!, 0);
      expectMatrixClose(model.transform(ref.X), c.transform, 1e-12, 1e-12);
      expectMatrixClose(model.transform(ref.XNew), c.transformNew, 1e-12, 1e-12);
      expectMatrixClose(model.inverseTransform(ref.XNew), c.inverseNew!, 1e-12, 1e-9);
    });
  }

  it('round-trips through JSON and rejects bad options and models', () => {
    const model = new MinMaxScaler().fit([[1], [5]]);
    expect(MinMaxScalerModel.fromJSON(JSON.parse(JSON.stringify(model))).transform([[3]])).toEqual(model.transform([[3]]));
    expectSegmentkitError(() => new MinMaxScaler({ featureRange: [1, 1] }), 'E_PARAM', /min < max/);
    expectSegmentkitError(() => MinMaxScalerModel.fromJSON({ ...model.toJSON(), dataMax: [0] }), 'E_MODEL', /dataMin ≤ dataMax/);
    expectSegmentkitError(() => model.transform([[1, 2]]), 'E_SHAPE');
  });
});
