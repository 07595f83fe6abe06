import type { KernelSet } from '../parallel/threadPool';

/**
 * @internal
 * C += A Bᵀ, where A (aRows × length) and B (bRows × length) are row-major with contiguous rows and C is
 * row-major aRows × bRows. aRows, bRows and length must be even (callers pad with zeros). Every entry is a dot
 * product of two contiguous rows; 2 × 2 register blocks, each dot product split over two accumulators so
 * consecutive additions do not wait on each other (about 2.7 multiply-adds per nanosecond on the benchmark
 * machine, the plateau of scalar JavaScript; 4 × 4 and 3 × 3 blocks measured no faster). With `upperOnly`
 * (A = B, a Gram matrix) only the 2 × 2 blocks on and above the diagonal are computed.
 */
export function addMatrixProduct(
  A: Float64Array,
  aRows: number,
  B: Float64Array,
  bRows: number,
  length: number,
  C: Float64Array,
  upperOnly = false,
): void {
  for (let a = 0; a < aRows; a += 2) {
    const a0 = a * length;
    const a1 = a0 + length;
    for (let b = upperOnly ? a : 0; b < bRows; b += 2) {
      const b0 = b * length;
      const b1 = b0 + length;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let t00 = 0;
      let t01 = 0;
      let t10 = 0;
      let t11 = 0;
      for (let i = 0; i < length; i += 2) {
        let x0 = A[a0 + i]!;
        let x1 = A[a1 + i]!;
        let y0 = B[b0 + i]!;
        let y1 = B[b1 + i]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
        x0 = A[a0 + i + 1]!;
        x1 = A[a1 + i + 1]!;
        y0 = B[b0 + i + 1]!;
        y1 = B[b1 + i + 1]!;
        t00 += x0 * y0;
        t01 += x0 * y1;
        t10 += x1 * y0;
        t11 += x1 * y1;
      }
      const r0 = a * bRows + b;
      const r1 = r0 + bRows;
      C[r0] = C[r0]! + (s00 + t00);
      C[r0 + 1] = C[r0 + 1]! + (s01 + t01);
      C[r1] = C[r1]! + (s10 + t10);
      C[r1 + 1] = C[r1 + 1]! + (s11 + t11);
    }
  }
}

/**
 * @internal
 * PCA's cross-product over chunks of rows, claimed from `claim[0]` (a kernel of the thread pool: it calls only
 * {@link addMatrixProduct}, its neighbour in this module): chunk `firstChunk + c` (rows [that · chunkRows, …) of
 * the n) gets the upper triangle of Σ (scale · (x − μ))ᵀ (scale · (x − μ)) over its rows in
 * `partials[c · p² …]`, p = d rounded up to even. Blocks of 128 rows are centred and transposed into a local buffer
 * as in the one-thread pass, so a chunk's sums are those of the same blocks in the same order.
 */
export function centredCrossProductChunks(
  data: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  scale: number,
  partials: Float64Array,
  chunkRows: number,
  firstChunk: number,
  chunks: number,
  claim: Int32Array,
): number {
  const p = d + (d & 1);
  const T = new Float64Array(p * 128);
  for (let c = 0; (c = Atomics.add(claim, 0, 1)) < chunks; ) {
    const C = partials.subarray(c * p * p, (c + 1) * p * p);
    C.fill(0);
    const rowStart = (firstChunk + c) * chunkRows;
    const rowEnd = rowStart + chunkRows < n ? rowStart + chunkRows : n;
    for (let start = rowStart; start < rowEnd; start += 128) {
      const count = rowEnd - start < 128 ? rowEnd - start : 128;
      if (count < 128) T.fill(0);
      for (let r = 0; r < count; r++) {
        const offset = (start + r) * d;
        for (let j = 0; j < d; j++) T[j * 128 + r] = (data[offset + j]! - mean[j]!) * scale;
      }
      addMatrixProduct(T, p, T, p, 128, C, true);
    }
  }
  return 0;
}

/** @internal The cross-product kernel set of the thread pool. */
export const CROSS_PRODUCT_KERNELS: KernelSet = {
  id: 'centred-cross-product',
  helpers: [addMatrixProduct],
  kernels: [centredCrossProductChunks],
};
