import { describe, expect, it } from 'vitest';
import { driftReport } from 'segmentkit';

import { closeTo, driftReference as ref, type ReportCase } from './driftReference';

function records(columns: ReportCase['reference']): Record<string, number | string | null>[] {
  const names = Object.keys(columns);
  const rows = columns[names[0]!]!.length;
  return Array.from({ length: rows }, (_, i) => Object.fromEntries(names.map((n) => [n, columns[n]![i]!])));
}

describe('driftReport statistics equal scipy per column (test/reference/scripts/drift.py)', () => {
  for (const c of ref.driftReport) {
    describe(c.name, () => {
      const reference = records(c.reference);
      const current = records(c.current);
      const small = reference.length <= 1000;

      it(`default tests: ${small ? 'KS and chi-square' : 'normalised Wasserstein and Jensen–Shannon'}, PSI, missing counts`, () => {
        const report = driftReport(reference, current);
        expect(report.columns.map((col) => col.column)).toEqual(c.columns.map((col) => col.column));
        report.columns.forEach((col, j) => {
          const e = c.columns[j]!;
          expect(col.type).toBe(e.type);
          expect(col.missing.referenceCount).toBe(e.referenceMissing);
          expect(col.missing.currentCount).toBe(e.currentMissing);
          expect(col.missing.currentShare).toBeCloseTo(e.currentMissing / current.length, 15);
          expect(closeTo(col.psi!, e.psi, 1e-9), `${e.column} psi ${col.psi} vs ${e.psi}`).toBe(true);
          if (e.type === 'numeric' && small) {
            expect(col.test).toBe('ks');
            expect(closeTo(col.statistic!, e.ks!.statistic, 1e-9)).toBe(true);
            expect(closeTo(col.pValue!, e.ks!.pValue, 1e-8), `${e.column} p ${col.pValue} vs ${e.ks!.pValue}`).toBe(true);
          } else if (e.type === 'numeric') {
            expect(col.test).toBe('wasserstein');
            expect(closeTo(col.statistic!, e.wassersteinNormed!, 1e-9)).toBe(true);
          } else if (small) {
            expect(col.test).toBe('chi-square');
            expect(closeTo(col.statistic!, e.chiSquare!.statistic, 1e-9)).toBe(true);
            expect(closeTo(col.pValue!, e.chiSquare!.pValue, 1e-8)).toBe(true);
          } else {
            expect(col.test).toBe('jensen-shannon');
            expect(closeTo(col.statistic!, e.jensenShannon!, 1e-9)).toBe(true);
          }
        });
      });

      it('forced tests give the other statistics', () => {
        const numeric = small ? 'wasserstein' : 'ks';
        const categorical = small ? 'jensen-shannon' : 'chi-square';
        const tests = Object.fromEntries(c.columns.map((e) => [e.column, e.type === 'numeric' ? numeric : categorical] as const));
        const report = driftReport(reference, current, { tests });
        report.columns.forEach((col, j) => {
          const e = c.columns[j]!;
          const expected =
            e.type === 'numeric' ? (small ? e.wassersteinNormed! : e.ks!.statistic) : small ? e.jensenShannon! : e.chiSquare!.statistic;
          expect(closeTo(col.statistic!, expected, 1e-9), `${e.column}: ${col.statistic} vs ${expected}`).toBe(true);
          if (!small) expect(closeTo(col.pValue!, e.type === 'numeric' ? e.ks!.pValue : e.chiSquare!.pValue, 1e-8)).toBe(true);
        });
      });

      it('Bonferroni and Benjamini–Hochberg adjusted p-values match numpy', () => {
        const tests = Object.fromEntries(c.columns.map((e) => [e.column, e.type === 'numeric' ? 'ks' : 'chi-square'] as const));
        for (const correction of ['bonferroni', 'fdr'] as const) {
          const report = driftReport(reference, current, { tests, correction });
          report.columns.forEach((col, j) => {
            expect(closeTo(col.adjustedPValue!, c[correction][j]!, 1e-8), `${correction} ${col.column}`).toBe(true);
            expect(col.testDrifted).toBe(c[correction][j]! < 0.05);
          });
        }
      });
    });
  }
});
