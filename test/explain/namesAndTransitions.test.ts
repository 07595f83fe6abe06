import {
  DEFAULT_RFM_SEGMENT_RULES,
  LIFECYCLE_STAGES,
  lifecycleStages,
  nameSegments,
  profileSegments,
  segmentTransitions,
} from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

const rows = Array.from({ length: 300 }, (_, i) => {
  const g = i % 3;
  return { monetary: [50, 400, 60][g]! + (i % 11), frequency: [1, 12, 2][g]! + (i % 3), recency: [300, 10, 15][g]! + (i % 7) };
});
const labels = rows.map((_, i) => i % 3);

describe('nameSegments', () => {
  it('names segments from their strongest differences in plain words', () => {
    const names = nameSegments(profileSegments(rows, labels));
    expect(names.map((n) => n.segment)).toEqual([0, 1, 2]);
    expect(names[0]!.name).toMatch(/lapsed/i);
    expect(names[1]!.name).toMatch(/^High spend/);
    expect(names[1]!.terms).toContain('frequent');
    expect(new Set(names.map((n) => n.name)).size).toBe(3);
  });
  it('is deterministic, honours vocabulary, language and maxTerms', () => {
    const profile = profileSegments(rows, labels);
    expect(nameSegments(profile)).toEqual(nameSegments(profile));
    const custom = nameSegments(profile, { vocabulary: { monetary: { higher: 'big spenders', lower: 'thrifty' } }, maxTerms: 1 });
    expect(custom[1]!.name).toBe('Big spenders');
    expect(nameSegments(profile, { language: 'de' })[1]!.name).toMatch(/Umsatz/);
  });
  it('keeps named segments (RFM), names noise and typical segments, and makes clashing names unique', () => {
    const named = profileSegments(
      rows,
      labels.map((g) => ['Champions', 'At Risk', 'Hibernating'][g]!),
    );
    expect(
      nameSegments(named)
        .map((n) => n.name)
        .sort(),
    ).toEqual(['At Risk', 'Champions', 'Hibernating']);
    expect(DEFAULT_RFM_SEGMENT_RULES.length).toBeGreaterThan(0);
    const flat = Array.from({ length: 60 }, (_, i) => ({ x: i % 5 }));
    const typical = nameSegments(
      profileSegments(
        flat,
        flat.map((_, i) => (i % 2 === 0 ? 0 : -1)),
      ),
    );
    expect(typical.map((n) => n.name)).toEqual(['Typical', 'Unusual']);
    const twins = nameSegments(
      profileSegments(
        flat,
        flat.map((_, i) => i % 3),
      ),
    );
    expect(twins.map((n) => n.name)).toEqual(['Typical (1)', 'Typical (2)', 'Typical (3)']);
  });
  it('refuses bad options', () => {
    const profile = profileSegments(rows, labels);
    expectSegmentkitError(() => nameSegments(profile, { maxTerms: 0 }), 'E_PARAM', /maxTerms/);
    expectSegmentkitError(() => nameSegments(profile, { language: 'xx' as never }), 'E_PARAM', /language/);
    expectSegmentkitError(() => nameSegments({} as never), 'E_PARAM', /profileSegments/);
  });
});

