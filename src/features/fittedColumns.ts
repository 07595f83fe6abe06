import type { Matrix } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';

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

/**
 * @internal
 * `m` itself when every cell is finite; `E_DOMAIN` naming the first cell otherwise. The last step of a transform of
 * finite input: a cell is non-finite only when the result does not fit in a double (an overflow) or lies outside
 * what the transform can produce (`why` says which and what to do).
 */
export function finiteCells(m: Matrix, context: string, why: string): Matrix {
  const { data, cols } = m;
  for (let o = 0; o < data.length; o++) {
    const v = data[o]!;
    if (v - v !== 0) {
      throw new SegmentkitError('E_DOMAIN', `${context}: row ${Math.floor(o / cols)}, column ${o % cols} comes out as ${v}; ${why}`);
    }
  }
  return m;
}

/** @internal The usual `why` of {@link finiteCells}: a result past the largest double. */
export const OVERFLOW_HINT = 'the result exceeds the largest double: rescale the input (divide it by a power of ten) first';
