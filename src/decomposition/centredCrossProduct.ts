import { throwIfAborted, type AbortSignalLike } from '../core/abort';
import type { Matrix } from '../core/Matrix';

/** Rows (or columns, for the Gram matrix) per block: the block buffer stays within the L1/L2 cache. */
const BLOCK = 128;

/**
 * @internal
 * Add `T Tᵀ` to the upper triangle of `C` (p × p, row-major), where `T` is p × `width` row-major; p and width
 * are even (the callers pad with zero rows and columns). 2 × 2 register blocks, each dot product split over two
 * accumulators so consecutive additions do not wait on each other: about 2.7 multiply-adds per nanosecond on
 * the benchmark machine, the plateau of scalar JavaScript (4 × 4 and 3 × 3 blocks measured no faster).
 */
function addBlockGram(T: Float64Array, p: number, width: number, C: Float64Array): void {
  for (let j = 0; j < p; j += 2) {
    const a0 = j * width;
    const a1 = a0 + width;
    for (let k = j; k < p; k += 2) {
      const b0 = k * width;
      const b1 = b0 + width;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let t00 = 0;
      let t01 = 0;
      let t10 = 0;
      let t11 = 0;
      for (let i = 0; i < width; i += 2) {
        let x0 = T[a0 + i]!;
        let x1 = T[a1 + i]!;
        let y0 = T[b0 + i]!;
        let y1 = T[b1 + i]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
        x0 = T[a0 + i + 1]!;
        x1 = T[a1 + i + 1]!;
        y0 = T[b0 + i + 1]!;
        y1 = T[b1 + i + 1]!;
        t00 += x0 * y0;
        t01 += x0 * y1;
        t10 += x1 * y0;
        t11 += x1 * y1;
      }
      const r0 = j * p + k;
      const r1 = r0 + p;
      C[r0] = C[r0]! + (s00 + t00);
      C[r0 + 1] = C[r0 + 1]! + (s01 + t01);
      C[r1] = C[r1]! + (s10 + t10);
      C[r1 + 1] = C[r1 + 1]! + (s11 + t11);
    }
  }
}

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
export function centredCrossProduct(X: Matrix, mean: Float64Array, scale: number, signal?: AbortSignalLike, onBlock?: BlockProgress): Float64Array {
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
    addBlockGram(T, p, BLOCK, C);
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
    addBlockGram(T, p, BLOCK, C);
    throwIfAborted(signal, 'PCA.fit');
    onBlock?.(start + count);
  }
  return symmetricFromUpper(C, p, n);
}
