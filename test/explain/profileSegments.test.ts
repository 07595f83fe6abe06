import fc from 'fast-check';
import { featurePipeline, LogTransformer, profileSegments, StandardScaler } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

const customers = [
  { spend: 10, visits: 1, plan: 'basic' },
  { spend: 12, visits: 2, plan: 'basic' },
  { spend: 11, visits: 1, plan: 'basic' },
  { spend: 95, visits: 9, plan: 'gold' },
  { spend: 105, visits: 8, plan: 'gold' },
  { spend: 100, visits: 10, plan: 'basic' },
];

describe('profileSegments', () => {
  it('gives sizes, shares and hand-checkable statistics', () => {
    const p = profileSegments(customers, [0, 0, 0, 1, 1, 1]);
    const high = p.segment(1);
    expect([high.size, high.share]).toEqual([3, 0.5]);
    const spend = high.numeric.find((f) => f.feature === 'spend')!;
    // hand: mean 100, median 100, overall mean 333/6 = 55.5
    expect([spend.mean, spend.median, spend.q25, spend.q75]).toEqual([100, 100, 97.5, 102.5]);
    expect(spend.lift).toBeCloseTo(100 / 55.5, 14);
    // hand: rest mean 11, SS 2 (rest) + 50 (segment), pooled sd √(52/4) → d = 89 / √13
    expect(spend.standardizedDifference).toBeCloseTo(89 / Math.sqrt(13), 12);
    const plan = high.categorical[0]!;
    expect(plan.categories.map((c) => [c.category, c.share, c.overallShare])).toEqual([
      ['gold', 2 / 3, 1 / 3],
      ['basic', 1 / 3, 2 / 3],
    ]);
    expect(p.overall.numeric.spend!.mean).toBe(55.5);
    expect(p.features).toEqual({ numeric: ['spend', 'visits'], categorical: ['plan'] });
  });

  it('ranks distinguishing features by effect size and keeps only significant ones', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      spend: i < 200 ? 10 + (i % 7) : 60 + (i % 7),
      noise: i % 5,
      region: i % 2 === 0 ? 'N' : 'S',
    }));
    const labels = rows.map((_, i) => (i < 200 ? 'low' : 'high'));
    const p = profileSegments(rows, labels);
    const high = p.segment('high');
    expect(high.distinguishing.map((d) => d.feature)).toEqual(['spend']);
    expect(high.distinguishing[0]).toMatchObject({ kind: 'numeric', direction: 'higher' });
    expect(high.distinguishing[0]!.test!.adjustedPValue!).toBeLessThan(1e-10);
    expect(p.segment('low').distinguishing[0]!.direction).toBe('lower');
  });

  it('profiles the noise label as its own group, last', () => {
    const p = profileSegments(customers, [0, 0, -1, 1, 1, 1]);
    expect(p.segments.map((s) => [s.segment, s.isNoise])).toEqual([
      [0, false],
      [1, false],
      [-1, true],
    ]);
    expect(profileSegments(customers, [0, 0, -1, 1, 1, 1], { noiseLabel: null }).segments.map((s) => s.segment)).toEqual([-1, 0, 1]);
  });

  it('soft weights of 0 and 1 give the hard profile’s means, and no p-values', () => {
    const weights = [0, 0, 0, 1, 1, 1].map((g) => (g === 0 ? [1, 0] : [0, 1]));
    const soft = profileSegments(customers, null, { weights });
    const hard = profileSegments(customers, [0, 0, 0, 1, 1, 1]);
    expect(soft.test).toBeNull();
    for (const g of [0, 1]) {
      expect(soft.segments[g]!.size).toBe(hard.segments[g]!.size);
      soft.segments[g]!.numeric.forEach((f, j) => {
        expect(f.mean).toBeCloseTo(hard.segments[g]!.numeric[j]!.mean, 12);
        expect(f.standardizedDifference!).toBeCloseTo(hard.segments[g]!.numeric[j]!.standardizedDifference!, 12);
        expect(f.test).toBeNull();
      });
    }
  });

  it('profiles a matrix by featureNames, or back in original units through its pipeline', () => {
    const pipeline = featurePipeline({
      numeric: { spend: [new LogTransformer(), new StandardScaler()], visits: new StandardScaler() },
    }).fit(customers);
    const X = pipeline.transform(customers).X;
    const viaPipeline = profileSegments(X, [0, 0, 0, 1, 1, 1], { pipeline });
    const direct = profileSegments(customers, [0, 0, 0, 1, 1, 1], { columns: ['spend', 'visits'] });
    viaPipeline.segments.forEach((s, g) =>
      s.numeric.forEach((f, j) => expect(f.mean).toBeCloseTo(direct.segments[g]!.numeric[j]!.mean, 10)),
    );
    const named = profileSegments([[1], [2], [9]], [0, 0, 1], { featureNames: ['spend'] });
    expect(named.segment(1).numeric[0]!.feature).toBe('spend');
  });

  it('skips identifiers and dates with a reason; a named column that cannot be profiled is an error', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, joined: new Date(2020, 0, i + 1), spend: i }));
    const p = profileSegments(
      rows,
      rows.map((_, i) => i % 2),
    );
    expect(p.skipped.map((s) => s.column)).toEqual(['id', 'joined']);
    expectSegmentkitError(
      () =>
        profileSegments(
          rows,
          rows.map((_, i) => i % 2),
          { columns: ['joined'] },
        ),
      'E_PARSE',
      /joined/,
    );
  });

  it('treats prototype-named columns as plain columns', () => {
    const rows = [0, 1, 2, 3].map((i) => JSON.parse(`{"__proto__": ${i}, "constructor": ${i * 2}}`) as object);
    const p = profileSegments(rows, [0, 0, 1, 1], { columns: ['__proto__', 'constructor'] });
    expect(Object.keys(p.overall.numeric)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('refuses bad input with a typed error', () => {
    expectSegmentkitError(() => profileSegments(customers, [0, 1]), 'E_SHAPE', /6 rows/);
    expectSegmentkitError(() => profileSegments(customers, [0, 0, null as never, 1, 1, 1]), 'E_PARSE', /labels\[2\]/);
    expectSegmentkitError(() => profileSegments(customers, [0, 0, 0, 1, 1, 1], { test: 't' as never }), 'E_PARAM');
    expectSegmentkitError(() => profileSegments(customers, [0, 0, 0, 1, 1, 1], { alhpa: 0.1 } as never), 'E_PARAM', /alpha/);
    expectSegmentkitError(() => profileSegments(customers, null, { weights: customers.map(() => [0.7, 0.7]) }), 'E_DOMAIN', /sums to 1.4/);
    expectSegmentkitError(() => profileSegments(customers, null), 'E_PARAM', /labels are required/);
  });

  it('does not depend on row order and does not modify its input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 })), { minLength: 6, maxLength: 40 }),
        fc.integer(),
        (pairs, seed) => {
          const rows = pairs.map(([v, g]) => ({ value: v, label: g }));
          const snapshot = JSON.stringify(rows);
          const shuffled = [...rows].sort((a, b) => ((a.value * 31 + seed) % 17) - ((b.value * 31 + seed) % 17));
          const a = profileSegments(
            rows,
            rows.map((r) => r.label),
            { columns: ['value'] },
          );
          const b = profileSegments(
            shuffled,
            shuffled.map((r) => r.label),
            { columns: ['value'] },
          );
          expect(JSON.stringify(rows)).toBe(snapshot);
          a.segments.forEach((s, g) => {
            const t = b.segments[g]!;
            expect(t.size).toBe(s.size);
            expect(t.numeric[0]!.median).toBe(s.numeric[0]!.median);
            expect(t.numeric[0]!.test!.pValue).toBe(s.numeric[0]!.test!.pValue);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
