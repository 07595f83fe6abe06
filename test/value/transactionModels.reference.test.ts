import {
  BetaGeoModel,
  customerLifetimeValue,
  GammaGammaModel,
  BetaGeoBetaBinomFitter,
  BetaGeoBetaBinomModel,
  ModifiedBetaGeoFitter,
  ModifiedBetaGeoModel,
  ParetoNBDFitter,
  ParetoNBDModel,
  SegmentkitError,
} from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { readTestData } from '../helpers/csv';
import { loadReference, relativeError } from '../helpers/reference';

interface ModelRef {
  params: number[];
  logLikelihood: number;
  standardErrors: number[];
  alive: { frequency: number; recency: number; T: number; value: number }[];
  conditional: { frequency: number; recency: number; T: number; t: number; value: number }[];
  population: { t: number; value: number }[];
  probabilityOfPurchases?: { n: number; t: number; value: number }[];
}
interface ClvRef {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  horizon: number;
  discountRate: number;
  value: number;
}
const ref = loadReference<{ paretoNBD: ModelRef; modifiedBetaGeo: ModelRef; betaGeoBetaBinom: ModelRef; customerLifetimeValue: ClvRef[] }>(
  'transaction_models.json',
);
const valueRef = loadReference<{ betaGeo: { params: number[] }; gammaGamma: { params: number[] } }>('customer_value.json');

function summaryCsv(file: string): Record<string, number>[] {
  const [header, ...lines] = readTestData(file).trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, Number(v)])));
}
const cdnow = summaryCsv('cdnow/cdnow_customers_summary.csv').map((r) => ({ frequency: r.frequency!, recency: r.recency!, T: r.T! }));
const donations = summaryCsv('cdnow/donations.csv').map((r) => ({
  frequency: r.frequency!,
  recency: r.recency!,
  T: r.periods!,
  weight: r.weights!,
}));

interface FittedValueModel {
  readonly params: object;
  readonly fit: { logLikelihood: number; standardErrors: readonly (number | null)[]; converged: boolean };
  probabilityAlive(c: { frequency: number; recency: number; T: number }): number;
  expectedPurchases(t: number, c?: { frequency: number; recency: number; T: number }): number;
  toJSON(): unknown;
}

/** The checks every model gets against its scipy reference. */
function matchesReference(model: FittedValueModel, r: ModelRef): void {
  it('the maximum scipy finds on the same formulas, and its Hessian’s standard errors', () => {
    Object.values(model.params).forEach((v: number, i) => expect(relativeError(v, r.params[i]!)).toBeLessThan(1e-5));
    expect(Math.abs(model.fit.logLikelihood - r.logLikelihood)).toBeLessThan(1e-6);
    expect(model.fit.converged).toBe(true);
    model.fit.standardErrors.forEach((se, i) => expect(relativeError(se!, r.standardErrors[i]!)).toBeLessThan(1e-3));
  });
  it('P(alive) per customer', () => {
    for (const c of r.alive) expect(Math.abs(model.probabilityAlive(c) - c.value)).toBeLessThan(1e-6);
  });
  it('conditional expected purchases', () => {
    for (const c of r.conditional) expect(relativeError(model.expectedPurchases(c.t, c), c.value)).toBeLessThan(1e-5);
  });
  it('population expected purchases', () => {
    for (const c of r.population) expect(relativeError(model.expectedPurchases(c.t), c.value)).toBeLessThan(1e-5);
  });
}

describe('Pareto/NBD on CDNOW reproduces Fader & Hardie’s note (r 0.55, α 10.58, s 0.61, β 11.67, LL −9595.0)', () => {
  const model = new ParetoNBDFitter().fit(cdnow);
  it('the published estimates', () => {
    const { r, alpha, s, beta } = model.params;
    expect([r, alpha, s, beta].map((v) => Number(v.toFixed(2)))).toEqual([0.55, 10.58, 0.61, 11.67]);
    expect(model.fit.logLikelihood.toFixed(1)).toBe('-9595.0');
  });
  matchesReference(model, ref.paretoNBD);
  it('round-trips through JSON', () => {
    const copy = ParetoNBDModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 })).toBe(
      model.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }),
    );
  });
});

describe('MBG/NBD on CDNOW (Batislam, Denizel & Filiztekin 2007; lifetimes: r 0.525, α 6.183, a 0.891, b 1.614)', () => {
  const model = new ModifiedBetaGeoFitter().fit(cdnow);
  it('the estimates lifetimes reports on the same data', () => {
    const { r, alpha, a, b } = model.params;
    expect([r, alpha, a, b].map((v) => Number(v.toFixed(3)))).toEqual([0.525, 6.183, 0.891, 1.614]);
  });
  matchesReference(model, ref.modifiedBetaGeo);
  it('a one-time buyer is not assumed alive (unlike BG/NBD)', () => {
    expect(model.probabilityAlive({ frequency: 0, recency: 0, T: 38.86 })).toBeLessThan(0.5);
  });
  it('round-trips through JSON', () => {
    const copy = ModifiedBetaGeoModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.expectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 })).toBe(
      model.expectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 }),
    );
  });
});

