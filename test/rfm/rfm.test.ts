import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_ARCHETYPES,
  DEFAULT_RFM_SEGMENT_RULES,
  makeCustomers,
  makeTransactions,
  rfmScore,
  rfmSegments,
  rfmSummary,
  rfmTable,
} from 'segmentkit';

import { expectSegmentkitError, expectSegmentkitErrorAsync } from '../helpers/expectError';

const log = [
  { id: 'b', at: '2024-03-01T10:00:00Z', value: 30, order: 'o1' },
  { id: 'a', at: '2024-01-05T09:00:00Z', value: 20, order: 'o2' },
  { id: 'a', at: '2024-01-05T09:00:00Z', value: 5, order: 'o2' },
  { id: 'a', at: '2024-02-20T18:30:00Z', value: 40, order: 'o3' },
  { id: 'a', at: '2024-02-25T08:00:00Z', value: -40, order: 'o4' },
];
const fields = { customerId: 'id', date: 'at', amount: 'value' } as const;

describe('rfmTable', () => {
  it('aggregates per customer, sorted by id, with recency to the day after the last purchase', () => {
    const table = rfmTable(log, fields);
    expect(table.map((r) => r.customerId)).toEqual(['a', 'b']);
    const a = table[0]!;
    expect(a).toMatchObject({ frequency: 3, monetary: 25, tenureDays: 56 });
    expect(a.recency).toBe(10); // 2024-02-20 18:30 → 2024-03-02 00:00 = 9 days 5.5 h
    expect(a.monetaryMean).toBeCloseTo(25 / 3, 12);
    expect(table.report).toMatchObject({ rows: 5, purchases: 4, refunds: 1, customers: 2 });
    expect(table.report.asOf.toISOString()).toBe('2024-03-02T00:00:00.000Z');
  });

  it('counts orders, or distinct days, instead of rows', () => {
    expect(rfmTable(log, { ...fields, orderId: 'order' })[0]!.frequency).toBe(2);
    expect(rfmTable(log, { ...fields, frequency: 'days' })[0]!.frequency).toBe(2);
  });

  it('treats refunds as asked', () => {
    expect(rfmTable(log, { ...fields, refunds: 'exclude' })[0]!.monetary).toBe(65);
    expectSegmentkitError(() => rfmTable(log, { ...fields, refunds: 'error' }), 'E_DOMAIN', /row 4 has a negative value \(-40\)/);
  });

  it('accepts a fixed asOf, a column object, iterables of records or batches, and async iterables', async () => {
    const asOf = '2024-04-01';
    const expected = rfmTable(log, { ...fields, asOf });
    expect(expected[1]!.recency).toBe(30); // 2024-03-01 10:00 → 2024-04-01 00:00 is 30 days 14 hours
    const columns = { id: log.map((r) => r.id), at: log.map((r) => r.at), value: Float64Array.from(log.map((r) => r.value)) };
    expect(rfmTable(columns, { ...fields, asOf })).toEqual(expected);
    function* batches() {
      yield log.slice(0, 2);
      yield log[2]!;
      yield log.slice(3);
    }
    expect(rfmTable(batches(), { ...fields, asOf })).toEqual(expected);
    async function* stream() {
      yield* batches();
    }
    expect(await rfmTable(stream(), { ...fields, asOf })).toEqual(expected);
  });

  it('never silently drops rows: missing ids are an error unless skipped and counted', () => {
    const withHole = [...log, { id: null, at: '2024-01-01', value: 10 }];
    expectSegmentkitError(() => rfmTable(withHole, fields), 'E_PARSE', /row 5 has no id \(null\); pass missingCustomerId: 'skip'/);
    expect(rfmTable(withHole, { ...fields, missingCustomerId: 'skip' }).report.skippedMissingCustomer).toBe(1);
  });

  it('names the row of an unparseable date or amount', async () => {
    expectSegmentkitError(
      () => rfmTable([{ id: 1, at: '01/02/2024', value: 1 }], fields),
      'E_PARSE',
      /row 0, at: "01\/02\/2024" is not an ISO 8601 date.*dateFormat/,
    );
    expectSegmentkitError(
      () => rfmTable([{ id: 1, at: '2024-01-02', value: 'ten' }], fields),
      'E_PARSE',
      /row 0, value is "ten", not a number/,
    );
    expectSegmentkitError(
      () =>
        rfmTable(
          [
            { id: 1, at: '2024-01-02', value: 1 },
            { id: 'x', at: '2024-01-02', value: 1 },
          ],
          fields,
        ),
      'E_PARSE',
      /mix numbers/,
    );
    expectSegmentkitError(() => rfmTable([], fields), 'E_EMPTY');
    expectSegmentkitError(() => rfmTable(log, { ...fields, refund: 'net' } as never), 'E_PARAM', /did you mean 'refunds'/);
    expectSegmentkitError(() => rfmTable({ id: [1] }, fields), 'E_PARSE', /the column object has no field 'at' \(the date field\)/);
    async function* bad() {
      yield { id: 1, at: 'soon', value: 1 };
    }
    await expectSegmentkitErrorAsync(() => rfmTable(bad(), fields), 'E_PARSE', /soon/);
  });

  it('recovers the archetypes of the synthetic shop', () => {
    const options = { nCustomers: 2000, seed: 3 };
    const table = rfmTable(makeTransactions(options));
    const archetype = new Map(makeCustomers(options).map((c) => [c.customerId, c.archetype]));
    const segments = rfmSegments(rfmScore(table));
    const share = (name: string, segment: string): number => {
      const members = segments.filter((s) => archetype.get(s.customerId as string) === name);
      return members.filter((s) => s.segment === segment).length / members.length;
    };
    expect(share('loyal-high-spender', 'Champions')).toBeGreaterThan(0.5);
    expect(
      share('lapsed', 'Lost') + share('lapsed', 'At Risk') + share('lapsed', 'Hibernating') + share('lapsed', "Can't Lose Them"),
    ).toBeGreaterThan(0.9);
    expect(Object.keys(CUSTOMER_ARCHETYPES)).toHaveLength(5);
  });
});

