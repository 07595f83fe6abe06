import { describe, expect, it } from 'vitest';
import { toVector } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

describe('toVector', () => {
  it('copies numbers into a Float64Array', () => {
    const source = [1, 2, 3];
    const v = toVector(source, 'f');
    v[0] = 9;
    expect(source).toEqual([1, 2, 3]);
    expect(Array.from(toVector(new Int32Array([4, 5]), 'f'))).toEqual([4, 5]);
  });

  it('checks length, finiteness and type, naming the entry', () => {
    expectSegmentkitError(
      () => toVector([1, 2], 'KMeans.fit', { name: 'sampleWeight', length: 3 }),
      'E_SHAPE',
      /sampleWeight has 2 entries but 3/,
    );
    expectSegmentkitError(() => toVector([1, NaN], 'f', { name: 'w' }), 'E_NOT_FINITE', /w\[1\] is NaN/);
    expectSegmentkitError(() => toVector([1, 'x' as never], 'f'), 'E_PARSE', /values\[1\] is "x"/);
    expectSegmentkitError(() => toVector([], 'f'), 'E_EMPTY');
    expectSegmentkitError(() => toVector('abc' as never, 'f'), 'E_SHAPE');
    expect(toVector([], 'f', { allowEmpty: true }).length).toBe(0);
    expect(Number.isNaN(toVector([NaN], 'f', { allowNaN: true })[0])).toBe(true);
  });
});
