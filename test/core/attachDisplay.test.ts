// Every result a user holds shows itself: a one-line summary in the Node/Deno REPL (util.inspect) and an HTML
// table in a Deno Jupyter notebook (Symbol.for('Jupyter.display')), with a Vega-Lite chart where one fits; none of
// it leaks into JSON, spreads or keys.
import { inspect } from 'node:util';
import {
  calibrationHoldout,
  centroidDrift,
  chooseK,
  clvSummary,
  customerLifetimeValue,
  driftReport,
  holdoutComparison,
  KMeans,
  lifecycleStages,
  makeBlobs,
  makeTransactions,
  profileSegments,
  rfmScore,
  rfmSegments,
  rfmSummary,
  rfmTable,
  segmentDrift,
  segmentTransitions,
} from 'segmentkit';
import { describe, expect, it } from 'vitest';

const JUPYTER = Symbol.for('Jupyter.display');
const VEGA_LITE = 'application/vnd.vegalite.v5+json';

function bundle(value: object): Record<string, unknown> {
  const display = (value as Record<symbol, () => Record<string, unknown>>)[JUPYTER];
  expect(typeof display).toBe('function');
  return display!.call(value);
}

const log = makeTransactions({ nCustomers: 200, seed: 3 });
const table = rfmTable(log);
const scored = rfmScore(table);
const segments = rfmSegments(scored);
const { X } = makeBlobs({ nSamples: 200, nFeatures: 2, centers: 3, seed: 1 });
const model = new KMeans({ nClusters: 3, seed: 1 }).fit(X);
const weekly = clvSummary(log, { period: 'week' });

const results: [string, object, boolean][] = [
  ['rfmTable', table, false],
  ['rfmScore', scored, false],
  ['rfmSegments', segments, false],
  ['rfmSummary', rfmSummary(segments), false],
  ['chooseK', chooseK(X, { kMin: 2, kMax: 4, seed: 1 }), true],
  ['driftReport', driftReport({ a: [1, 2, 3, 4, 5, 6] }, { a: [4, 5, 6, 7, 8, 9] }), true],
  ['segmentDrift', segmentDrift([0, 0, 1, 1], [0, 1, 1, 1]), false],
  ['centroidDrift', centroidDrift(model, X, { reference: X }), false],
  ['clvSummary', weekly, false],
  [
    'calibrationHoldout',
    calibrationHoldout(log, { calibrationEnd: new Date(table.report.asOf.getTime() - 120 * 86_400_000), period: 'week' }),
    false,
  ],
  [
    'customerLifetimeValue',
    customerLifetimeValue({ expectedPurchases: (t: number) => t / 10 }, { expectedAverageValue: () => 5 }, weekly.slice(0, 4), {
      horizon: 4,
      labels: ['a', 'a', 'b', 'b'],
    }),
    true,
  ],
  ['lifecycleStages', lifecycleStages(log), false],
  ['profileSegments', profileSegments(X, model.labels), true],
  ['segmentTransitions', segmentTransitions({ a: 1, b: 2 }, { a: 2, b: 2 }), true],
];

describe('every result displays in the REPL and in a notebook', () => {
  for (const [name, value, charted] of results) {
    it(name, () => {
      const line = inspect(value);
      expect(line.length).toBeLessThan(400);
      expect(line).not.toContain('\n');
      const b = bundle(value);
      expect(String(b['text/html'])).toMatch(/^<div>/);
      expect(typeof b['text/plain']).toBe('string');
      if (charted) expect((b[VEGA_LITE] as { $schema: string }).$schema).toContain('vega-lite/v5');
      else expect(b[VEGA_LITE]).toBeUndefined();
      // invisible to data handling
      expect(JSON.stringify(value)).not.toContain('Jupyter');
      expect(Object.keys(value).some((k) => k.includes('display'))).toBe(false);
    });
  }
  it('holdoutComparison rows and tables with many rows say how many are shown', () => {
    const html = String(bundle(table)['text/html']);
    expect(html).toContain(`${table.length} (first 20 shown)`);
    const groups = holdoutComparison({ expectedPurchases: () => 0 }, [
      {
        customerId: 'a',
        frequency: 0,
        recency: 0,
        T: 1,
        monetaryValue: 0,
        frequencyHoldout: 0,
        monetaryValueHoldout: 0,
        durationHoldout: 1,
      },
    ]);
    expect(String(bundle(groups)['text/html'])).toContain('holdoutComparison');
  });
  it('escapes what it shows', () => {
    const rows = rfmSummary(rfmSegments(rfmScore(rfmTable([{ customerId: '<b>x</b>', timestamp: '2024-01-01', amount: 1 }]))));
    expect(String(bundle(rows)['text/html'])).not.toContain('<b>x</b>');
  });
});
