// Unit tests of internals too (the comparison kernels, Holm, the SRM check, P(beat)), imported from src/.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { SegmentExperiment, type SegmentExperimentOptions, segmentExperiment } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { adjustPValues, holmPValues } from '../../src/drift/adjustPValues';
import { compareConversions } from '../../src/experiments/compareArms';
import { probabilityToBeat } from '../../src/experiments/probabilityToBeat';
import { sampleRatioMismatch } from '../../src/experiments/sampleRatioMismatch';
import { studentTCritical } from '../../src/experiments/studentTCritical';
import { expectSegmentkitError } from '../helpers/expectError';
import { loadReference, relativeError } from '../helpers/reference';

interface ProportionCase {
  xV: number;
  nV: number;
  xC: number;
  nC: number;
  z: number;
  pValue: number;
  wald: [number, number];
  relative?: [number, number];
  probabilityToBeat: number;
}
interface Slice {
  segment: string | number | null;
  arms: { n: number; sum: number; mean: number }[];
  comparisons: {
    statistic: number;
    pValue: number;
    interval: [number, number];
    absoluteLift: number;
    probabilityToBeat?: number;
    holm?: number;
    bh?: number;
  }[];
  srm: { statistic: number; pValue: number };
}
interface Fixture {
  alpha: number;
  proportions: ProportionCase[];
  priors: { xV: number; nV: number; xC: number; nC: number; alpha: number; beta: number; probabilityToBeat: number }[];
  revenue: {
    variant: number[];
    control: number[];
    t: number;
    pValue: number;
    df: number;
    interval: [number, number];
    relative: [number, number];
  }[];
  adjust: { pValues: number[]; holm: number[]; bh: number[] }[];
  srm: { observed: number[]; weights: number[]; statistic: number; pValue: number }[];
  experiment: {
    records: { segment: (string | number)[]; variant: string[]; converted: boolean[]; revenue: number[] };
    conversion: Slice[];
    revenue: Slice[];
  };
}
const ref = loadReference<Fixture>('experiments.json');

const CONVERSION: SegmentExperimentOptions = {
  segment: 'segment',
  variant: 'variant',
  outcome: 'converted',
  kind: 'conversion',
  control: 'A',
};

/** Records of one segment with x of n converted per variant. */
function conversionRecords(groups: readonly (readonly [segment: string | number, variant: string | number, x: number, n: number])[]) {
  return groups.flatMap(([segment, variant, x, n]) => Array.from({ length: n }, (_, i) => ({ segment, variant, converted: i < x })));
}

function expectClose(actual: number | null | undefined, expected: number, tolerance: number): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  expect(relativeError(actual!, expected)).toBeLessThan(tolerance);
}