describe('BG/BB on the donations data reproduces Fader, Hardie & Shang (2010)', () => {
  const model = new BetaGeoBetaBinomFitter().fit(donations);
  it('the paper’s estimates: α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33,225.6, 11,104 donors', () => {
    const { alpha, beta, gamma, delta } = model.params;
    expect([alpha, beta, gamma, delta].map((v) => Number(v.toFixed(3)))).toEqual([1.204, 0.75, 0.657, 2.783]);
    expect(model.fit.logLikelihood.toFixed(1)).toBe('-33225.6');
    expect(model.nCustomers).toBe(11104);
  });
  matchesReference(model, ref.betaGeoBetaBinom);
  it('P(n purchases in t periods) for a new donor; sums to 1 over n', () => {
    for (const c of ref.betaGeoBetaBinom.probabilityOfPurchases!)
      expect(Math.abs(model.probabilityOfPurchases(c.n, c.t) - c.value)).toBeLessThan(1e-7);
    let total = 0;
    for (let n = 0; n <= 11; n++) total += model.probabilityOfPurchases(n, 11);
    expect(total).toBeCloseTo(1, 12);
  });
  it('weighted rows fit as the same rows repeated', () => {
    const few = donations.slice(0, 6).map((r) => ({ ...r, weight: Math.ceil(r.weight / 100) }));
    const repeated = few.flatMap(({ weight, ...r }) => Array.from({ length: weight }, () => r));
    const a = new BetaGeoBetaBinomFitter().fit(few);
    const b = new BetaGeoBetaBinomFitter().fit(repeated);
    expect(a.params).toEqual(b.params);
  });
  it('refuses what is not discrete time, with the fix', () => {
    const fit = (rows: object[]) => () => new BetaGeoBetaBinomFitter().fit(rows as never);
    expect(fit([{ frequency: 1, recency: 2.5, T: 6 }])).toThrow(/whole numbers of periods/);
    expect(fit([{ frequency: 3, recency: 2, T: 6 }])).toThrow(/at most one purchase per period/);
    expect(fit([{ frequency: 1, recency: 2, T: 6, weight: -1 }])).toThrow(/weight is -1/);
    expect(fit([{ frequency: 1, recency: 2, T: 1e7 }])).toThrow(SegmentkitError);
    expect(() => model.probabilityOfPurchases(7, 6)).toThrow(/from 0 to t = 6/);
    expect(() => model.expectedPurchases(2.5)).toThrow(/whole number of periods/);
  });
  it('round-trips through JSON', () => {
    const copy = BetaGeoBetaBinomModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.params).toEqual(model.params);
    expect(copy.probabilityAlive({ frequency: 3, recency: 4, T: 6 })).toBe(model.probabilityAlive({ frequency: 3, recency: 4, T: 6 }));
  });
});

describe('customerLifetimeValue equals Σ ΔE[X(k)] · E[spend] / (1 + d)^k from scipy’s BG/NBD and Gamma-Gamma', () => {
  const fitFields = { logLikelihood: 0, converged: true, iterations: 0, penalizer: 0, nCustomers: 2357 };
  const [r, alpha, a, b] = valueRef.betaGeo.params as [number, number, number, number];
  const [p, q, gamma] = valueRef.gammaGamma.params as [number, number, number];
  const purchases = BetaGeoModel.fromJSON({
    kind: 'BetaGeoModel',
    version: 1,
    params: { r, alpha, a, b },
    standardErrors: [null, null, null, null],
    ...fitFields,
  });
  const spend = GammaGammaModel.fromJSON({
    kind: 'GammaGammaModel',
    version: 1,
    params: { p, q, gamma },
    standardErrors: [null, null, null],
    ...fitFields,
  });
  it('per customer, horizon and weekly discount rate', () => {
    for (const c of ref.customerLifetimeValue) {
      const result = customerLifetimeValue(purchases, spend, [c], { horizon: c.horizon, discountRate: c.discountRate, period: 'week' });
      expect(relativeError(result.customers[0]!.value, c.value)).toBeLessThan(1e-9);
      expect(result.period).toBe('week');
    }
  });
  it('sums per segment, largest total first', () => {
    const rows = ref.customerLifetimeValue.filter((c) => c.horizon === 52 && c.discountRate === 0);
    const result = customerLifetimeValue(purchases, spend, rows, { horizon: 52, labels: ['x', 'y', 'x', 'y'] });
    const x = rows[0]!.value + rows[2]!.value;
    const y = rows[1]!.value + rows[3]!.value;
    expect(result.perSegment.map((s) => s.segment)).toEqual(x > y ? ['x', 'y'] : ['y', 'x']);
    expect(relativeError(result.total, x + y)).toBeLessThan(1e-12);
  });
});
