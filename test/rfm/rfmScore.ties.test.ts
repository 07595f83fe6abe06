import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type RfmRow, rfmScore } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

const day = new Date(Date.UTC(2024, 0, 1));
function row(customerId: number, recency: number, frequency: number, monetary: number): RfmRow {
  return {
    customerId,
    recency,
    frequency,
    monetary,
    monetaryMean: monetary / frequency,
    firstPurchase: day,
    lastPurchase: day,
    tenureDays: recency,
  };
}

// customers with a few distinct values each, so ties are everywhere
const customers = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })), {
  minLength: 1,
  maxLength: 120,
});
const table = (values: [number, number, number][]): RfmRow[] => values.map(([r, f, m], i) => row(i + 1, r, f, m * 10));

describe("rfmScore ties: 'shared' (properties)", () => {
  it('customers with equal values always get equal scores, in any bin count', () => {
    fc.assert(
      fc.property(customers, fc.integer({ min: 2, max: 9 }), (values, bins) => {
        const scored = rfmScore(table(values), { bins });
        for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
          const byValue = new Map<number, number>();
          for (const s of scored) {
            const score = s[`${dimension}Score`];
            const seen = byValue.get(s[dimension]);
            if (seen !== undefined) expect(score).toBe(seen);
            byValue.set(s[dimension], score);
          }
        }
      }),
    );
  });

  it('a duplicated customer gets the scores of the original', () => {
    fc.assert(
      fc.property(customers, fc.nat(), (values, pick) => {
        const base = table(values);
        const original = base[pick % base.length]!;
        const scored = rfmScore([...base, { ...original, customerId: 10_000 }]);
        const a = scored.find((s) => s.customerId === original.customerId)!;
        const b = scored.find((s) => s.customerId === 10_000)!;
        expect(b.rfmCode).toBe(a.rfmCode);
      }),
    );
  });

  it('scores never decrease as the value grows (recency: never increase as the days grow)', () => {
    fc.assert(
      fc.property(customers, fc.integer({ min: 2, max: 9 }), (values, bins) => {
        const scored = rfmScore(table(values), { bins });
        for (const dimension of ['frequency', 'monetary'] as const) {
          const sorted = [...scored].sort((x, y) => x[dimension] - y[dimension]);
          for (let i = 1; i < sorted.length; i++)
            expect(sorted[i]![`${dimension}Score`]).toBeGreaterThanOrEqual(sorted[i - 1]![`${dimension}Score`]);
        }
        const byDays = [...scored].sort((x, y) => x.recency - y.recency);
        for (let i = 1; i < byDays.length; i++) expect(byDays[i]!.recencyScore).toBeLessThanOrEqual(byDays[i - 1]!.recencyScore);
      }),
    );
  });

  it("equals 'first' (pandas) when no two customers share a value", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 150 }),
        fc.integer({ min: 2, max: 9 }),
        (distinct, bins) => {
          const rows = distinct.map((v, i) => row(i + 1, v, v + 1, (v + 1) * 3));
          expect(rfmScore(rows, { bins }).map((r) => r.rfmCode)).toEqual(rfmScore(rows, { bins, ties: 'first' }).map((r) => r.rfmCode));
        },
      ),
    );
  });

  it('the report counts every level and names the empty ones', () => {
    fc.assert(
      fc.property(customers, (values) => {
        const scored = rfmScore(table(values));
        for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
          const counts = scored.report.counts[dimension];
          expect(counts.reduce((a, b) => a + b, 0)).toBe(scored.length);
          expect(scored.report.emptyLevels[dimension]).toEqual(counts.flatMap((c, k) => (c === 0 ? [k + 1] : [])));
        }
      }),
    );
  });
});

describe('rfmScore input checks', () => {
  it('rejects rows without finite values and bad tie options', () => {
    expectSegmentkitError(() => rfmScore([null as never]), 'E_PARSE', /row 0 is null/);
    expectSegmentkitError(() => rfmScore([{ ...row(1, 1, 1, 1), recency: NaN }]), 'E_PARSE', /recency is NaN/);
    expectSegmentkitError(() => rfmScore([{ ...row(1, 1, 1, 1), recency: 'abc' as never }]), 'E_PARSE', /recency is "abc"/);
    expectSegmentkitError(
      () => rfmScore([row(1, 1, 1, 1)], { ties: 'average' as never }),
      'E_PARAM',
      /ties must be one of 'shared', 'first'/,
    );
    expectSegmentkitError(
      () =>
        rfmScore([row(1, 1, 1, 1)], { method: 'thresholds', thresholds: { recency: [1], frequency: [1], monetary: [1] }, ties: 'first' }),
      'E_PARAM',
      /ties applies/,
    );
    expectSegmentkitError(() => rfmScore(null as never), 'E_PARSE', /table must be the array/);
  });
});