describe('conversions match statsmodels proportions_ztest and confint_proportions_2indep', () => {
  const z = 1.959963984540054;
  it(`on ${ref.proportions.length} cases, zero conversions included`, () => {
    for (const c of ref.proportions) {
      const r = compareConversions(
        'B',
        { n: c.nV, conversions: c.xV, mean: c.xV / c.nV, variance: 0 },
        { n: c.nC, conversions: c.xC, mean: c.xC / c.nC, variance: 0 },
        z,
        1,
        1,
      );
      expectClose(r.statistic, c.z, 1e-12);
      expectClose(r.pValue, c.pValue, 1e-10);
      expect(Math.abs(r.absoluteLiftInterval!.lower - c.wald[0])).toBeLessThan(1e-14);
      expect(Math.abs(r.absoluteLiftInterval!.upper - c.wald[1])).toBeLessThan(1e-14);
      if (c.relative) {
        expectClose(r.relativeLiftInterval!.lower, c.relative[0], 1e-12);
        expectClose(r.relativeLiftInterval!.upper, c.relative[1], 1e-12);
      } else {
        expect(r.relativeLiftInterval).toBeNull();
      }
      expect(r.relativeLift).toBe(c.xC === 0 ? null : c.xV / c.nV / (c.xC / c.nC) - 1);
      // exact Beta–Binomial against numerical integration of the Beta densities
      expect(Math.abs(r.probabilityToBeatControl! - c.probabilityToBeat)).toBeLessThan(1e-10);
    }
  });
  it('through segmentExperiment, with one segment', () => {
    for (const c of ref.proportions.filter((p) => p.nV + p.nC < 5000)) {
      const result = segmentExperiment(
        conversionRecords([
          ['all', 'A', c.xC, c.nC],
          ['all', 'B', c.xV, c.nV],
        ]),
        CONVERSION,
      );
      const o = result.overall.comparisons[0]!;
      expectClose(o.pValue, c.pValue, 1e-10);
      expect(Math.abs(o.probabilityToBeatControl! - c.probabilityToBeat)).toBeLessThan(1e-10);
      expect(result.segments[0]!.comparisons[0]!.pValue).toBe(o.pValue);
    }
  });
  it('P(variant > control) under other Beta priors', () => {
    for (const c of ref.priors) {
      const result = segmentExperiment(
        conversionRecords([
          ['s', 'A', c.xC, c.nC],
          ['s', 'B', c.xV, c.nV],
        ]),
        {
          ...CONVERSION,
          prior: { alpha: c.alpha, beta: c.beta },
        },
      );
      expect(Math.abs(result.overall.comparisons[0]!.probabilityToBeatControl! - c.probabilityToBeat)).toBeLessThan(1e-10);
    }
  });
  it('P(beat) is complementary when the groups swap, and ½ for equal data', () => {
    expect(probabilityToBeat(21, 81, 11, 91) + probabilityToBeat(11, 91, 21, 81)).toBeCloseTo(1, 13);
    expect(probabilityToBeat(5, 7, 5, 7)).toBeCloseTo(0.5, 13);
    // a non-whole shape on one side: summed over the whole one
    expect(probabilityToBeat(2.5, 10, 3, 9) + probabilityToBeat(3, 9, 2.5, 10)).toBeCloseTo(1, 13);
  });
  it('gives null statistics, never NaN, when both groups are all zeros', () => {
    const result = segmentExperiment(
      conversionRecords([
        ['s', 'A', 0, 10],
        ['s', 'B', 0, 12],
      ]),
      CONVERSION,
    );
    const c = result.overall.comparisons[0]!;
    expect(c.absoluteLift).toBe(0);
    expect([c.statistic, c.pValue, c.relativeLift, c.relativeLiftInterval]).toEqual([null, null, null, null]);
    expect(c.probabilityToBeatControl).toBeGreaterThan(0);
  });
});

describe('revenue matches scipy ttest_ind(equal_var=False) and statsmodels tconfint_diff', () => {
  it(`on ${ref.revenue.length} samples (lognormal, zero-inflated, normal)`, () => {
    for (const c of ref.revenue) {
      const records = [
        ...c.control.map((amount) => ({ seg: 1, arm: 'control', amount })),
        ...c.variant.map((amount) => ({ seg: 1, arm: 'treatment', amount })),
      ];
      const result = segmentExperiment(records, { segment: 'seg', variant: 'arm', outcome: 'amount', kind: 'revenue', control: 'control' });
      const r = result.overall.comparisons[0]!;
      expectClose(r.statistic, c.t, 1e-11);
      expectClose(r.degreesOfFreedom, c.df, 1e-11);
      expectClose(r.pValue, c.pValue, 1e-9);
      // scipy's t.ppf (behind tconfint_diff) is itself off by ~1e-11 relative (its own t.sf at t.isf(0.025, 10)
      // gives 0.0500000000018), and the interval is ± that quantile times the standard error: compare to the width
      const width = c.interval[1] - c.interval[0];
      expect(Math.abs(r.absoluteLiftInterval!.lower - c.interval[0])).toBeLessThan(1e-9 * width);
      expect(Math.abs(r.absoluteLiftInterval!.upper - c.interval[1])).toBeLessThan(1e-9 * width);
      expectClose(r.relativeLiftInterval!.lower, c.relative[0], 1e-12);
      expectClose(r.relativeLiftInterval!.upper, c.relative[1], 1e-12);
      expect(r.probabilityToBeatControl).toBeNull();
      expect(result.overall.arms.map((a) => a.n)).toEqual([c.control.length, c.variant.length]);
    }
  });
  it('the t critical value inverts the two-sided tail', () => {
    // scipy t.isf(tail / 2, df), which is good to ~1e-11 relative
    expect(relativeError(studentTCritical(0.05, 1), 12.706204736174705)).toBeLessThan(1e-10);
    expect(relativeError(studentTCritical(0.05, 10), 2.2281388519649385)).toBeLessThan(1e-10);
    expect(relativeError(studentTCritical(0.01, 1e6), 2.5758342201053344)).toBeLessThan(1e-10);
  });
});

