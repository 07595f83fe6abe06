import { describe, expect, it } from 'vitest';
import { fromRecords } from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

describe('fromRecords', () => {
  const rows = [
    { id: 'a', spend: 10, visits: 3 },
    { id: 'b', spend: 25.5, visits: '4' },
    { id: 'c', spend: ' 1e2 ', visits: 0 },
  ];

  it('extracts the named numeric fields in order, converting numeric text', () => {
    const { X, featureNames } = fromRecords(rows, ['visits', 'spend']);
    expect(featureNames).toEqual(['visits', 'spend']);
    expect([X.rows, X.cols]).toEqual([3, 2]);
    expect(Array.from(X.data)).toEqual([3, 10, 4, 25.5, 0, 100]);
  });

  it('names the row and field of non-numeric text', () => {
    expectSegmentkitError(() => fromRecords(rows, ['id']), 'E_PARSE', /rows\[0\]\.id is "a", not a number/);
    expectSegmentkitError(() => fromRecords([{ x: '0x1A' }], ['x']), 'E_PARSE', /"0x1A"/);
  });

  it('names a missing field', () => {
    expectSegmentkitError(() => fromRecords(rows, ['spend', 'revenue']), 'E_PARSE', /rows\[0\] has no field 'revenue'/);
  });

  it('treats null, undefined, empty text and NaN as missing: an error unless allowMissing', () => {
    const holes = [{ x: 1 }, { x: null }, { x: '' }, { x: NaN }, { x: undefined }];
    expectSegmentkitError(() => fromRecords(holes, ['x']), 'E_NOT_FINITE', /rows\[1\]\.x is missing/);
    const { X } = fromRecords(holes, ['x'], { allowMissing: true });
    expect(X.data[0]).toBe(1);
    expect(Array.from(X.data.subarray(1)).every(Number.isNaN)).toBe(true);
  });

  it('rejects infinities, empty input and non-object rows', () => {
    expectSegmentkitError(() => fromRecords([{ x: Infinity }], ['x']), 'E_NOT_FINITE', /Infinity/);
    expectSegmentkitError(() => fromRecords([], ['x']), 'E_EMPTY');
    expectSegmentkitError(() => fromRecords([{ x: 1 }], []), 'E_EMPTY');
    expectSegmentkitError(() => fromRecords([null as never], ['x']), 'E_PARSE', /rows\[0\] is null/);
  });

  it('does not mutate the records', () => {
    const copy = structuredClone(rows);
    fromRecords(rows, ['spend']);
    expect(rows).toEqual(copy);
  });
});
