import type { Matrix } from '../core/Matrix';

/** @internal Column `j` of a matrix as a new Float64Array. */
export function columnValues(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j]!;
  return out;
}

/** @internal Column `j` without its NaN entries, sorted ascending. */
export function sortedColumn(m: Matrix, j: number): Float64Array {
  const values = columnValues(m, j).filter((v) => !Number.isNaN(v));
  return values.sort();
}