describe('p-value adjustments match statsmodels multipletests', () => {
  it('holm and fdr_bh, ties and p = 1 included', () => {
    for (const c of ref.adjust) {
      holmPValues(c.pValues).forEach((p, i) => expectClose(p, c.holm[i]!, 1e-14));
      adjustPValues(c.pValues, 'fdr').forEach((p, i) => expectClose(p, c.bh[i]!, 1e-14));
    }
  });
  it('keeps nulls out of the family', () => {
    expect(holmPValues([0.01, null, 0.04])).toEqual([0.02, null, 0.04]);
  });
});

describe('the sample-ratio check matches scipy.stats.chisquare', () => {
  it(`on ${ref.srm.length} splits, equal and planned`, () => {
    for (const c of ref.srm) {
      const total = c.weights.reduce((a, b) => a + b, 0);
      const r = sampleRatioMismatch(
        c.observed,
        c.weights.map((w) => w / total),
        0.001,
      );
      expect(Math.abs(r.statistic - c.statistic)).toBeLessThan(1e-10 * Math.max(1, c.statistic));
      expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(1e-12);
      expect(r.degreesOfFreedom).toBe(c.observed.length - 1);
      expect(r.mismatch).toBe(c.pValue < 0.001);
    }
  });
  it('through segmentExperiment with a planned split, and a warning on a mismatch', () => {
    const records = conversionRecords([
      ['s', 'A', 10, 2600],
      ['s', 'B', 10, 7400],
    ]);
    const planned = segmentExperiment(records, { ...CONVERSION, expectedSplit: { A: 1, B: 3 } });
    const expected = ref.srm.find((c) => c.observed[0] === 2600)!;
    expect(planned.sampleRatio.pValue).toBeCloseTo(expected.pValue, 12);
    expect(planned.sampleRatio.expected).toEqual([2500, 7500]);
    const equal = segmentExperiment(records, CONVERSION);
    expect(equal.sampleRatio.mismatch).toBe(true);
    expect(equal.warnings.some((w) => /sample ratio mismatch overall/.test(w))).toBe(true);
  });
});

describe('segmentExperiment end to end against statsmodels and scipy (3 segments, 3 variants)', () => {
  const { records: columns } = ref.experiment;
  const records = columns.segment.map((segment, i) => ({
    segment,
    variant: columns.variant[i]!,
    converted: columns.converted[i]!,
    revenue: columns.revenue[i]!,
  }));
  for (const kind of ['conversion', 'revenue'] as const) {
    it(kind, () => {
      const result = segmentExperiment(records, { ...CONVERSION, outcome: kind === 'conversion' ? 'converted' : 'revenue', kind });
      const expected = ref.experiment[kind];
      expect(result.variants).toEqual(['A', 'B', 'C']);
      expect(result.segments.map((s) => s.segment)).toEqual([7, 'loyal', 'new']);
      const readouts = [...result.segments, result.overall];
      readouts.forEach((readout, s) => {
        const e = expected[s]!;
        expect(readout.segment).toBe(e.segment);
        readout.arms.forEach((arm, j) => {
          expect(arm.n).toBe(e.arms[j]!.n);
          expectClose(arm.mean, e.arms[j]!.mean, 1e-13);
          if (kind === 'conversion') expect(arm.conversions).toBe(e.arms[j]!.sum);
        });
        expectClose(readout.sampleRatio.statistic, e.srm.statistic, 1e-10);
        expect(Math.abs(readout.sampleRatio.pValue - e.srm.pValue)).toBeLessThan(1e-12);
        readout.comparisons.forEach((c, j) => {
          const x = e.comparisons[j]!;
          expectClose(c.statistic, x.statistic, 1e-11);
          expectClose(c.pValue, x.pValue, 1e-9);
          expect(Math.abs(c.absoluteLift! - x.absoluteLift)).toBeLessThan(1e-14);
          expect(Math.abs(c.absoluteLiftInterval!.lower - x.interval[0])).toBeLessThan(1e-10);
          expect(Math.abs(c.absoluteLiftInterval!.upper - x.interval[1])).toBeLessThan(1e-10);
          if (kind === 'conversion') expect(Math.abs(c.probabilityToBeatControl! - x.probabilityToBeat!)).toBeLessThan(1e-10);
          if (readout.segment === null) {
            expect([c.pValueHolm, c.pValueBH]).toEqual([null, null]);
          } else {
            expectClose(c.pValueHolm, x.holm!, 1e-9);
            expectClose(c.pValueBH, x.bh!, 1e-9);
          }
        });
      });
    });
  }
});

