// Customer value on CDNOW (Fader, Hardie & Lee 2005): the full 23,570-customer cohort, calibrated on its first
// 39 weeks and checked on the next 39, as the BG/NBD paper does. Which model forecasts the holdout best, who is
// still a customer, and what each RFM segment is worth over the next year.
import {
  BetaGeoFitter,
  GammaGammaFitter,
  ModifiedBetaGeoFitter,
  ParetoNBDFitter,
  calibrationHoldout,
  customerLifetimeValue,
  holdoutComparison,
  rfmScore,
  rfmSegments,
  rfmTable,
} from 'segmentkit';
import { readCsv } from 'segmentkit/fs';
import { formatTable } from './lib/formatTable';

const transactions = await readCsv('test/data/cdnow/CDNOW_master.txt');
const fields = { customerId: 'customer_id', date: 'date', dateFormat: 'YYYYMMDD', amount: 'dollar_value' } as const;
// days grouped into purchase occasions, ages in weeks (unit 7), as the paper
const rows = calibrationHoldout(transactions, {
  ...fields,
  calibrationEnd: '1997-09-30',
  observationEnd: '1998-06-30',
  period: 'day',
  unit: 7,
});
const actualHoldout = rows.reduce((sum, r) => sum + r.frequencyHoldout, 0);
console.log(
  `${transactions.length} transactions → ${rows.length} customers; calibration to 1997-09-30, holdout ${rows[0]!.durationHoldout.toFixed(1)} weeks with ${actualHoldout} repeat purchases`,
);

// 1. Three transaction models on the calibration columns: fit, log-likelihood, forecast of the holdout total
const fitted = [
  ['BG/NBD', new BetaGeoFitter().fit(rows)],
  ['Pareto/NBD', new ParetoNBDFitter().fit(rows)],
  ['MBG/NBD', new ModifiedBetaGeoFitter().fit(rows)],
] as const;
console.log('\nTransaction models (parameters with 95 % intervals from the Hessian):');
console.log(
  formatTable(
    ['model', 'parameters', 'log-likelihood', 'holdout forecast', 'error'],
    fitted.map(([name, model]) => {
      const forecast = rows.reduce((sum, r) => sum + model.expectedPurchases(r.durationHoldout, r), 0);
      const params = Object.entries(model.params)
        .map(([k, v], i) => `${k} ${(v as number).toFixed(3)} ± ${(1.96 * (model.fit.standardErrors[i] ?? Number.NaN)).toFixed(3)}`)
        .join(', ');
      return [
        name,
        params,
        model.fit.logLikelihood.toFixed(1),
        forecast.toFixed(0),
        `${((100 * (forecast - actualHoldout)) / actualHoldout).toFixed(1)} %`,
      ];
    }),
  ),
);

// 2. The paper's Figure 4 as a table: mean holdout purchases by calibration frequency, actual vs BG/NBD
const bgnbd = fitted[0][1];
console.log('\nholdoutComparison (BG/NBD): mean repeat purchases in the holdout, by purchases in calibration');
console.log(
  formatTable(
    ['calibration purchases', 'customers', 'actual', 'expected'],
    holdoutComparison(bgnbd, rows).map((g) => [
      g.pooled ? `${g.frequency}+` : g.frequency,
      g.customers,
      g.actual.toFixed(2),
      g.predicted.toFixed(2),
    ]),
  ),
);

// 3. Spend per purchase (Gamma-Gamma on repeat buyers), then value per RFM segment over the next 52 weeks
const repeat = rows.filter((r) => r.frequency > 0 && r.monetaryValue > 0);
const spend = new GammaGammaFitter().fit(repeat);
console.log(
  `\nGamma-Gamma on ${repeat.length} repeat buyers: p ${spend.params.p.toFixed(2)}, q ${spend.params.q.toFixed(2)}, γ ${spend.params.gamma.toFixed(2)}; ` +
    `a new customer's expected purchase value $${spend.expectedAverageValue({ frequency: 0, monetaryValue: 0 }).toFixed(2)}`,
);
const calibration = transactions.filter((t) => String(t.date) <= '19970930');
const segments = rfmSegments(rfmScore(rfmTable(calibration, { ...fields, asOf: '1997-10-01' })));
const segmentOf = new Map(segments.map((s) => [s.customerId, s.segment]));
const clv = customerLifetimeValue(bgnbd, spend, rows, {
  horizon: 52,
  discountRate: 0.0018, // per week, ≈ 10 % a year
  period: 'week',
  labels: rows.map((r) => segmentOf.get(r.customerId) ?? 'unsegmented'),
});
const atRiskAlive = rows.filter((r) => segmentOf.get(r.customerId) === 'At Risk').map((r) => bgnbd.probabilityAlive(r));
console.log(`Expected value of the cohort over the next 52 weeks: $${clv.total.toFixed(0)}; per RFM segment:`);
console.log(
  formatTable(
    ['segment', 'customers', 'expected value ($)', 'per customer ($)', 'share'],
    clv.perSegment.map((s) => [
      s.segment,
      s.customers,
      s.total.toFixed(0),
      s.mean.toFixed(2),
      `${((100 * s.total) / clv.total).toFixed(1)} %`,
    ]),
  ),
);
console.log(
  `"At Risk": ${atRiskAlive.length} customers, mean P(alive) ${(atRiskAlive.reduce((a, b) => a + b, 0) / atRiskAlive.length).toFixed(2)}; ` +
    `${atRiskAlive.filter((p) => p >= 0.5).length} are still more likely active than not: the ones worth a win-back offer`,
);
