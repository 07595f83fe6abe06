import { BetaGeoModel, calibrationHoldout, holdoutComparison, SegmentkitError } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { readTestData } from '../helpers/csv';
import { loadReference, relativeError } from '../helpers/reference';

interface Ref {
  betaGeoParams: [number, number, number, number];
  rows: {
    customerId: number;
    frequency: number;
    recency: number;
    T: number;
    monetaryValue: number;
    frequencyHoldout: number;
    monetaryValueHoldout: number;
    durationHoldout: number;
  }[];
  comparison: { frequency: number; customers: number; actual: number; predicted: number }[];
}
const ref = loadReference<Ref>('calibration_holdout.json');

const transactions = readTestData('cdnow/CDNOW_sample.txt')
  .trim()
  .split(/\r?\n/)
  .map((line) => {
    const [, id, date, , value] = line.trim().split(/\s+/);
    return { customerId: Number(id), timestamp: date!, amount: Number(value) };
  });
const options = { dateFormat: 'YYYYMMDD', calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', period: 'day', unit: 7 } as const;

describe('calibrationHoldout on the raw CDNOW log equals lifetimes’ conventions written out in pandas', () => {
  const rows = calibrationHoldout(transactions, options);
  it('every customer’s calibration summary and holdout purchases, value and duration', () => {
    expect(rows.length).toBe(ref.rows.length);
    rows.forEach((row, i) => {
      const r = ref.rows[i]!;
      expect(row.customerId).toBe(r.customerId);
      expect([row.frequency, row.frequencyHoldout]).toEqual([r.frequency, r.frequencyHoldout]);
      for (const key of ['recency', 'T', 'monetaryValue', 'monetaryValueHoldout', 'durationHoldout'] as const)
        expect(Math.abs(row[key] - r[key])).toBeLessThan(1e-9);
    });
  });
  it('a one-shot stream gives the same rows as the array', () => {
    function* stream() {
      yield* transactions;
    }
    expect(calibrationHoldout(stream(), options)).toEqual(rows);
  });
  it('holdoutComparison: per calibration frequency, actual vs BG/NBD-expected holdout purchases', () => {
    const [r, alpha, a, b] = ref.betaGeoParams;
    const model = BetaGeoModel.fromJSON({
      kind: 'BetaGeoModel',
      version: 1,
      params: { r, alpha, a, b },
      logLikelihood: 0,
      standardErrors: [null, null, null, null],
      converged: true,
      iterations: 0,
      penalizer: 0,
      nCustomers: rows.length,
    });
    const groups = holdoutComparison(model, rows);
    expect(groups.map((g) => [g.frequency, g.customers])).toEqual(ref.comparison.map((g) => [g.frequency, g.customers]));
    groups.forEach((g, i) => {
      expect(Math.abs(g.actual - ref.comparison[i]!.actual)).toBeLessThan(1e-12);
      expect(relativeError(g.predicted, ref.comparison[i]!.predicted)).toBeLessThan(1e-8);
    });
    expect(groups.at(-1)!.pooled).toBe(true);
  });
  it('bad windows and rows get typed errors with the fix', () => {
    expect(() => calibrationHoldout(transactions, { ...options, calibrationEnd: undefined as never })).toThrow(
      /calibrationEnd is required/,
    );
    expect(() => calibrationHoldout(transactions, { ...options, observationEnd: '1997-01-01' })).toThrow(/must be after calibrationEnd/);
    expect(() => calibrationHoldout(transactions, { ...options, calibrationEnd: '1990-01-01' })).toThrow(/move calibrationEnd later/);
    expect(() => calibrationHoldout(transactions, { ...options, calibrationEnds: 1 } as never)).toThrow(SegmentkitError);
    expect(() => holdoutComparison({} as never, rows)).toThrow(/fitted transaction model/);
    expect(() => holdoutComparison({ expectedPurchases: () => 0 }, [{ frequency: 1 } as never])).toThrow(/row 0 has no frequencyHoldout/);
  });
});
