// Unit tests of internals too: quantileScores (imported from src/, not part of the public API).
import { describe, expect, it } from 'vitest';
import { rfmScore, rfmTable, type RfmTable } from 'segmentkit';

import { quantileScores } from '../../src/rfm/quantileScores';
import { parseCsv, readTestData } from '../helpers/csv';

import { loadReference } from '../helpers/reference';

type ReferenceRow = [string | number, number, number, number, number, number, number, string?];
interface RfmReference {
  qcut: { values: number[]; bins: number; scores: number[]; lower: number[]; upper: number[] }[];
  cdnow: {
    asOf: number;
    rows: ReferenceRow[];
    sharedCodes: string[];
    sharedCounts: { recency: number[]; frequency: number[]; monetary: number[] };
    daysFrequency: number[];
  };
  retail: {
    asOf: number;
    missingCustomer: number;
    refundRows: number;
    net: ReferenceRow[];
    netSharedCodes: string[];
    exclude: ReferenceRow[];
  };
}
const ref = loadReference<RfmReference>('rfm.json');

function expectTable(table: RfmTable, expected: ReferenceRow[]): void {
  expect(table).toHaveLength(expected.length);
  table.forEach((row, i) => {
    const [id, recency, frequency, monetary, first, last, tenure] = expected[i]!;
    expect(row.customerId).toBe(id);
    expect(row.recency).toBe(recency);
    expect(row.frequency).toBe(frequency);
    expect(Math.abs(row.monetary - monetary)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(monetary)));
    expect(row.firstPurchase.getTime()).toBe(first);
    expect(row.lastPurchase.getTime()).toBe(last);
    expect(row.tenureDays).toBe(tenure);
  });
}

function cdnowRecords(): { customer: number; date: string; value: string }[] {
  return readTestData('cdnow/CDNOW_master.txt')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [customer, day, , value] = line.trim().split(/\s+/);
      return { customer: Number(customer), date: `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6, 8)}`, value: value! };
    });
}

describe('quantile scores equal pandas qcut(x.rank(method="first"), bins) (test/reference/scripts/rfm.py)', () => {
  it(`on ${ref.qcut.length} cases: sizes 1–40, 97, 250, 1001; 2, 3, 5, 9 bins; many ties`, () => {
    for (const c of ref.qcut) expect(Array.from(quantileScores(c.values, c.bins))).toEqual(c.scores);
  });

  it("shared ties equal pandas groupby(value).transform('min' / 'max') of those scores", () => {
    for (const c of ref.qcut) {
      expect(Array.from(quantileScores(c.values, c.bins, 'lower'))).toEqual(c.lower);
      expect(Array.from(quantileScores(c.values, c.bins, 'upper'))).toEqual(c.upper);
    }
  });
});

describe('rfmTable and rfmScore on the CDNOW log match pandas', () => {
  const records = cdnowRecords();
  const table = rfmTable(records, { customerId: 'customer', date: 'date', amount: 'value' });

  it('every customer: recency, frequency, monetary, first/last purchase, tenure (69,659 rows, 23,570 customers)', () => {
    expect(table.report.asOf.getTime()).toBe(ref.cdnow.asOf);
    expect(table.report).toMatchObject({ rows: 69_659, purchases: 69_659, refunds: 0, customers: 23_570 });
    expectTable(table, ref.cdnow.rows);
  });

  it("ties: 'first' gives pandas' rank-first quintile codes (balanced, but equal customers split)", () => {
    expect(rfmScore(table, { ties: 'first' }).map((r) => r.rfmCode)).toEqual(ref.cdnow.rows.map((r) => r[7]));
  });

  it("ties: 'shared' (default): equal customers share codes; one-time buyers all get F = 1 and level 2 stays empty", () => {
    const scored = rfmScore(table);
    expect(scored.map((r) => r.rfmCode)).toEqual(ref.cdnow.sharedCodes);
    expect(scored.report.counts).toEqual(ref.cdnow.sharedCounts);
    expect(scored.report.emptyLevels).toEqual({ recency: [], frequency: [2], monetary: [] });
    expect(new Set(scored.filter((r) => r.frequency === 1).map((r) => r.frequencyScore))).toEqual(new Set([1]));
  });

  it("frequency: 'days' counts distinct purchase days", () => {
    const byDays = rfmTable(records, { customerId: 'customer', date: 'date', amount: 'value', frequency: 'days' });
    expect(byDays.map((r) => r.frequency)).toEqual(ref.cdnow.daysFrequency);
  });
});

describe('rfmTable on the Online Retail sample (cancellations, missing ids, invoices) matches pandas', () => {
  const records = parseCsv(readTestData('online_retail/OnlineRetail_sample30k.csv')).map((r) => ({
    customer: r.CustomerID,
    ts: r.InvoiceDate,
    amount: Number(r.Quantity) * Number(r.UnitPrice),
    invoice: r.InvoiceNo,
  }));
  const options = { customerId: 'customer', date: 'ts', amount: 'amount', orderId: 'invoice', missingCustomerId: 'skip' } as const;

  it('refunds netted: every customer, with skipped rows counted and reported', () => {
    const table = rfmTable(records, options);
    expect(table.report.skippedMissingCustomer).toBe(ref.retail.missingCustomer);
    expect(table.report.refunds).toBe(ref.retail.refundRows);
    expect(table.report.rows).toBe(30_000);
    expect(table.report.asOf.getTime()).toBe(ref.retail.asOf);
    expectTable(table, ref.retail.net);
    expect(rfmScore(table, { ties: 'first' }).map((r) => r.rfmCode)).toEqual(ref.retail.net.map((r) => r[7]));
    expect(rfmScore(table).map((r) => r.rfmCode)).toEqual(ref.retail.netSharedCodes);
  });

  it('refunds excluded', () => {
    const table = rfmTable(records, { ...options, refunds: 'exclude' });
    expect(table.report.excludedRefunds).toBe(ref.retail.refundRows);
    expectTable(table, ref.retail.exclude);
  });
});
