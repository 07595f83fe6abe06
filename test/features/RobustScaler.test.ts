import { describe, expect, it } from 'vitest';
import { RobustScaler, RobustScalerModel } from 'segmentkit';

import fc from 'fast-check';
import { expectSegmentkitError } from '../helpers/expectError';

import { expectMatrixClose, scalerReference } from './scalerReference';

const ref = scalerReference();

describe('RobustScaler matches scikit-learn 1.2 (test/reference/scripts/scalers.py)', () => {
  for (const [name, params] of [
    ['RobustScaler', {}],
    ['RobustScaler_10_90', { quantileRange: [10, 90] as const }],
    ['RobustScaler_unitVariance', { unitVariance: true }],
  ] as const) {
    it(`${name}: median, scale (zero IQR → 1), transform, inverse`, () => {
      const c = ref.cases[name]!;
      const model = new RobustScaler(params).fit(ref.X);
      expectMatrixClose(model.center, c.center!, 1e-14, 1e-14);
      expectMatrixClose(model.scale, c.scale!, 1e-13);
      expectMatrixClose(model.transform(ref.X), c.transform, 1e-11, 1e-11);
      expectMatrixClose(model.transform(ref.XNew), c.transformNew, 1e-11, 1e-11);
      expectMatrixClose(model.inverseTransform(ref.XNew), c.inverseNew!, 1e-12, 1e-9);
    });
  }

  it('is barely moved by one extreme customer (unlike the mean and standard deviation)', () => {
    const base = Array.from({ length: 99 }, (_, i) => [i]);
    const a = new RobustScaler().fit(base);
    const b = new RobustScaler().fit([...base, [1e9]]);
    expect(Math.abs(b.center[0]! - a.center[0]!)).toBeLessThan(1);
    expect(b.scale[0]! / a.scale[0]!).toBeLessThan(1.05);
  });

  it('is invariant to row order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 40 }), (values) => {
        const rows = values.map((v) => [v]);
        const forward = new RobustScaler().fit(rows);
        const backward = new RobustScaler().fit([...rows].reverse());
        expect(backward.center).toEqual(forward.center);
        expect(backward.scale).toEqual(forward.scale);
      }),
    );
  });

  it('round-trips through JSON and rejects bad options', () => {
    const model = new RobustScaler().fit([[1], [2], [10]]);
    expect(RobustScalerModel.fromJSON(JSON.parse(JSON.stringify(model))).toJSON()).toEqual(model.toJSON());
    expectSegmentkitError(() => new RobustScaler({ quantileRange: [75, 25] }), 'E_PARAM', /low < high/);
    expectSegmentkitError(() => new RobustScaler({ quantileRange: [25, 175] }), 'E_PARAM', /quantileRange\[1\]/);
  });
});
