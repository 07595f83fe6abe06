import { describe, expect, it } from 'vitest';
import { MaxAbsScaler, MaxAbsScalerModel } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { expectMatrixClose, scalerReference } from './scalerReference';

const ref = scalerReference();

describe('MaxAbsScaler matches scikit-learn 1.2 (test/reference/scripts/scalers.py)', () => {
  it('max |x|, transform, inverse', () => {
    const c = ref.cases.MaxAbsScaler!;
    const model = new MaxAbsScaler().fit(ref.X);
    expectMatrixClose(model.maxAbs, c.max_abs!, 0);
    expectMatrixClose(model.transform(ref.X), c.transform, 1e-15, 1e-15);
    expectMatrixClose(model.transform(ref.XNew), c.transformNew, 1e-15, 1e-15);
    expectMatrixClose(model.inverseTransform(ref.XNew), c.inverseNew!, 1e-15, 1e-9);
  });

  it('leaves an all-zero column unchanged and round-trips through JSON', () => {
    const model = new MaxAbsScaler().fit([
      [0, 2],
      [0, -4],
    ]);
    expect(Array.from(model.transform([[0, 1]]).data)).toEqual([0, 0.25]);
    expect(MaxAbsScalerModel.fromJSON(JSON.parse(JSON.stringify(model))).maxAbs).toEqual([0, 4]);
    expectSegmentkitError(() => new MaxAbsScaler({ clip: true } as never), 'E_PARAM', /unknown option 'clip'/);
  });
});
