import { throwIfAborted, type AbortSignalLike } from '../core/abort';
import type { Matrix } from '../core/Matrix';
import { addMatrixProduct, CROSS_PRODUCT_KERNELS } from '../core/addMatrixProduct';
import { float64Buffer, int32Buffer, runCalls, sharedCopy, threadCalls } from '../parallel/rowBlocks';
import { threadPool } from '../parallel/threadPool';

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
 * in one pass over `X`, on `threads` threads. Blocks of 128 rows are centred and transposed into a small buffer (so
 * every dot product runs over contiguous memory) and their `d × d` products are added up per chunk of
 * {@link CROSS_PRODUCT_CHUNK_ROWS} rows; the chunks' sums are then added in row order, in waves of at most
 * sixteen chunks, so the result is the same bits for every thread count. The caller's data is never written.
 */
export function centredCrossProduct(
  X: Matrix,
  mean: Float64Array,
  scale: number,
  signal?: AbortSignalLike,
  onBlock?: BlockProgress,
  threads = 1,
): Float64Array {
  const { rows: n, cols: d } = X;
  const p = d + (d & 1);
  const pool = threadPool(threads);
  const shared = pool !== null;
  const data = sharedCopy(X.data, shared);
  const centre = sharedCopy(mean, shared);
  const chunks = Math.ceil(n / CROSS_PRODUCT_CHUNK_ROWS);
  // partial sums held at once: sixteen chunks, fewer when d is large (at most 2^24 doubles, 128 MiB)
  const wave = Math.max(1, Math.min(16, Math.floor(16_777_216 / (p * p))));
  const partials = float64Buffer(Math.min(wave, chunks) * p * p, shared);
  const C = new Float64Array(p * p);
  for (let first = 0; first < chunks; first += wave) {
    const count = Math.min(wave, chunks - first);
    const call = [data, n, d, centre, scale, partials, CROSS_PRODUCT_CHUNK_ROWS, first, count, int32Buffer(1, shared)];
    runCalls(pool, CROSS_PRODUCT_KERNELS, 0, threadCalls(pool, call));
    for (let c = 0; c < count; c++) {
      const offset = c * p * p;
      for (let i = 0; i < p * p; i++) C[i] = C[i]! + partials[offset + i]!;
    }
    throwIfAborted(signal, 'PCA.fit');
    onBlock?.(Math.min(n, (first + count) * CROSS_PRODUCT_CHUNK_ROWS));
  }
  return symmetricFromUpper(C, p, d);
}

/** @internal Rows per chunk of the cross-product (64 blocks of 128): part of the order of the additions. */
export const CROSS_PRODUCT_CHUNK_ROWS = 8192;

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
