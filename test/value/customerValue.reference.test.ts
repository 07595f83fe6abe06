import { BetaGeoFitter, BetaGeoModel, clvSummary, GammaGammaFitter } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { readTestData } from '../helpers/csv';
import { loadReference, relativeError } from '../helpers/reference';

interface Ref {
  betaGeo: {
    params: number[];
    logLikelihood: number;
    standardErrors: number[];
    conditional: { frequency: number; recency: number; T: number; t: number; value: number }[];
    alive: { frequency: number; recency: number; T: number; value: number }[];
    population: { t: number; value: number }[];
    probabilityOfPurchases: { n: number; t: number; value: number }[];
  };
  gammaGamma: {
    params: number[];
    logLikelihood: number;
    standardErrors: number[];
    expectedAverageValue: { frequency: number; monetaryValue: number; value: number }[];
    population: number;
  };
}
const ref = loadReference<Ref>('customer_value.json');

function summaryCsv(file: string): Record<string, number>[] {
  const [header, ...lines] = readTestData(file).trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, Number(v)])));
}
const cdnow = summaryCsv('cdnow/cdnow_customers_summary.csv').map((r) => ({ frequency: r.frequency!, recency: r.recency!, T: r.T! }));

describe('BG/NBD on the CDNOW cohort reproduces Fader, Hardie & Lee (2005)', () => {
  const model = new BetaGeoFitter().fit(cdnow);
  it('the paper’s estimates: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4', () => {
    const { r, alpha, a, b } = model.params;
    expect([r, alpha, a, b].map((v) => Number(v.toFixed(3)))).toEqual([0.243, 4.414, 0.793, 2.426]);
    expect(model.fit.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(model.fit.converged).toBe(true);
    // and the maximum scipy finds from the same formulas, with its Hessian's standard errors
    [r, alpha, a, b].forEach((v, i) => expect(relativeError(v, ref.betaGeo.params[i]!)).toBeLessThan(1e-6));
    model.fit.standardErrors.forEach((se, i) => expect(relativeError(se!, ref.betaGeo.standardErrors[i]!)).toBeLessThan(1e-4));
  });
  it('the paper’s customer (x = 2, tₓ = 30.43, T = 38.86) expects 1.226 purchases in the next 39 weeks', () => {
    expect(model.expectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 }).toFixed(3)).toBe('1.226');
  });
  it('conditional and population expectations, P(alive) and P(n purchases) equal the formulas evaluated with scipy', () => {
    // at scipy's estimate, so only the formulas are compared
    const [r, alpha, a, b] = ref.betaGeo.params as [number, number, number, number];
    const model = BetaGeoModel.fromJSON({ ...new BetaGeoFitter().fit(cdnow).toJSON(), params: { r, alpha, a, b } });
    for (const c of ref.betaGeo.conditional) expect(relativeError(model.expectedPurchases(c.t, c), c.value)).toBeLessThan(1e-11);
    for (const c of ref.betaGeo.alive) expect(relativeError(model.probabilityAlive(c), c.value)).toBeLessThan(1e-12);
    for (const c of ref.betaGeo.population) expect(relativeError(model.expectedPurchases(c.t), c.value)).toBeLessThan(1e-11);
    for (const c of ref.betaGeo.probabilityOfPurchases)
      expect(relativeError(model.probabilityOfPurchases(c.n, c.t), c.value)).toBeLessThan(1e-8);
  });
});

describe('Gamma-Gamma on CDNOW’s 946 repeat buyers reproduces Fader, Hardie & Lee (2005)', () => {
  const rows = summaryCsv('cdnow/cdnow_customers_summary_with_transactions.csv').map((r) => ({ frequency: r.x!, monetaryValue: r.zbar! }));
  const model = new GammaGammaFitter().fit(rows);
  it('p = 6.25, q = 3.74, γ = 15.44', () => {
    const { p, q, gamma } = model.params;
    expect([p, q, gamma].map((v) => Number(v.toFixed(2)))).toEqual([6.25, 3.74, 15.45]);
    expect(model.nCustomers).toBe(946);
    [p, q, gamma].forEach((v, i) => expect(relativeError(v, ref.gammaGamma.params[i]!)).toBeLessThan(1e-6));
    expect(relativeError(model.fit.logLikelihood, ref.gammaGamma.logLikelihood)).toBeLessThan(1e-10);
    model.fit.standardErrors.forEach((se, i) => expect(relativeError(se!, ref.gammaGamma.standardErrors[i]!)).toBeLessThan(1e-4));
  });
  it('expected average values equal the formula', () => {
    for (const c of ref.gammaGamma.expectedAverageValue) expect(relativeError(model.expectedAverageValue(c), c.value)).toBeLessThan(1e-6);
    expect(relativeError(model.expectedAverageValue({ frequency: 0, monetaryValue: 0 }), ref.gammaGamma.population)).toBeLessThan(1e-6);
  });
});

describe('clvSummary rebuilds the paper’s CDNOW summary from the raw transactions', () => {
  it('frequency, recency and T (weeks) of all 2,357 customers, calibration to 1997-09-30', () => {
    const transactions = readTestData('cdnow/CDNOW_sample.txt')
      .trim()
      .split(/\r?\n/)
      .map((line) => {
        const [, id, date, , value] = line.trim().split(/\s+/);
        return { customerId: Number(id), timestamp: date!, amount: Number(value) };
      })
      .filter((t) => t.timestamp <= '19970930');
    const summary = clvSummary(transactions, { dateFormat: 'YYYYMMDD', asOf: '1997-09-30', period: 'day', unit: 7 });
    expect(summary.length).toBe(cdnow.length);
    summary.forEach((row, i) => {
      expect(row.frequency).toBe(cdnow[i]!.frequency);
      expect(row.recency.toFixed(2)).toBe(cdnow[i]!.recency.toFixed(2));
      expect(row.T.toFixed(2)).toBe(cdnow[i]!.T.toFixed(2));
    });
  });
});
