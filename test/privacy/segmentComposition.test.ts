import { inspect } from 'node:util';
import { SegmentComposition, segmentComposition } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { expectSegmentkitError } from '../helpers/expectError';

// 12 customers in 3 segments; the attribute has 2 values and 2 missing cells.
//            F  M  missing | size
// segment 0: 3  1  0       | 4
// segment 1: 1  4  1       | 6
// segment 2: 1  0  1       | 2
// overall:   5  5  2       | 12
const labels = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2];
const gender = ['F', 'F', 'F', 'M', 'F', 'M', 'M', 'M', 'M', null, 'F', undefined];

describe('segmentComposition', () => {
  const c = segmentComposition(labels, gender, { attributeName: 'gender' });

  it('counts each segment by the attribute, missing values as "missing"', () => {
    expect(c.values).toEqual(['F', 'M', 'missing']);
    expect(c.size).toBe(12);
    expect(c.overall).toEqual([
      { value: 'F', count: 5, share: 5 / 12 },
      { value: 'M', count: 5, share: 5 / 12 },
      { value: 'missing', count: 2, share: 2 / 12 },
    ]);
    expect(c.segments.map((s) => [s.segment, s.size, s.values.map((v) => v.count)])).toEqual([
      [0, 4, [3, 1, 0]],
      [1, 6, [1, 4, 1]],
      [2, 2, [1, 0, 1]],
    ]);
  });

  it('gives shares, representation ratios and selection rates as derived by hand', () => {
    const s0 = c.segment(0);
    // shares 3/4, 1/4, 0; representation (3/4)/(5/12) = 1.8, (1/4)/(5/12) = 0.6, 0; selection 3/5, 1/5, 0/2
    expect(s0.values.map((v) => v.share)).toEqual([0.75, 0.25, 0]);
    s0.values.forEach((v, j) => expect(v.representation).toBeCloseTo([1.8, 0.6, 0][j]!, 14));
    expect(s0.values.map((v) => v.selectionRate)).toEqual([0.6, 0.2, 0]);
    expect(s0.values.map((v) => v.overallShare)).toEqual([5 / 12, 5 / 12, 2 / 12]);
    expect([s0.share, s0.disparateImpactRatio, s0.lowestValue, s0.highestValue, s0.fourFifthsViolation]).toEqual([
      4 / 12,
      0,
      'missing',
      'F',
      true,
    ]);
    // segment 1: selection F 1/5 = 0.2, M 4/5 = 0.8, missing 1/2 = 0.5 → ratio 0.25
    const s1 = c.segment(1);
    expect(s1.values.map((v) => v.selectionRate)).toEqual([0.2, 0.8, 0.5]);
    expect([s1.disparateImpactRatio, s1.lowestValue, s1.highestValue, s1.fourFifthsViolation]).toEqual([0.25, 'F', 'M', true]);
    // segment 2: F 1/5, M 0, missing 1/2 → ratio 0
    expect(c.segment(2).disparateImpactRatio).toBe(0);
    expect(c.violations).toEqual([0, 1, 2]);
  });

  it('has a disparate-impact ratio equal to the lowest representation over the highest', () => {
    for (const s of c.segments) {
      const r = s.values.map((v) => v.representation);
      expect(s.disparateImpactRatio).toBeCloseTo(Math.min(...r) / Math.max(...r), 14);
    }
  });

  it('applies the four-fifths rule at 0.8 exactly: a ratio of 0.8 passes, below fails', () => {
    // 10 customers of x, 10 of y; segment S holds 8 x and 10 y: rates 0.8 and 1 → ratio 0.8 (passes);
    // segment T holds the other 2 x and no y: ratio 0
    const lab = [...Array<string>(8).fill('S'), ...Array<string>(10).fill('S'), 'T', 'T'];
    const attr = [...Array<string>(8).fill('x'), ...Array<string>(10).fill('y'), 'x', 'x'];
    const r = segmentComposition(lab, attr);
    expect([r.segment('S').disparateImpactRatio, r.segment('S').fourFifthsViolation]).toEqual([0.8, false]);
    expect(r.segment('T').fourFifthsViolation).toBe(true);
    const strict = segmentComposition(lab, attr, { threshold: 0.9 });
    expect(strict.segment('S').fourFifthsViolation).toBe(true);
    expect(strict.threshold).toBe(0.9);
  });

  it('takes numeric and boolean attributes, typed-array labels, and a missing label of your choice', () => {
    const senior = [0, 1, 0, 0, 1, 0];
    const r = segmentComposition(Int32Array.from([1, 1, 1, 2, 2, 2]), senior, { attributeName: 'SeniorCitizen' });
    expect(r.values).toEqual([0, 1]);
    expect(r.segment(1).values.map((v) => v.selectionRate)).toEqual([0.5, 0.5]);
    expect(r.segment(1).disparateImpactRatio).toBe(1);
    const mixed = segmentComposition(['a', 'a', 'b'], [true, NaN, ' ']);
    expect(mixed.values).toEqual([true, 'missing']);
    expect(segmentComposition(['a', 'b'], ['x', null], { missingLabel: 'unknown' }).values).toEqual(['x', 'unknown']);
    // an attribute that already says 'missing' merges with the missing cells, as documented
    expect(segmentComposition(['a', 'b'], ['missing', null]).overall).toEqual([{ value: 'missing', count: 2, share: 1 }]);
  });

  it('returns a frozen result and leaves its inputs alone', () => {
    const lab = Object.freeze([...labels]);
    const attr = Object.freeze([...gender]);
    const r = segmentComposition(lab, attr);
    expect(r).toBeInstanceOf(SegmentComposition);
    expect(Object.isFrozen(r) && Object.isFrozen(r.segments[0]) && Object.isFrozen(r.segments[0]!.values[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse(JSON.stringify(r.toJSON())));
    expect(r.toJSON().attribute).toBe('attribute');
  });

  it('displays in the REPL and in a notebook', () => {
    const line = inspect(c);
    expect(line).toMatch(
      /^SegmentComposition \{ gender \(F, M, missing\) over 3 segments, 12 customers; lowest disparate-impact ratio 0 in segment 0/,
    );
    expect(line).toMatch(/3 below 0\.8 \}$/);
    const bundle = (c as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]!();
    expect(bundle['text/html']).toContain('<th>F share (×)</th>');
    expect(bundle['text/html']).toContain('<td style="text-align:right">75.0 % (1.8×)</td>');
    expect(bundle['text/html']).toContain('violated');
    expect(bundle['text/plain']).toMatch(/^SegmentComposition \{ attribute: gender/);
  });

  it('refuses inputs of different lengths (E_SHAPE), none (E_EMPTY), bad values (E_PARSE) and bad options', () => {
    expectSegmentkitError(() => segmentComposition([0, 1], ['a']), 'E_SHAPE', /2 labels but 1 attribute values/);
    expectSegmentkitError(() => segmentComposition([], []), 'E_EMPTY', /no customers/);
    expectSegmentkitError(() => segmentComposition([0, null as never], ['a', 'b']), 'E_PARSE', /labels\[1\] is null/);
    expectSegmentkitError(() => segmentComposition([0, 1], ['a', {} as never]), 'E_PARSE', /attribute\[1\] is a value of type object/);
    expectSegmentkitError(() => segmentComposition([0, 1], ['a', Infinity]), 'E_PARSE', /attribute\[1\] is Infinity/);
    expectSegmentkitError(() => segmentComposition([0], 'a' as never), 'E_PARAM', /attribute must be an array/);
    expectSegmentkitError(() => segmentComposition([0], ['a'], { threshold: 0 }), 'E_PARAM', /threshold must be a number in \(0, 1\]/);
    expectSegmentkitError(() => segmentComposition([0], ['a'], { treshold: 0.8 } as never), 'E_PARAM', /did you mean 'threshold'/);
    expectSegmentkitError(() => c.segment(9), 'E_PARAM', /no segment 9; the segments are 0, 1, 2/);
  });
});
