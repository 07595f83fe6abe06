import { describe, expect, it } from 'vitest';

import { type ColumnDrift, DriftMonitor, driftReport, parseCsv, rfmTable } from 'segmentkit';

import { readTestData } from '../helpers/csv';

import { loadReference } from '../helpers/reference';

interface TelcoReference {
  referenceRows: number;
  currentRows: number;
  columns: Record<
    string,
    | {
        type: 'numeric';
        statistic: number;
        referenceMean: number;
        currentMean: number;
        referenceMedian: number;
        currentMedian: number;
        referenceMissing: number;
        currentMissing: number;
      }
    | { type: 'categorical'; statistic: number; changes: Record<string, number> }
  >;
}
const ref = loadReference<TelcoReference>('telco_drift.json');

describe('driftReport reads a real file as the data it is (Telco churn split by tenure, test/reference/scripts/telco_drift.py)', () => {
  const rows = parseCsv(readTestData('telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv'));
  const reference = rows.filter((r) => (r.tenure as number) < 30);
  const current = rows.filter((r) => (r.tenure as number) >= 30);
  const report = driftReport(reference, current);
  const byName = new Map(report.columns.map((c) => [c.column, c]));

  it('numeric text is numeric, the id column is skipped with its reason, blanks are missing', () => {
    expect(report.referenceRows).toBe(ref.referenceRows);
    expect(report.currentRows).toBe(ref.currentRows);
    expect(report.skipped).toEqual([
      { column: 'customerID', reason: 'identifier', note: expect.stringMatching(/every value of 'customerID' is distinct/) },
    ]);
    for (const [name, expected] of Object.entries(ref.columns)) expect(byName.get(name)?.type, name).toBe(expected.type);
    expect(byName.get('TotalCharges')!.missing).toMatchObject({ referenceCount: 11, currentCount: 0 });
  });

  it('every statistic, mean and median equals scipy / numpy, and the direction follows the median', () => {
    for (const [name, expected] of Object.entries(ref.columns)) {
      const column = byName.get(name) as ColumnDrift;
      expect(column.statistic, name).toBeCloseTo(expected.statistic, 12);
      if (expected.type === 'numeric') {
        expect(column.test).toBe('wasserstein');
        expect(column.referenceMean!).toBeCloseTo(expected.referenceMean, 10);
        expect(column.currentMean!).toBeCloseTo(expected.currentMean, 10);
        expect(column.referenceMedian).toBe(expected.referenceMedian);
        expect(column.currentMedian).toBe(expected.currentMedian);
        expect(column.missing.referenceCount).toBe(expected.referenceMissing);
      } else {
        expect(column.test).toBe('jensen-shannon');
        expect(column.referenceMean).toBeNull();
        const changes = Object.entries(expected.changes).sort((a, b) => b[1] - a[1]);
        expect(column.gained.map((g) => g.category)).toEqual(
          changes
            .filter(([, c]) => c > 0)
            .slice(0, 3)
            .map(([k]) => k),
        );
        expect(column.lost.map((g) => g.category)).toEqual(
          changes
            .filter(([, c]) => c < 0)
            .reverse()
            .slice(0, 3)
            .map(([k]) => k),
        );
        for (const g of [...column.gained, ...column.lost]) expect(g.change).toBeCloseTo(expected.changes[String(g.category)]!, 12);
      }
    }
    expect(byName.get('tenure')!.direction).toBe('higher');
    expect(byName.get('TotalCharges')!.direction).toBe('higher');
    expect(byName.get('Contract')!.gained[0]!.category).toBe('Two year');
    expect(byName.get('Contract')!.lost[0]!.category).toBe('Month-to-month');
  });

  it('a DriftMonitor profiled from the same reference agrees and keeps the skipped list through JSON', () => {
    const monitor = DriftMonitor.fromReference(reference);
    expect(monitor.skipped.map((c) => c.column)).toEqual(['customerID']);
    const check = DriftMonitor.fromJSON(JSON.parse(JSON.stringify(monitor))).check(current);
    expect(check.report.skipped).toEqual(report.skipped);
    for (const column of check.report.columns) {
      const exact = byName.get(column.column)!;
      expect(column.type).toBe(exact.type);
      expect(column.referenceMean ?? 0).toBeCloseTo(exact.referenceMean ?? 0, 8);
      expect(column.direction).toBe(exact.direction);
    }
  });
});

describe('driftReport takes rfmTable output directly', () => {
  const log = (shift: number) =>
    Array.from({ length: 60 }, (_, i) => ({
      customerId: `c${i % 30}`,
      timestamp: new Date(Date.UTC(2024, 0, 1 + ((i * 7) % 90) + shift)),
      amount: 10 + (i % 9) + shift / 10,
    }));
  it('skips the id and the date columns, compares the rest', () => {
    const report = driftReport(rfmTable(log(0)), rfmTable(log(30)));
    expect(report.skipped.map((c) => [c.column, c.reason])).toEqual([
      ['customerId', 'identifier'],
      ['firstPurchase', 'date'],
      ['lastPurchase', 'date'],
    ]);
    expect(report.columns.map((c) => c.column)).toEqual(['recency', 'frequency', 'monetary', 'monetaryMean', 'tenureDays']);
    expect(report.columns.find((c) => c.column === 'monetary')!.direction).toBe('higher');
  });

  it('compares date columns as time when asked', () => {
    const report = driftReport(rfmTable(log(0)), rfmTable(log(30)), { columns: ['lastPurchase', 'monetary'] });
    const last = report.columns[0]!;
    expect(last).toMatchObject({ column: 'lastPurchase', type: 'numeric', direction: 'higher' });
    expect(last.currentMedian! - last.referenceMedian!).toBeGreaterThan(20 * 86_400_000);
  });

  it('reads ISO date text as dates, and names columns with prototype names safely', () => {
    const a = [
      { constructor: 'x', when: '2024-01-01', spend: '1' },
      { constructor: 'y', when: '2024-01-02', spend: '2' },
    ];
    const report = driftReport(a, a);
    expect(report.skipped.map((c) => c.column)).toEqual(['when']);
    expect(report.columns.map((c) => [c.column, c.type])).toEqual([
      ['constructor', 'categorical'],
      ['spend', 'numeric'],
    ]);
  });
});
