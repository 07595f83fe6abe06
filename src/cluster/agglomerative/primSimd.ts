import { releaseWasmMemory, reusedWasmMemory, type WasmMemory, type WasmModule, wasmSimdModule } from '../../parallel/wasmSimd';
import { PRIM_SIMD_WASM } from './primSimdModule';

// Single linkage's scan on the WebAssembly SIMD kernel of primSimd.wat: the packed rows (row-major and
// feature-major), their distances to the tree, their ids and the last row's coordinates live in one shared
// WebAssembly.Memory, which the worker threads import too. The scan is the scalar kernel's, bit for bit (see
// primKernel.ts). The browser build swaps in primSimd.browser.ts, which always declines.

/** @internal The arrays of Prim's steps (primKernel.ts' primSteps), with the SIMD module when they are in its memory. */
export interface PrimArrays {
  readonly module: WasmModule | null;
  readonly memory: WasmMemory | null;
  /** The rows outside the tree, packed, row-major (n × d). */
  readonly P: Float64Array;
  /** The same rows feature-major (d × stride), for the SIMD kernel only (empty without it). */
  readonly columns: Float64Array;
  readonly stride: number;
  readonly nearest: Float64Array;
  readonly ids: Float64Array;
  readonly x: Float64Array;
  readonly out: Float64Array;
}

/**
 * @internal
 * The arrays of Prim's steps for n rows of d features in a (reused) shared WebAssembly.Memory, for the SIMD scan;
 * null when WebAssembly SIMD is unavailable (or turned off) or the memory would pass 2 GiB: the caller then uses
 * plain arrays and the scalar scan, with the same results. Their contents are the caller's to write (a reused
 * memory holds what the last fit left). Give the memory back with {@link releasePrimArrays}.
 */
export function simdPrimArrays(n: number, d: number): PrimArrays | null {
  const module = wasmSimdModule(PRIM_SIMD_WASM);
  if (module === null) return null;
  const stride = n + (n & 1);
  const lengths = [n * d, d * stride, n, n, d, 6];
  const memory = reusedWasmMemory(lengths.reduce((sum, length) => sum + length, 0) * 8);
  if (memory === null) return null;
  let at = 0;
  const [P, columns, nearest, ids, x, out] = lengths.map((length) => {
    const view = new Float64Array(memory.buffer, at, length);
    at += length * 8;
    return view;
  }) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  return { module, memory, P, columns, stride, nearest, ids, x, out };
}

/** @internal Prim's steps are done with `arrays`: a SIMD memory may serve the next fit. */
export function releasePrimArrays(arrays: PrimArrays): void {
  if (arrays.memory !== null) releaseWasmMemory(arrays.memory);
}
