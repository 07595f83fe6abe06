import { runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { ThreadPool } from '../../parallel/threadPool';
import { releaseWasmMemory, reusedWasmMemory, type WasmMemory, wasmSimdModule } from '../../parallel/wasmSimd';
import { DISTANCE_MATRIX_KERNELS } from './distanceMatrixKernel';
import { DISTANCE_SIMD_WASM } from './distanceSimdModule';

// The full distance matrix of complete and average linkage on the WebAssembly SIMD kernel of distanceSimd.wat:
// the rows, their transpose and the matrix share one WebAssembly.Memory, which the worker threads import too, and
// the matrix the chain then merges on is a view of it. Each distance is the scalar kernel's sum in the scalar
// kernel's order, so the matrix is the same bits; only the rows are written whole (both halves, no mirroring
// pass). The browser build swaps in distanceSimd.browser.ts, which always declines.

/** @internal The matrix and where the SIMD kernel finds its inputs in the memory (in bytes). */
export interface SimdDistanceMatrix {
  /** The n × n matrix: a view of `memory`. */
  readonly D: Float64Array;
  readonly memory: WasmMemory;
  readonly rowsAt: number;
  readonly columnsAt: number;
  /** Doubles from one feature's values to the next in the transpose: n rounded up to even. */
  readonly stride: number;
}

/**
 * @internal
 * A zeroed n × n matrix in a shared WebAssembly.Memory, with the rows `X` (n × d) and their transpose copied in
 * ahead of it, for {@link simdDistanceWave} (give it back with {@link releaseDistanceMatrix}); null when WebAssembly SIMD is unavailable (or turned off) or the
 * memory would pass 2 GiB: the caller then computes the matrix with the scalar kernel, which gives the same bits.
 */
export function simdDistanceMatrix(X: Float64Array, n: number, d: number): SimdDistanceMatrix | null {
  if (wasmSimdModule(DISTANCE_SIMD_WASM) === null) return null;
  const stride = n + (n & 1);
  const rowsAt = 0;
  const columnsAt = n * d * 8;
  // the matrix after both copies, 16-byte aligned (the transpose's length, d × stride, is even)
  const matrixAt = columnsAt + d * stride * 8;
  // every byte the kernel reads is written first (the copies, then each row whole), so a reused memory serves as
  // it is
  const memory = matrixMemory(matrixAt + n * n * 8);
  if (memory === null) return null;
  const { buffer } = memory;
  new Float64Array(buffer, rowsAt, n * d).set(X.subarray(0, n * d));
  const columns = new Float64Array(buffer, columnsAt, d * stride);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) columns[t * stride + i] = X[i * d + t]!;
  return { D: new Float64Array(buffer, matrixAt, n * n), memory, rowsAt, columnsAt, stride };
}

/**
 * @internal
 * Rows [firstRow, endRow) of the matrix from {@link simdDistanceMatrix}, claimed `rowsPerClaim` at a time on the
 * threads of `pool` (each row by one thread: the same matrix for every thread count).
 */
export function simdDistanceWave(
  matrix: SimdDistanceMatrix,
  n: number,
  d: number,
  pool: ThreadPool | null,
  firstRow: number,
  endRow: number,
  rowsPerClaim: number,
  claim: Int32Array,
): void {
  const module = wasmSimdModule(DISTANCE_SIMD_WASM)!;
  const { memory, rowsAt, columnsAt, stride, D } = matrix;
  claim[0] = 0;
  const call = [module, memory, claim, rowsAt, columnsAt, n, stride, d, D.byteOffset, firstRow, endRow, rowsPerClaim];
  runCalls(pool, DISTANCE_MATRIX_KERNELS, 2, threadCalls(pool, call));
}

const inMemory = new WeakMap<SharedArrayBuffer, WasmMemory>();

/** A reused (or new) kernel memory of `bytes`, remembered for {@link releaseDistanceMatrix}. */
function matrixMemory(bytes: number): WasmMemory | null {
  const memory = reusedWasmMemory(bytes);
  if (memory !== null) inMemory.set(memory.buffer, memory);
  return memory;
}

/**
 * @internal
 * `length` doubles for the scalar kernel's matrix (which writes every entry but the full matrix's diagonal) in a
 * reused kernel memory, for threads; null when no WebAssembly memory can be had (the caller allocates). Give it
 * back with {@link releaseDistanceMatrix}. A matrix of hundreds of megabytes per fit would otherwise pile up: V8
 * collects shared memory late, and here a process whose memory passes about 1.6 GB touches new pages eight times
 * slower.
 */
export function reusedDistanceMatrix(length: number): Float64Array | null {
  const memory = matrixMemory(length * 8);
  return memory === null ? null : new Float64Array(memory.buffer, 0, length);
}

/**
 * @internal
 * The fit is done with the matrix `D`: when it is a SIMD kernel's (from {@link simdDistanceMatrix}), its memory
 * may serve the next fit. Nothing to do for any other matrix.
 */
export function releaseDistanceMatrix(D: Float64Array): void {
  const memory = inMemory.get(D.buffer as SharedArrayBuffer);
  if (memory === undefined) return;
  inMemory.delete(memory.buffer);
  releaseWasmMemory(memory);
}
