import { throwIfAborted, type AbortSignalLike } from '../core/abort';
import type { Matrix } from '../core/Matrix';
import { addMatrixProduct } from '../core/addMatrixProduct';

/** Rows (or columns, for the Gram matrix) per block: the block buffer stays within the L1/L2 cache. */
const BLOCK = 128;

/** Copy the upper triangle of the padded `p × p` accumulator into a full symmetric `size × size` matrix. */
function symmetricFromUpper(C: Float64Array, p: number, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    for (let k = j; k < size; k++) {
      const value = C[j * p + k]!;
      out[j * size + k] = value;
      out[k * size + j] = value;
    }
  }
  return out;
}

/** Progress callback of the blocked kernels: rows (or columns) done so far. */
export type BlockProgress = (done: number) => void;

/**
 * @internal
 * The cross-product of the centred data, `Xcᵀ Xc` with `Xc = scale · (X − 1μᵀ)` (d × d, symmetric, row-major),
 * in one pass over `X`. Blocks of 128 rows are centred and transposed into a small buffer (so every dot product runs over
 * contiguous memory) and their `d × d` products are added up; the caller's data is never written.
 */
export function centredCrossProduct(
  X: Matrix,
  mean: Float64Array,
  scale: number,
  signal?: AbortSignalLike,
  onBlock?: BlockProgress,
): Float64Array {
  const { data, rows: n, cols: d } = X;
  const p = d + (d & 1);
  const T = new Float64Array(p * BLOCK);
  const C = new Float64Array(p * p);
  for (let start = 0; start < n; start += BLOCK) {
    const count = Math.min(BLOCK, n - start);
    if (count < BLOCK) T.fill(0);
    for (let r = 0; r < count; r++) {
      const offset = (start + r) * d;
      for (let j = 0; j < d; j++) T[j * BLOCK + r] = (data[offset + j]! - mean[j]!) * scale;
    }
    addMatrixProduct(T, p, T, p, BLOCK, C, true);
    if ((start / BLOCK) % 64 === 63) {
      throwIfAborted(signal, 'PCA.fit');
      onBlock?.(start + count);
    }
  }
  return symmetricFromUpper(C, p, d);
}

/**
 * @internal
 * The Gram matrix of the centred rows, `Xc Xcᵀ` with `Xc = scale · (X − 1μᵀ)` (n × n, symmetric, row-major),
 * for wide data (more columns than rows), in blocks of 128 columns. `scale` is a power of two (exact).
 */
export function centredGram(X: Matrix, mean: Float64Array, scale: number, signal?: AbortSignalLike, onBlock?: BlockProgress): Float64Array {
  const { data, rows: n, cols: d } = X;
  const p = n + (n & 1);
  const T = new Float64Array(p * BLOCK);
  const C = new Float64Array(p * p);
  for (let start = 0; start < d; start += BLOCK) {
    const count = Math.min(BLOCK, d - start);
    if (count < BLOCK) T.fill(0);
    for (let i = 0; i < n; i++) {
      const offset = i * d + start;
      const target = i * BLOCK;
      for (let c = 0; c < count; c++) T[target + c] = (data[offset + c]! - mean[start + c]!) * scale;
    }
    addMatrixProduct(T, p, T, p, BLOCK, C, true);
    throwIfAborted(signal, 'PCA.fit');
    onBlock?.(start + count);
  }
  return symmetricFromUpper(C, p, n);
}
