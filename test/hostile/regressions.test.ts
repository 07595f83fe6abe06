// Defects the hostile-input sweep found, pinned with reference values (scipy), so a fix cannot quietly regress
// when the sweep's fixtures change.
import { BetaGeoModel, explainSegments, profileSegments, welchTTest } from 'segmentkit';
import { describe, expect, it } from 'vitest';

describe('hostile-input regressions', () => {
  it('BG/NBD with a + b < 1 (a fit on few customers gives it) expects finite purchases, as lifetimes/scipy', () => {
    // ₂F₁(r, b; a + b − 1; z) with a negative third parameter: scipy.special.hyp2f1 gives −4.6756, not NaN
    const params = { r: 0.7808131135417085, alpha: 2.8220008941979087, a: 0.0786556488926705, b: 0.7248628510539065 };
    const model = BetaGeoModel.fromJSON({
      kind: 'BetaGeoModel',
      version: 1,
      params,
      logLikelihood: 0,
      standardErrors: [null, null, null, null],
      converged: true,
      iterations: 0,
      penalizer: 0,
      nCustomers: 8,
    });
    // (a+b−1)/(a−1) · [1 − (α/(α+t))^r · hyp2f1(r, b, a+b−1, t/(α+t))] with scipy
    expect(model.expectedPurchases(3)).toBeCloseTo(0.7797026572143564, 12);
    expect(model.expectedPurchases(42)).toBeCloseTo(9.206425975762022, 11);
    expect(Number.isFinite(model.expectedPurchases(3, { frequency: 0, recency: 0, T: 10 }))).toBe(true);
  });

  it('welchTTest on values near ±1e308 gives the statistic of the same data scaled down (it is scale-free)', () => {
    const a = [1e308, -1e308, 5e307];
    const b = [-1e308, -5e307, 1e307];
    const scaled = welchTTest(
      a.map((v) => v / 2 ** 1000),
      b.map((v) => v / 2 ** 1000),
    );
    const r = welchTTest(a, b);
    expect(r.statistic).toBeCloseTo(scaled.statistic!, 12);
    expect(r.df).toBeCloseTo(scaled.df!, 12);
    expect(r.meanA).toBeCloseTo(5e307 / 3, -290);
  });

  it('explainSegments with a model on data near ±1e308 reports the cost ratio of the data scaled down', () => {
    const X = [
      [1e308, 1],
      [-1e308, 2],
      [1e308, 3],
      [0, 4],
    ];
    const down = (rows: number[][]) => rows.map((row) => row.map((v) => v / 2 ** 1000));
    const centroids = [
      [2e307 / 3, 2],
      [-1e308, 2],
    ];
    const labels = [0, 1, 0, 0];
    const ratio = explainSegments(X, { centroids, labels }).costRatio;
    const reference = explainSegments(down(X), { centroids: down(centroids), labels }).costRatio;
    expect(reference).not.toBeNull();
    expect(ratio).toBeCloseTo(reference!, 12);
  });

  it('profileSegments refuses a column whose spread would overflow, naming it and saying to rescale', () => {
    expect(() => profileSegments([{ spend: 1e200 }, { spend: 1 }, { spend: 2 }, { spend: -1e200 }], [0, 0, 1, 1])).toThrow(
      /profileSegments: column "spend".*rescale/,
    );
  });
});