describe('rfmScore', () => {
  const table = rfmTable(log, { ...fields, asOf: '2024-04-01' });

  it('scores by your own thresholds, recency reversed', () => {
    const scored = rfmScore(table, { method: 'thresholds', thresholds: { recency: [30, 90], frequency: [1, 2], monetary: [25, 100] } });
    expect(scored.map((r) => r.rfmCode)).toEqual(['231', '312']);
  });

  it('gives balanced quantile groups and codes, without mutating the table', () => {
    const copy = structuredClone([...table]);
    const scored = rfmScore(table, { bins: 2 });
    expect(scored.map((r) => r.rfmCode)).toEqual(['121', '212']); // a: older, more orders, less net spend
    expect([...table]).toEqual(copy);
  });

  it('rejects bad options', () => {
    expectSegmentkitError(() => rfmScore(table, { bins: 10 }), 'E_PARAM', /bins/);
    expectSegmentkitError(() => rfmScore(table, { method: 'thresholds' }), 'E_PARAM', /needs thresholds/);
    expectSegmentkitError(
      () => rfmScore(table, { method: 'thresholds', thresholds: { recency: [5, 1], frequency: [1], monetary: [1] } }),
      'E_PARAM',
      /ascending/,
    );
    expectSegmentkitError(() => rfmScore([]), 'E_EMPTY');
  });
});

describe('rfmSegments and rfmSummary', () => {
  it('the default rules cover every recency × frequency combination of 1–5 scores', () => {
    const rows = [];
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) rows.push({ recencyScore: r, frequencyScore: f, monetaryScore: m });
    const named = rfmSegments(rows as never);
    expect(named.filter((row) => row.segment === 'Other')).toHaveLength(0);
    expect(new Set(named.map((row) => row.segment))).toEqual(new Set(DEFAULT_RFM_SEGMENT_RULES.map((rule) => rule.segment)));
  });

  it('first matching rule wins; custom rules and the other-segment name', () => {
    const rows = [
      { recencyScore: 5, frequencyScore: 5, monetaryScore: 1 },
      { recencyScore: 1, frequencyScore: 1, monetaryScore: 1 },
    ];
    expect(rfmSegments(rows as never).map((r) => r.segment)).toEqual(['Loyal Customers', 'Lost']);
    const custom = rfmSegments(rows as never, { rules: [{ segment: 'VIP', recency: [5, 5] }], otherSegment: 'Rest' });
    expect(custom.map((r) => r.segment)).toEqual(['VIP', 'Rest']);
    expectSegmentkitError(() => rfmSegments(rows as never, { rules: [{ segment: 'x', recency: [3, 1] }] }), 'E_PARAM', /min ≤ max/);
    expectSegmentkitError(
      () => rfmSegments(rows as never, { rules: [{ segment: 'x', recenc: [1, 2] } as never] }),
      'E_PARAM',
      /did you mean 'recency'/,
    );
  });

  it('summarises count, share, means and revenue share per segment', () => {
    const rows = [
      { segment: 'Lost', recency: 300, frequency: 1, monetary: 10 },
      { segment: 'Champions', recency: 2, frequency: 10, monetary: 600 },
      { segment: 'Champions', recency: 4, frequency: 6, monetary: 390 },
    ];
    const summary = rfmSummary(rows as never);
    expect(summary.map((s) => s.segment)).toEqual(['Champions', 'Lost']);
    expect(summary[0]).toMatchObject({ customers: 2, recency: 3, frequency: 8, monetary: 495, revenue: 990, revenueShare: 0.99 });
    expect(summary[0]!.share).toBeCloseTo(2 / 3, 15);
  });
});

