import { parseCsv, profileSegments, type SegmentSummary } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { readTestData } from '../helpers/csv';
import { loadReference } from '../helpers/reference';

interface NumericRef {
  mean: number;
  median: number;
  q25: number;
  q75: number;
  std: number;
  lift: number;
  standardizedDifference: number;
  statistic: number;
  pValue: number;
  adjustedPValue: number;
}
interface CategoricalRef {
  statistic: number;
  pValue: number;
  adjustedPValue: number;
  effectSize: number;
  shares: Record<string, number>;
  overallShares: Record<string, number>;
}
interface SegmentRef {
  segment: string;
  size: number;
  numeric: Record<string, NumericRef>;
  categorical: Record<string, CategoricalRef>;
}
const ref = loadReference<{ numeric: string[]; categorical: string[]; 'mann-whitney': SegmentRef[]; welch: SegmentRef[] }>(
  'profile_segments.json',
);

/** |a − b| within `rtol` of b, or both below 1e-300 (scipy's p-values underflow to 0 far out). */
function close(actual: number | null | undefined, expected: number, rtol: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected) + 1e-300);
}

describe('profileSegments on the real Telco churn file matches pandas, scipy and statsmodels (test/reference/scripts/profile_segments.py)', () => {
  const rows = parseCsv(readTestData('telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv'));
  const labels = rows.map((row) => row.Contract as string);
  const columns = [...ref.numeric, ...ref.categorical];
  for (const test of ['mann-whitney', 'welch'] as const) {
    it(`segments = Contract, numeric test ${test}`, () => {
      const profile = profileSegments(rows, labels, { columns, test });
      expect(profile.segments.map((s) => s.segment)).toEqual(ref[test].map((s) => s.segment));
      ref[test].forEach((expected, g) => {
        const actual: SegmentSummary = profile.segments[g]!;
        expect(actual.size).toBe(expected.size);
        for (const feature of ref.numeric) {
          const a = actual.numeric.find((f) => f.feature === feature)!;
          const e = expected.numeric[feature]!;
          close(a.mean, e.mean, 1e-13);
          expect(a.median).toBe(e.median);
          close(a.q25, e.q25, 1e-13);
          close(a.q75, e.q75, 1e-13);
          close(a.std, e.std, 1e-12);
          close(a.lift, e.lift, 1e-12);
          close(a.standardizedDifference, e.standardizedDifference, 1e-10);
          close(a.test!.statistic, e.statistic, 1e-12);
          close(a.test!.pValue, e.pValue, 1e-8);
          close(a.test!.adjustedPValue, e.adjustedPValue, 1e-8);
        }
        for (const feature of ref.categorical) {
          const a = actual.categorical.find((f) => f.feature === feature)!;
          const e = expected.categorical[feature]!;
          close(a.test!.statistic, e.statistic, 1e-10);
          close(a.test!.pValue, e.pValue, 1e-8);
          close(a.test!.adjustedPValue, e.adjustedPValue, 1e-8);
          close(a.effectSize, e.effectSize, 1e-10);
          for (const c of a.categories) {
            close(c.share, e.shares[String(c.category)]!, 1e-14);
            close(c.overallShare, e.overallShares[String(c.category)]!, 1e-14);
          }
        }
      });
    });
  }
});
