import { describe, expect, it } from 'vitest';
import { SimpleImputer, SimpleImputerModel } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { loadReference } from '../helpers/reference';

import { expectMatrixClose } from './scalerReference';

interface ImputationReference {
  X: (number | null)[][];
  XNew: (number | null)[][];
  imputer: Record<string, { statistics: number[]; transformNew: number[][] }>;
}
const ref = loadReference<ImputationReference>('imputation.json');
const nan = (rows: (number | null)[][]): number[][] => rows.map((r) => r.map((v) => (v === null ? NaN : v)));

describe('SimpleImputer matches scikit-learn 1.2 (test/reference/scripts/imputation.py)', () => {
  for (const [strategy, params] of [
    ['mean', {}],
    ['median', {}],
    ['most_frequent', {}],
    ['constant', { fillValue: -7.5 }],
  ] as const) {
    it(`strategy '${strategy}': statistics (ties → smallest) and transform`, () => {
      const c = ref.imputer[strategy]!;
      const model = new SimpleImputer({ strategy, ...params }).fit(nan(ref.X));
      expectMatrixClose(model.statistics, c.statistics, 1e-14);
      expectMatrixClose(model.transform(nan(ref.XNew)), c.transformNew, 1e-14);
    });
  }
});

describe('SimpleImputer', () => {
  it('refuses a column with no values unless the strategy is constant', () => {
    expectSegmentkitError(
      () =>
        new SimpleImputer().fit([
          [1, NaN],
          [2, NaN],
        ]),
      'E_EMPTY',
      /column 1 has no values.*'constant'/,
    );
    expect(new SimpleImputer({ strategy: 'constant' }).fit([[1, NaN]]).statistics).toEqual([0, 0]);
  });

  it('keeps ±Infinity an error, and rejects bad options', () => {
    expectSegmentkitError(() => new SimpleImputer().fit([[Infinity]]), 'E_NOT_FINITE');
    expectSegmentkitError(() => new SimpleImputer({ strategy: 'mode' as never }), 'E_PARAM', /'most_frequent'/);
    expectSegmentkitError(() => new SimpleImputer({ strategy: 'constant', fillValue: 'n/a' }).fit([[1]]), 'E_PARAM', /text/);
  });

  it('round-trips through JSON and leaves the input untouched', () => {
    const X = [
      [1, NaN],
      [NaN, 4],
    ];
    const model = new SimpleImputer().fit(X);
    expect(Number.isNaN(X[0]![1])).toBe(true);
    expect(SimpleImputerModel.fromJSON(JSON.parse(JSON.stringify(model))).transform(X)).toEqual(model.transform(X));
  });
});
