import fc from 'fast-check';
import { createMatrix, isMatrix, matrixRow, matrixToArrays, toMatrix, zerosMatrix } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';

describe('toMatrix', () => {
  it('converts number[][] into a contiguous row-major Float64Array', () => {
    const m = toMatrix(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'test',
    );
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('accepts Float64Array rows and typed-array rows', () => {
    const m = toMatrix([new Float64Array([1, 2]), new Float32Array([3, 4])], 'test');
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4]);
  });

  it('accepts a { data, rows, cols } matrix without copying and without writing to it', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    const m = toMatrix({ data, rows: 2, cols: 2 }, 'test');
    expect(m.data).toBe(data);
    expect(Array.from(data)).toEqual([1, 2, 3, 4]);
  });

  it('never mutates the caller rows', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ];
    const copy = structuredClone(rows);
    const m = toMatrix(rows, 'test');
    m.data[0] = 99;
    expect(rows).toEqual(copy);
  });

  it('names the cell and the fix for NaN', () => {
    const rows = Array.from({ length: 20 }, () => [0, 0, 0]);
    rows[17]![2] = NaN;
    expectSegmentkitError(() => toMatrix(rows, 'KMeans.fit'), 'E_NOT_FINITE', /KMeans\.fit: X\[17\]\[2\] is NaN; impute or drop/);
  });

  it('rejects ±Infinity with E_NOT_FINITE, also inside a { data, rows, cols } matrix', () => {
    expectSegmentkitError(() => toMatrix([[1, Infinity]], 'f'), 'E_NOT_FINITE', /X\[0\]\[1\] is Infinity/);
    expectSegmentkitError(
      () => toMatrix({ data: new Float64Array([1, 2, 3, -Infinity]), rows: 2, cols: 2 }, 'f'),
      'E_NOT_FINITE',
      /X\[1\]\[1\] is -Infinity/,
    );
  });

  it('allows NaN only when asked', () => {
    const m = toMatrix([[1, NaN]], 'f', { allowNaN: true });
    expect(Number.isNaN(m.data[1])).toBe(true);
    expectSegmentkitError(() => toMatrix([[1, Infinity]], 'f', { allowNaN: true }), 'E_NOT_FINITE');
  });

  it('rejects ragged rows naming the row', () => {
    expectSegmentkitError(() => toMatrix([[1, 2], [3, 4], [5]], 'f'), 'E_SHAPE', /row 2 has 1 columns but row 0 has 2/);
  });

  it('rejects non-numeric strings with E_PARSE naming the cell', () => {
    expectSegmentkitError(
      () =>
        toMatrix(
          [
            [1, 2],
            [3, '4' as unknown as number],
          ],
          'f',
        ),
      'E_PARSE',
      /X\[1\]\[1\] is the string "4"/,
    );
  });

  it('rejects empty input and rows without columns', () => {
    expectSegmentkitError(() => toMatrix([], 'f'), 'E_EMPTY', /no rows/);
    expectSegmentkitError(() => toMatrix([[]], 'f'), 'E_EMPTY', /no columns/);
    expect(toMatrix([], 'f', { allowEmpty: true }).rows).toBe(0);
  });

  it('rejects a flat typed array with a hint to pass its shape', () => {
    expectSegmentkitError(() => toMatrix(new Float64Array(4) as never, 'f'), 'E_SHAPE', /\{ data, rows, cols \}/);
  });

  it('rejects an inconsistent { data, rows, cols }', () => {
    expectSegmentkitError(() => toMatrix({ data: new Float64Array(5), rows: 2, cols: 2 }, 'f'), 'E_SHAPE', /5 values/);
  });

  it('uses the argument name in messages', () => {
    expectSegmentkitError(() => toMatrix([[NaN]], 'KMeans', { name: 'init' }), 'E_NOT_FINITE', /init\[0\]\[0\]/);
  });

  it('round-trips arrays through matrixToArrays for any finite table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((cols) =>
          fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: cols, maxLength: cols }), {
            minLength: 1,
            maxLength: 10,
          }),
        ),
        (rows) => {
          expect(matrixToArrays(toMatrix(rows, 'p'))).toEqual(rows);
        },
      ),
    );
  });
});

describe('matrix helpers', () => {
  it('createMatrix checks the shape', () => {
    expect(createMatrix(new Float64Array(6), 2, 3).cols).toBe(3);
    expectSegmentkitError(() => createMatrix(new Float64Array(5), 2, 3), 'E_SHAPE');
  });

  it('zerosMatrix, isMatrix and matrixRow', () => {
    const m = zerosMatrix(3, 2);
    expect(isMatrix(m)).toBe(true);
    expect(isMatrix([[1]])).toBe(false);
    expect(isMatrix(null)).toBe(false);
    const view = matrixRow(
      toMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        'f',
      ),
      1,
    );
    expect(Array.from(view)).toEqual([3, 4]);
  });
});