describe('segmentTransitions', () => {
  it('counts who moved where, who is new and who was lost (hand-counted)', () => {
    const before = { a: 'gold', b: 'gold', c: 'silver', d: 'silver', e: 'silver' };
    const after = new Map<string, string>([
      ['a', 'gold'],
      ['b', 'silver'],
      ['c', 'silver'],
      ['d', 'gold'],
      ['f', 'gold'],
    ]);
    const t = segmentTransitions(before, after);
    expect(t.segments).toEqual(['gold', 'silver']);
    expect(t.counts).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(t.shares).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    expect(t.newCustomers).toEqual({ total: 1, perSegment: [1, 0] });
    expect(t.lostCustomers).toEqual({ total: 1, perSegment: [0, 1] });
    expect([t.retained, t.stayed]).toEqual([4, 0.5]);
    expect(t.project(0)).toEqual([0.5, 0.5]);
    expect(t.project(5)).toEqual([0.5, 0.5]);
  });
  it('projects shares with the Markov chain (hand-computed)', () => {
    const t = segmentTransitions(
      [
        ['a', 0],
        ['b', 0],
        ['c', 0],
        ['d', 1],
      ],
      [
        ['a', 0],
        ['b', 0],
        ['c', 1],
        ['d', 1],
      ],
    );
    // P = [[2/3, 1/3], [0, 1]], start [0.5, 0.5] → [1/3, 2/3] → [2/9, 7/9]
    expect(t.project(2)[0]).toBeCloseTo(2 / 9, 15);
  });
  it('refuses duplicates and bad values', () => {
    expectSegmentkitError(
      () =>
        segmentTransitions(
          [
            ['a', 0],
            ['a', 1],
          ],
          {},
        ),
      'E_PARSE',
      /twice/,
    );
    expectSegmentkitError(() => segmentTransitions(null as never, {}), 'E_PARAM');
    expectSegmentkitError(() => segmentTransitions({ a: null as never }, {}), 'E_PARSE', /segment null/);
    expectSegmentkitError(() => segmentTransitions({}, {}).project(-1), 'E_PARAM');
  });
});

describe('lifecycleStages', () => {
  const day = (d: number): string => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString();
  const log = [
    // weekly buyer, bought 5 days ago: active
    ...[0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91].map((d) => ({ customerId: 'weekly', timestamp: day(d), amount: 20 })),
    // weekly buyer, silent for 16 days (2.3 rhythms): at risk
    ...[0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 80].map((d) => ({ customerId: 'quiet', timestamp: day(d - 0), amount: 20 })),
    // monthly buyer gone for 200 days: lapsed
    ...[0, 30, 60].map((d) => ({ customerId: 'gone', timestamp: day(d - 200), amount: 50 })),
    // came back after a long gap: reactivated
    ...[0, 10, 20, 30, 90].map((d) => ({ customerId: 'back', timestamp: day(d), amount: 30 })),
    // first purchase 3 days ago: new
    { customerId: 'fresh', timestamp: day(93), amount: 15 },
    { customerId: 'refund', timestamp: day(10), amount: -5 },
  ];
  it('judges each customer against their own rhythm', () => {
    const result = lifecycleStages(log, { asOf: day(96) });
    const stages = Object.fromEntries(result.customers.map((c) => [c.customerId, c.stage]));
    expect(stages).toEqual({ back: 'reactivated', fresh: 'new', gone: 'lapsed', quiet: 'at risk', weekly: 'active' });
    expect(result.counts).toEqual({ new: 1, active: 1, reactivated: 1, 'at risk': 1, lapsed: 1 });
    const weekly = result.customers.find((c) => c.customerId === 'weekly')!;
    expect([weekly.rhythmDays, weekly.rhythmSource, weekly.daysSinceLast]).toEqual([7, 'own', 5]);
    expect(result.customers.find((c) => c.customerId === 'fresh')!.rhythmSource).toBe('population');
    const table = result.perSegment({ weekly: 'A', quiet: 'A', gone: 'B', back: 'B', nobody: 'C' });
    expect(table.segments).toEqual(['A', 'B']);
    expect(table.rows).toEqual([
      LIFECYCLE_STAGES.map((s) => (s === 'active' || s === 'at risk' ? 1 : 0)),
      LIFECYCLE_STAGES.map((s) => (s === 'lapsed' || s === 'reactivated' ? 1 : 0)),
    ]);
  });
  it('refuses bad thresholds and an asOf before the data', () => {
    expectSegmentkitError(() => lifecycleStages(log, { atRiskAfter: 4, lapsedAfter: 2 }), 'E_PARAM', /lapsedAfter/);
    expectSegmentkitError(() => lifecycleStages(log, { asOf: day(50) }), 'E_PARAM', /before the last purchase/);
    expectSegmentkitError(() => lifecycleStages(null as never), 'E_PARSE');
    expectSegmentkitError(() => lifecycleStages([{ customerId: 'a', timestamp: day(1), amount: -1 }]), 'E_EMPTY');
  });
});