describe('rfmTable reads dates as told and names what is wrong', () => {
  const base = [
    { CustomerID: 7, InvoiceDate: 19970101, Amount: 5 },
    { CustomerID: 7, InvoiceDate: 19970301, Amount: 7 },
  ];
  it('numbers are refused without a dateFormat, with the fix in the message', () => {
    expectSegmentkitError(
      () => rfmTable(base, { customerId: 'CustomerID', date: 'InvoiceDate', amount: 'Amount' }),
      'E_PARSE',
      /row 0, InvoiceDate: the number 19970101 is ambiguous.*dateFormat: 'YYYYMMDD'/,
    );
    const table = rfmTable(base, { customerId: 'CustomerID', date: 'InvoiceDate', amount: 'Amount', dateFormat: 'YYYYMMDD' });
    expect(table[0]).toMatchObject({ recency: 1, frequency: 2, monetary: 12 });
    expect(table[0]!.lastPurchase.toISOString()).toBe('1997-03-01T00:00:00.000Z');
    expect(table.report.dateOnly).toBe(true);
    // asOf in the data's own layout, or ISO
    expect(
      rfmTable(base, { customerId: 'CustomerID', date: 'InvoiceDate', amount: 'Amount', dateFormat: 'YYYYMMDD', asOf: 19970311 })[0]!
        .recency,
    ).toBe(10);
    expect(
      rfmTable(base, { customerId: 'CustomerID', date: 'InvoiceDate', amount: 'Amount', dateFormat: 'YYYYMMDD', asOf: '1997-03-11' })[0]!
        .recency,
    ).toBe(10);
  });

  it('a misspelt field is named with the closest field the records have', () => {
    expectSegmentkitError(
      () => rfmTable(base, { customerId: 'customerID', date: 'InvoiceDate', amount: 'Amount', dateFormat: 'YYYYMMDD' }),
      'E_PARSE',
      /the first record has no field 'customerID' \(the customerId field\); did you mean 'CustomerID'\? pass customerId: 'CustomerID' \(fields there: CustomerID, InvoiceDate, Amount\)/,
    );
    expectSegmentkitError(() => rfmTable(base), 'E_PARSE', /no field 'customerId'.*did you mean 'CustomerID'/);
  });

  it('refuses an asOf before the last purchase, and non-objects', () => {
    expectSegmentkitError(
      () => rfmTable(base, { customerId: 'CustomerID', date: 'InvoiceDate', amount: 'Amount', dateFormat: 'YYYYMMDD', asOf: '1997-02-01' }),
      'E_PARAM',
      /asOf \(1997-02-01T00:00:00.000Z\) is before the last purchase \(1997-03-01T00:00:00.000Z, row 1\)/,
    );
    expectSegmentkitError(() => rfmTable(null as never), 'E_PARSE', /got null/);
    expectSegmentkitError(() => rfmTable(42 as never), 'E_PARSE', /got number/);
    expectSegmentkitError(() => rfmTable([{ customerId: NaN, timestamp: '2024-01-01', amount: 1 }]), 'E_PARSE', /row 0 has no customerId/);
    expectSegmentkitError(() => rfmTable([{ customerId: '  ', timestamp: '2024-01-01', amount: 1 }]), 'E_PARSE', /row 0 has no customerId/);
  });

  it('sums money with compensation: equal purchases give equal totals', () => {
    const cents = [17.41, 17.41, 17.41, 17.41, 17.41, 17.41, 17.41, 17.41, 17.41, 17.41];
    const log = [
      ...cents.map((amount, i) => ({ customerId: 'a', timestamp: `2024-01-${String(i + 1).padStart(2, '0')}`, amount })),
      { customerId: 'b', timestamp: '2024-01-01', amount: 174.1 },
    ];
    const [a, b] = rfmTable(log);
    expect(a!.monetary).toBe(b!.monetary);
  });
});
