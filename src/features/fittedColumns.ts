import type { Matrix } from '../core/Matrix';

/** @internal Apply `f(value, column)` to every cell, into a new matrix. */
export function mapCells(m: Matrix, f: (value: number, column: number) => number): Matrix {
  const { data, rows, cols } = m;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) out[offset + j] = f(data[offset + j]!, j);
  }
  return { data: out, rows, cols };
}

/**
 * @internal
 * scikit-learn's `_handle_zeros_in_scale`: a scale that is zero (or numerically zero, below 10 ε, or flagged
 * constant) becomes 1, so constant features pass through unscaled instead of dividing by zero.
 */
export function handleZerosInScale(scale: number, constant = false): number {
  return constant || scale < 10 * Number.EPSILON ? 1 : scale;
}
