import { describe, expect, it } from 'vitest';
import { customerFeatures, featurePipeline, makeTransactions, SimpleImputer, StandardScaler } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

// hand-built log: customer a buys on Mon 1 Jan 2024 10:00, Thu 11 Jan 20:00, Tue 30 Jan 08:00 (UTC) and refunds once
const log = [
  { customerId: 'a', timestamp: '2024-01-01T10:00:00Z', amount: 10, category: 'books', channel: 'web' },
  { customerId: 'a', timestamp: '2024-01-11T20:00:00Z', amount: 30, category: 'books', channel: 'store' },
  { customerId: 'a', timestamp: '2024-01-30T08:00:00Z', amount: 20, category: 'toys', channel: 'web' },
  { customerId: 'a', timestamp: '2024-01-31T08:00:00Z', amount: -20, category: 'toys', channel: 'web' },
  { customerId: 'b', timestamp: '2024-01-20T03:00:00Z', amount: 5, category: 'food', channel: 'web' },
];

describe('customerFeatures', () => {
  const rows = customerFeatures(log, { category: 'category', channel: 'channel', topN: 2, asOf: '2024-02-01', trendDays: 15 });
  const a = rows[0]!;

  it('computes the purchase rhythm (hand-derived)', () => {
    // intervals: 10.4167 and 18.5 days
    expect(a.interpurchaseDaysMean).toBeCloseTo((10 + 10 / 24 + 18.5) / 2, 12);
    expect(a.interpurchaseDaysStd).toBeCloseTo(Math.abs(18.5 - (10 + 10 / 24)) / 2, 12);
    expect(a.nextPurchaseExpected!.getTime()).toBe(Date.parse('2024-01-30T08:00:00Z') + (a.interpurchaseDaysMean as number) * 86_400_000);
    expect(rows[1]!.interpurchaseDaysMean).toBeNull();
  });

  it('computes when, what and where shares, refunds and the spend trend', () => {
    expect(a.weekday_mon).toBeCloseTo(1 / 3, 15);
    expect(a.weekday_thu).toBeCloseTo(1 / 3, 15);
    expect(a.daypart_morning).toBeCloseTo(2 / 3, 15);
    expect(a.daypart_evening).toBeCloseTo(1 / 3, 15);
    // top-2 categories overall: books (2), then food and toys (1 each) → food (alphabetical tie-break)
    expect(a.category_books).toBeCloseTo(2 / 3, 15);
    expect(a.category_other).toBeCloseTo(1 / 3, 15);
    expect(a.channel_web).toBeCloseTo(2 / 3, 15);
    expect(a.refundRate).toBeCloseTo(1 / 3, 15);
    // last 15 days (17 Jan – 1 Feb): 20; the 15 before (2 – 17 Jan): 30
    expect(a.spendTrend).toBeCloseTo((20 - 30) / 50, 15);
    expect(rows[1]!.daypart_night).toBe(1);
  });

  it('feeds a feature pipeline (nulls imputed) on the synthetic shop', () => {
    const features = customerFeatures(makeTransactions({ nCustomers: 300, seed: 2 }), { category: 'category', channel: 'channel' });
    expect(features).toHaveLength(300);
    const fitted = featurePipeline({
      numeric: {
        interpurchaseDaysMean: [new SimpleImputer({ strategy: 'median' }), new StandardScaler()],
        activeWeeksShare: new StandardScaler(),
        channel_online: new StandardScaler(),
      },
    }).fit(features as unknown as Record<string, unknown>[]);
    expect(fitted.transform(features as unknown as Record<string, unknown>[]).X.rows).toBe(300);
  });

  it('hour resolution and errors', () => {
    expect(customerFeatures(log, { hours: 'hour' })[0]!.hour_10).toBeCloseTo(1 / 3, 15);
    expectSegmentkitError(
      () => customerFeatures([{ customerId: null, timestamp: '2024-01-01', amount: 1 }]),
      'E_PARSE',
      /row 0 has no customerId/,
    );
    expectSegmentkitError(() => customerFeatures(log, { topN: 0 }), 'E_PARAM', /topN/);
  });
});

describe('customerFeatures on dates without times', () => {
  it('leaves out time-of-day shares and says so in the report', () => {
    const log = [
      { customerId: 'a', timestamp: '2024-01-01', amount: 10 },
      { customerId: 'a', timestamp: '2024-01-08', amount: 20 },
      { customerId: 'b', timestamp: '2024-01-03', amount: 5 },
    ];
    const rows = customerFeatures(log);
    expect(rows.report.timeOfDay).toBe(false);
    expect(rows.report.omitted[0]).toMatch(/daypart shares: every purchase time is a UTC midnight/);
    expect(Object.keys(rows[0]!).some((key) => key.startsWith('daypart_'))).toBe(false);
    expect(rows[0]!.weekday_mon).toBe(1);
    const timed = customerFeatures([...log, { customerId: 'b', timestamp: '2024-01-04T18:30:00Z', amount: 5 }]);
    expect(timed.report.timeOfDay).toBe(true);
    expect(timed[1]!.daypart_evening).toBe(0.5);
  });

  it('reads other date layouts through dateFormat', () => {
    const rows = customerFeatures(
      [
        { id: 1, day: '01.03.2024 10:00', value: 1 },
        { id: 1, day: '11.03.2024 10:00', value: 1 },
      ],
      { customerId: 'id', date: 'day', amount: 'value', dateFormat: 'DD.MM.YYYY HH:mm' },
    );
    expect(rows[0]!.interpurchaseDaysMean).toBe(10);
    expect(rows[0]!.daypart_morning).toBe(1);
  });
});