describe("Simpson's paradox", () => {
  // kidney-stone-like numbers: the variant loses in both segments but wins pooled, because it got the easy cases
  const records = conversionRecords([
    ['small', 'A', 81, 87],
    ['small', 'B', 234, 270],
    ['large', 'A', 192, 263],
    ['large', 'B', 55, 80],
  ]);
  it('warns when the pooled lift and every segment lift disagree in sign', () => {
    const result = segmentExperiment(records, CONVERSION);
    expect(result.overall.comparisons[0]!.absoluteLift).toBeCloseTo(289 / 350 - 273 / 350, 15);
    expect(result.segments.every((s) => s.comparisons[0]!.absoluteLift! < 0)).toBe(true);
    expect(result.simpsonsParadox).toHaveLength(1);
    expect(result.simpsonsParadox[0]!.variant).toBe('B');
    expect(result.simpsonsParadox[0]!.segmentLifts.map((l) => Math.sign(l!))).toEqual([-1, -1]);
    expect(result.warnings.some((w) => /Simpson's paradox for variant "B"/.test(w))).toBe(true);
  });
  it('stays quiet when one segment agrees with the pooled lift', () => {
    const agreeing = conversionRecords([
      ['small', 'A', 81, 87],
      ['small', 'B', 260, 270],
      ['large', 'A', 192, 263],
      ['large', 'B', 55, 80],
    ]);
    expect(segmentExperiment(agreeing, CONVERSION).simpsonsParadox).toEqual([]);
  });
});

describe('segmentExperiment invariants (property tests)', () => {
  const groups = fc.array(
    fc.record({ segment: fc.constantFrom('a', 'b', 'c', 4), variant: fc.constantFrom('A', 'B', 'C'), converted: fc.boolean() }),
    { minLength: 6, maxLength: 120 },
  );
  const withControlAndOther = (rows: { variant: string }[]) => rows.some((r) => r.variant === 'A') && rows.some((r) => r.variant !== 'A');

  it('p-values lie in [0, 1], adjusted ones are ≥ the raw ones, Holm ≥ BH, P(beat) in [0, 1]', () => {
    fc.assert(
      fc.property(groups.filter(withControlAndOther), (rows) => {
        const result = segmentExperiment(rows, CONVERSION);
        for (const readout of [...result.segments, result.overall]) {
          for (const c of readout.comparisons) {
            if (c.pValue !== null) {
              expect(c.pValue).toBeGreaterThanOrEqual(0);
              expect(c.pValue).toBeLessThanOrEqual(1);
            }
            if (readout.segment !== null && c.pValue !== null) {
              // p · m / rank with rank = m can round one ulp below p
              expect(c.pValueHolm!).toBeGreaterThanOrEqual(c.pValue * (1 - 1e-15));
              expect(c.pValueBH!).toBeGreaterThanOrEqual(c.pValue * (1 - 1e-15));
              expect(c.pValueHolm!).toBeGreaterThanOrEqual(c.pValueBH! - 1e-15);
              expect(c.pValueHolm!).toBeLessThanOrEqual(1);
            }
            if (c.probabilityToBeatControl !== null) {
              expect(c.probabilityToBeatControl).toBeGreaterThanOrEqual(0);
              expect(c.probabilityToBeatControl).toBeLessThanOrEqual(1);
            }
            if (c.absoluteLift !== null && c.absoluteLiftInterval !== null) {
              expect(c.absoluteLiftInterval.lower).toBeLessThanOrEqual(c.absoluteLift);
              expect(c.absoluteLiftInterval.upper).toBeGreaterThanOrEqual(c.absoluteLift);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('renaming the segments only renames them; shuffling the records changes nothing', () => {
    const rename: Record<string, string | number> = { a: 'z', b: 10, c: 'm', 4: 'k' };
    fc.assert(
      fc.property(groups.filter(withControlAndOther), fc.integer(), (rows, seed) => {
        const result = segmentExperiment(rows, CONVERSION);
        const renamed = segmentExperiment(
          rows.map((r) => ({ ...r, segment: rename[String(r.segment)]! })),
          CONVERSION,
        );
        expect(renamed.overall).toEqual(result.overall);
        for (const readout of result.segments) {
          const other = renamed.readout(rename[String(readout.segment)]!)!;
          expect({ ...other, segment: readout.segment }).toEqual(readout);
        }
        const shuffled = [...rows];
        let state = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(segmentExperiment(shuffled, CONVERSION).segments).toEqual(result.segments);
      }),
      { numRuns: 100 },
    );
  });

  it('swapping control and variant negates the lift, keeps the p-value and complements P(beat)', () => {
    const twoArms = fc.array(
      fc.record({ segment: fc.constantFrom('a', 'b'), variant: fc.constantFrom('A', 'B'), converted: fc.boolean() }),
      {
        minLength: 4,
        maxLength: 80,
      },
    );
    fc.assert(
      fc.property(
        twoArms.filter((rows) => rows.some((r) => r.variant === 'A') && rows.some((r) => r.variant === 'B')),
        (rows) => {
          const ab = segmentExperiment(rows, CONVERSION).overall.comparisons[0]!;
          const ba = segmentExperiment(rows, { ...CONVERSION, control: 'B' }).overall.comparisons[0]!;
          expect(ba.absoluteLift).toBeCloseTo(-ab.absoluteLift!, 15);
          if (ab.pValue === null) expect(ba.pValue).toBeNull();
          else expect(ba.pValue).toBeCloseTo(ab.pValue, 13);
          expect(ba.probabilityToBeatControl! + ab.probabilityToBeatControl!).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('segmentExperiment: input handling', () => {
  const records = conversionRecords([
    ['s', 'A', 3, 10],
    ['s', 'B', 5, 10],
  ]);
  it('never mutates the input and returns frozen results', () => {
    const copy = structuredClone(records);
    const result = segmentExperiment(records, CONVERSION);
    expect(records).toEqual(copy);
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.overall)).toBe(true);
    expect(Object.isFrozen(result.overall.comparisons[0])).toBe(true);
    expect(Object.isFrozen(result.overall.comparisons[0]!.absoluteLiftInterval)).toBe(true);
    expect(Object.isFrozen(result.segments[0]!.arms[0])).toBe(true);
    expect(Object.isFrozen(result.sampleRatio.observed)).toBe(true);
  });
  it('accepts 0/1 outcomes, numeric segments and numeric variants', () => {
    const numeric = records.map((r) => ({ segment: 3, variant: r.variant === 'A' ? 0 : 1, converted: r.converted ? 1 : 0 }));
    const result = segmentExperiment(numeric, { ...CONVERSION, control: 0 });
    expect(result.variants).toEqual([0, 1]);
    expect(result.segments[0]!.segment).toBe(3);
    expect(result.overall.comparisons[0]!.pValue).toBe(segmentExperiment(records, CONVERSION).overall.comparisons[0]!.pValue);
  });
  it('compares every variant with control (A/B/n)', () => {
    const result = segmentExperiment(
      conversionRecords([
        ['s', 'B', 5, 10],
        ['s', 'A', 3, 10],
        ['s', 'C', 1, 10],
      ]),
      CONVERSION,
    );
    expect(result.variants).toEqual(['A', 'B', 'C']);
    expect(result.overall.comparisons.map((c) => c.variant)).toEqual(['B', 'C']);
    expect(result.overall.comparisons.map((c) => c.absoluteLift)).toEqual([0.2, 0.1 - 0.3]);
  });
  it('reports a segment with an empty variant as nulls and a warning', () => {
    const result = segmentExperiment(
      conversionRecords([
        ['s', 'A', 3, 10],
        ['s', 'B', 5, 10],
        ['t', 'A', 1, 5],
      ]),
      CONVERSION,
    );
    const t = result.readout('t')!;
    expect(t.arms[1]).toMatchObject({ n: 0, rate: null, mean: null });
    expect(t.comparisons[0]!.pValue).toBeNull();
    expect(t.comparisons[0]!.pValueHolm).toBeNull();
    expect(result.warnings.some((w) => /segment "t", variant "B"/.test(w))).toBe(true);
  });
  it('prints a table and a REPL summary', () => {
    const result = segmentExperiment(records, CONVERSION);
    expect(result).toBeInstanceOf(SegmentExperiment);
    const text = result.toString();
    expect(text).toMatch(/^SegmentExperiment: conversion, control "A", 1 segment, 20 customers/);
    expect(text).toMatch(/\(overall\)/);
    expect(text).toMatch(/P\(variant > control\)/);
    expect(inspect(result)).toMatch(/^SegmentExperiment \{ conversion, 1 segments, 20 customers/);
  });
  it('names the function, the row and the field in errors', () => {
    const bad = [...records.slice(0, 3), { segment: 's', variant: 'B', converted: 'yes' }];
    expectSegmentkitError(
      () => segmentExperiment(bad, CONVERSION),
      'E_PARSE',
      /segmentExperiment: row 3 has outcome field 'converted' = "yes"/,
    );
    expectSegmentkitError(
      () => segmentExperiment([...records, { segment: 's', variant: 'B', converted: 2 }], CONVERSION),
      'E_DOMAIN',
      /row 20 .*true\/false or 1\/0/,
    );
    expectSegmentkitError(
      () => segmentExperiment([{ segment: null, variant: 'A', converted: true }], CONVERSION),
      'E_PARSE',
      /row 0 has segment field 'segment' = null/,
    );
    expectSegmentkitError(
      () => segmentExperiment([{ segment: 's', variant: 'A', amount: Number.NaN }], { ...CONVERSION, outcome: 'amount', kind: 'revenue' }),
      'E_NOT_FINITE',
      /row 0 has outcome field 'amount' = NaN/,
    );
    expectSegmentkitError(
      () => segmentExperiment(records, { ...CONVERSION, control: 'X' }),
      'E_PARAM',
      /control "X" is not a value of field 'variant'.*"A", "B"/,
    );
    expectSegmentkitError(() => segmentExperiment(records.slice(0, 10), CONVERSION), 'E_LABELS', /nothing to compare/);
    expectSegmentkitError(() => segmentExperiment([], CONVERSION), 'E_EMPTY', /no records/);
    expectSegmentkitError(
      () => segmentExperiment(records, { ...CONVERSION, kind: 'rate' as 'conversion' }),
      'E_PARAM',
      /kind must be one of/,
    );
    expectSegmentkitError(() => segmentExperiment(records, { ...CONVERSION, segmnt: 'x' } as never), 'E_PARAM', /did you mean 'segment'/);
    expectSegmentkitError(
      () => segmentExperiment(records, { ...CONVERSION, expectedSplit: { A: 1 } }),
      'E_PARAM',
      /no weight for variant 'B'/,
    );
    expectSegmentkitError(
      () => segmentExperiment(records, { ...CONVERSION, expectedSplit: { A: 1, B: 1, Z: 1 } }),
      'E_PARAM',
      /'Z', which is not a variant/,
    );
    expectSegmentkitError(
      () => segmentExperiment(records, { ...CONVERSION, prior: { alpha: 0.5, beta: 0.5 } }),
      'E_PARAM',
      /prior.alpha must be a whole number/,
    );
    expectSegmentkitError(() => segmentExperiment(records, { ...CONVERSION, alpha: 1 }), 'E_PARAM', /alpha/);
  });
});
