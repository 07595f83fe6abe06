import { profileSegments, rfmSummary, suppressSmallCells } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// an RFM segmented customer table: 12 Champions, 10 Loyal, 3 At Risk, 1 Lost
const customers = [
  ...Array.from({ length: 12 }, (_, i) => ({ segment: 'Champions', recency: 3 + i, frequency: 9, monetary: 900 + i })),
  ...Array.from({ length: 10 }, (_, i) => ({ segment: 'Loyal', recency: 20 + i, frequency: 5, monetary: 400 })),
  ...Array.from({ length: 3 }, () => ({ segment: 'At Risk', recency: 200, frequency: 4, monetary: 5000 })),
  { segment: 'Lost', recency: 400, frequency: 1, monetary: 30 },
];

describe('suppressSmallCells', () => {
  it('blanks every value of rfmSummary rows for fewer than 10 customers, keeping the segment and its size', () => {
    const table = deepFreeze(rfmSummary(customers as never));
    const before = JSON.stringify(table);
    const out = suppressSmallCells(table);
    expect(JSON.stringify(table)).toBe(before);
    // rfmSummary's order: the default rule table's ('Loyal' is not one of its names, so it comes last)
    expect(out.map((r) => [r.segment, r.customers, r.suppressed])).toEqual([
      ['Champions', 12, false],
      ['At Risk', 3, true],
      ['Lost', 1, true],
      ['Loyal', 10, false],
    ]);
    const atRisk = out[1]!;
    expect(atRisk).toEqual({
      segment: 'At Risk',
      customers: 3,
      share: null,
      recency: null,
      frequency: null,
      monetary: null,
      revenue: null,
      revenueShare: null,
      suppressed: true,
    });
    // rows that stay are copies with every value
    expect(out[0]).toEqual({ ...table[0]!, suppressed: false });
    expect(out[0]).not.toBe(table[0]);
  });

  it('suppresses the next smallest row too when only one is small (complementary suppression)', () => {
    const table = rfmSummary(customers.filter((c) => c.segment !== 'Lost') as never);
    // At Risk's revenueShare would be 1 − the others': Loyal (10) is blanked as well
    const out = suppressSmallCells(table);
    expect(out.map((r) => [r.segment, r.suppressed])).toEqual([
      ['Champions', false],
      ['At Risk', true],
      ['Loyal', true],
    ]);
    expect(out[2]!.revenueShare).toBeNull();
    expect(suppressSmallCells(table, { complementary: false }).map((r) => r.suppressed)).toEqual([false, true, false]);
    // nothing small: nothing suppressed; one row only: no complement to find
    expect(suppressSmallCells(table, { minSegmentSize: 3 }).every((r) => !r.suppressed)).toBe(true);
    expect(suppressSmallCells([{ segment: 'x', n: 2, v: 1 }]).map((r) => r.suppressed)).toEqual([true]);
  });

  it('works on the segments of a profile (the count field is size)', () => {
    const rows = customers.map((c) => ({ recency: c.recency, monetary: c.monetary }));
    const profile = profileSegments(
      rows,
      customers.map((c) => c.segment),
    );
    const out = suppressSmallCells(profile.segments, { minSegmentSize: 5 });
    const bySegment = new Map(out.map((s) => [s.segment, s]));
    const atRisk = bySegment.get('At Risk')!;
    expect([
      atRisk.size,
      atRisk.isNoise,
      atRisk.suppressed,
      atRisk.share,
      atRisk.numeric,
      atRisk.categorical,
      atRisk.distinguishing,
    ]).toEqual([3, false, true, null, null, null, null]);
    expect(bySegment.get('Champions')!.numeric).toBe(profile.segment('Champions').numeric);
    expect(bySegment.get('Lost')!.suppressed).toBe(true);
  });

  it('can blank the count too, keep chosen fields, and use a named count field', () => {
    const table = [
      { name: 'a', n: 40, customers: 1, mean: 3 },
      { name: 'b', n: 4, customers: 1, mean: 9 },
      { name: 'c', n: 35, customers: 1, mean: 5 },
    ];
    const out = suppressSmallCells(table, { countField: 'n', keep: ['name'], suppressCount: true, complementary: false });
    expect(out[1]).toEqual({ name: 'b', n: null, customers: null, mean: null, suppressed: true });
    expect(suppressSmallCells(table, { countField: 'n', keep: ['name'] })[1]).toEqual({
      name: 'b',
      n: 4,
      customers: null,
      mean: null,
      suppressed: true,
    });
    // fractional sizes (a soft profile): compared as they are
    expect(
      suppressSmallCells(
        [
          { segment: 0, size: 9.99 },
          { segment: 1, size: 10 },
        ],
        { complementary: false },
      ).map((r) => r.suppressed),
    ).toEqual([true, false]);
    expect(suppressSmallCells([])).toEqual([]);
  });

  it('refuses a table without a count field, bad counts and bad options', () => {
    expectSegmentkitError(() => suppressSmallCells([{ segment: 'a', total: 3 }]), 'E_PARAM', /no count field found.*pass countField/);
    expectSegmentkitError(
      () => suppressSmallCells([{ customers: 3 }, { customers: 'x' }]),
      'E_PARSE',
      /table\[1\]\.customers is x; the count field must hold a number of customers ≥ 0/,
    );
    expectSegmentkitError(() => suppressSmallCells([{ customers: -1 }]), 'E_PARSE', /table\[0\]\.customers is -1/);
    expectSegmentkitError(() => suppressSmallCells([{ customers: 1 }, null as never]), 'E_PARSE', /table\[1\] is not a row object/);
    expectSegmentkitError(() => suppressSmallCells({} as never), 'E_PARAM', /table must be an array/);
    expectSegmentkitError(() => suppressSmallCells([], { minSegmentSize: -1 }), 'E_PARAM', /minSegmentSize must be a number ≥ 0/);
    expectSegmentkitError(() => suppressSmallCells([], { minSize: 5 } as never), 'E_PARAM', /unknown option 'minSize'/);
    expectSegmentkitError(() => suppressSmallCells([], { keep: 'segment' as never }), 'E_PARAM', /keep must be an array/);
  });
});
