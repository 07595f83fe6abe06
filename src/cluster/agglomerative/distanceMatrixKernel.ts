import type { KernelSet } from '../../parallel/threadPool';
import type { WasmApi, WasmMemory, WasmModule } from '../../parallel/wasmSimd';

// The pairwise distances of complete and average linkage, as a kernel of the thread pool. Rules for kernels (see
// parallel/threadPool.ts): they call only functions of this module, read no module constants and create no
// closures. Every row's distances are written by one thread, to its own range of D, so the matrix is the same
// for every thread count.

/**
 * @internal
 * Euclidean distances √(Σ (x_i − x_j)²), summed in column order as scipy's `pdist`, for rows claimed
 * `rowsPerClaim` at a time from `claim[0]`, within rows [firstRow, endRow): the row's distances to every later
 * row j > i, written to row i of the n × n matrix when `full` (its lower half is filled by {@link mirrorRows}),
 * else to the row's part of the condensed matrix (at scipy's `condensed_index`). Four columns at a time, each
 * with its own sum.
 */
export function distanceRows(
  claim: Int32Array,
  X: Float64Array,
  n: number,
  d: number,
  D: Float64Array,
  full: boolean,
  firstRow: number,
  endRow: number,
  rowsPerClaim: number,
): number {
  for (let block = Atomics.add(claim, 0, 1); firstRow + block * rowsPerClaim < endRow; block = Atomics.add(claim, 0, 1)) {
    const start = firstRow + block * rowsPerClaim;
    const end = start + rowsPerClaim < endRow ? start + rowsPerClaim : endRow;
    for (let i = start; i < end; i++) {
      const oi = i * d;
      // where column j of row i is written: D[base + j]
      const base = full ? i * n : n * i - (i * (i + 1)) / 2 - i - 1;
      let j = i + 1;
      for (; j + 3 < n; j += 4) {
        const o0 = j * d;
        const o1 = o0 + d;
        const o2 = o1 + d;
        const o3 = o2 + d;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t < d; t++) {
          const v = X[oi + t]!;
          const q0 = v - X[o0 + t]!;
          const q1 = v - X[o1 + t]!;
          const q2 = v - X[o2 + t]!;
          const q3 = v - X[o3 + t]!;
          s0 += q0 * q0;
          s1 += q1 * q1;
          s2 += q2 * q2;
          s3 += q3 * q3;
        }
        D[base + j] = Math.sqrt(s0);
        D[base + j + 1] = Math.sqrt(s1);
        D[base + j + 2] = Math.sqrt(s2);
        D[base + j + 3] = Math.sqrt(s3);
      }
      for (; j < n; j++) {
        const oj = j * d;
        let s = 0;
        for (let t = 0; t < d; t++) {
          const q = X[oi + t]! - X[oj + t]!;
          s += q * q;
        }
        D[base + j] = Math.sqrt(s);
      }
    }
  }
  return 0;
}

/**
 * @internal
 * The lower half of the full matrix, D[i, j] = D[j, i] for j < i, for rows claimed `rowsPerClaim` at a time
 * within [firstRow, endRow) (every row above endRow must already hold its upper half). A claimed block of rows
 * reads the upper halves column by column, a few contiguous values per row, and writes each of its rows in
 * order: no strided walk over the whole matrix.
 */
export function mirrorRows(claim: Int32Array, D: Float64Array, n: number, firstRow: number, endRow: number, rowsPerClaim: number): number {
  for (let block = Atomics.add(claim, 0, 1); firstRow + block * rowsPerClaim < endRow; block = Atomics.add(claim, 0, 1)) {
    const start = firstRow + block * rowsPerClaim;
    const end = start + rowsPerClaim < endRow ? start + rowsPerClaim : endRow;
    for (let j = 0; j < end - 1; j++) {
      const from = j * n;
      for (let i = j + 1 > start ? j + 1 : start; i < end; i++) D[i * n + j] = D[from + i]!;
    }
  }
  return 0;
}

interface DistanceSimdExports {
  distanceRows(start: number, end: number, rows: number, columns: number, n: number, stride: number, d: number, out: number): void;
}

/**
 * @internal
 * The whole rows (both halves) of the full matrix at byte `matrixAt` of `memory` on the SIMD kernel of
 * distanceSimd.wat (see distanceSimd.ts), for rows claimed `rowsPerClaim` at a time from `claim[0]` within
 * [firstRow, endRow): instantiate `module` on the memory, then one call per claimed block. The same bits as
 * {@link distanceRows} followed by {@link mirrorRows}.
 */
export function distanceRowsSimd(
  module: WasmModule,
  memory: WasmMemory,
  claim: Int32Array,
  rowsAt: number,
  columnsAt: number,
  n: number,
  stride: number,
  d: number,
  matrixAt: number,
  firstRow: number,
  endRow: number,
  rowsPerClaim: number,
): number {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { distanceRows } = new wasm.Instance(module, { env: { memory } }).exports as DistanceSimdExports;
  for (let block = Atomics.add(claim, 0, 1); firstRow + block * rowsPerClaim < endRow; block = Atomics.add(claim, 0, 1)) {
    const start = firstRow + block * rowsPerClaim;
    distanceRows(start, start + rowsPerClaim < endRow ? start + rowsPerClaim : endRow, rowsAt, columnsAt, n, stride, d, matrixAt);
  }
  return 0;
}

/** @internal The distance-matrix kernel set of the thread pool: 0 distanceRows, 1 mirrorRows, 2 distanceRowsSimd. */
export const DISTANCE_MATRIX_KERNELS: KernelSet = {
  id: 'linkage-distance-matrix',
  helpers: [],
  kernels: [distanceRows, mirrorRows, distanceRowsSimd],
};
