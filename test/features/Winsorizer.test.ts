import { describe, expect, it } from 'vitest';
import { outlierMask, Winsorizer, WinsorizerModel } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

import { loadReference } from '../helpers/reference';

import { expectMatrixClose } from './scalerReference';

interface WinsorizerCase {
  lower: number[];
  upper: number[];
  transformNew: number[][];
}
const ref = loadReference<{ winsorizer: { X: number[][]; XNew: number[][]; default: WinsorizerCase; q05_95: WinsorizerCase } }>(
  'imputation.json',
).winsorizer;

describe('Winsorizer matches numpy quantiles + clip (test/reference/scripts/imputation.py)', () => {
  for (const [name, params] of [
    ['default', {}],
    ['q05_95', { quantiles: [0.05, 0.95] as const }],
  ] as const) {
    it(`${name}: limits and clipped values`, () => {
      const c = ref[name];
      const model = new Winsorizer(params).fit(ref.X);
      expectMatrixClose(model.lower, c.lower, 1e-14);
      expectMatrixClose(model.upper, c.upper, 1e-14);
      expectMatrixClose(model.transform(ref.XNew), c.transformNew, 1e-14);
    });
  }

  it('round-trips through JSON and rejects bad quantiles', () => {
    const model = new Winsorizer().fit(ref.X);
    expect(WinsorizerModel.fromJSON(JSON.parse(JSON.stringify(model))).toJSON()).toEqual(model.toJSON());
    expectSegmentkitError(() => new Winsorizer({ quantiles: [0.9, 0.1] }), 'E_PARAM', /low < high/);
  });
});

describe('outlierMask', () => {
  // hand-derived: values 1..9 and 100. Q1 = 3.25, Q3 = 7.75, IQR = 4.5 → fences [−3.5, 14.5]
  const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map((v) => [v]);

  it("flags rows outside Tukey's fences without dropping anything", () => {
    const report = outlierMask(rows);
    expect(report.bounds[0]).toEqual([-3.5, 14.5]);
    expect(Array.from(report.mask)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(report.count).toBe(1);
    expect(report.byColumn).toEqual([1]);
  });

  it('z-score and MAD methods, and any flagged column flags the row', () => {
    expect(outlierMask(rows, { method: 'zscore', threshold: 2 }).count).toBe(1);
    // median 5.5, MAD = 2.5 → half-width 3.5 · 2.5 / 0.6745
    const mad = outlierMask(rows, { method: 'mad' });
    expect(mad.bounds[0]![1]).toBeCloseTo(5.5 + (3.5 * 2.5) / 0.6745, 12);
    expect(mad.count).toBe(1);
    expect(
      outlierMask(
        [
          [1, 0],
          [2, 0],
          [3, 50],
          [2, 0],
          [1, 0],
        ],
        { method: 'iqr' },
      ).byColumn,
    ).toEqual([0, 0]);
    expect(
      outlierMask(
        [
          [1, 1],
          [2, 2],
          [3, 3],
          [2, 2],
          [60, 1],
        ],
        { method: 'zscore', threshold: 1.5 },
      ).mask[4],
    ).toBe(1);
  });

  it('rejects unknown methods and non-positive thresholds', () => {
    expectSegmentkitError(() => outlierMask(rows, { method: 'sigma' as never }), 'E_PARAM', /'iqr', 'zscore', 'mad'/);
    expectSegmentkitError(() => outlierMask(rows, { threshold: 0 }), 'E_PARAM', /threshold/);
  });
});
