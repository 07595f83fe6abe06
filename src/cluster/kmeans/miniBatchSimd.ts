import { type WasmApi, wasmMemory, wasmSimdModule } from '../../parallel/wasmSimd';
import type { AssignmentSimdExports } from './assignmentKernels';
import { writeCentroidPairs } from './assignmentSimd';
import { ASSIGNMENT_SIMD_WASM } from './assignmentSimdModule';
import { BLOCK_ROWS, SIMD_MIN_VALUES } from './kmeansArena';

// The assignment of each mini-batch (miniBatchStep.ts, about a quarter of a MiniBatchKMeans fit) on the exact
// pass's WebAssembly SIMD kernel (assignmentSimd.wat's nearestBlock): the batch is gathered straight into a small
// WebAssembly memory, the kernel picks every row's nearest centroid and distance as nearestTwo does (the same
// sums in feature order, the same comparisons in centroid order), and the step goes on from there: the same
// bits. The browser build swaps in miniBatchSimd.browser.ts, which always declines.

/** @internal A mini-batch's rows in WebAssembly memory and the kernel that assigns them. */
export interface BatchAssigner {
  /** Where the batch's rows go (batchSize × d), gathered by the fit. */
  readonly rows: Float64Array;
  /** Each of the first `m` rows' nearest centroid among `centers` (ties → lowest index) and its squared distance. */
  assign(centers: Float64Array, m: number, labels: Int32Array, nearest: Float64Array): void;
}

/**
 * @internal
 * An assigner for batches of up to `batchSize` rows of `d` values and `k` centroids, for a fit on `n` rows; null
 * when WebAssembly SIMD is unavailable (or turned off) or X has fewer than 16 384 values (the step then assigns
 * with nearestTwo, with the same results).
 */
export function simdBatchAssigner(n: number, batchSize: number, d: number, k: number): BatchAssigner | null {
  if (n * d < SIMD_MIN_VALUES) return null;
  const module = wasmSimdModule(ASSIGNMENT_SIMD_WASM);
  if (module === null) return null;
  const pairs = Math.ceil(k / 2);
  const centersAt = batchSize * d * 8;
  const scratchAt = centersAt + pairs * d * 16;
  const picksAt = scratchAt + BLOCK_ROWS * pairs * 16;
  const memory = wasmMemory(picksAt + BLOCK_ROWS * 24);
  if (memory === null) return null;
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { nearestBlock } = new wasm.Instance(module, { env: { memory } }).exports as AssignmentSimdExports;
  const paired = new Float64Array(memory.buffer, centersAt, pairs * d * 2);
  const picks = new Float64Array(memory.buffer, picksAt, BLOCK_ROWS * 3);
  return {
    rows: new Float64Array(memory.buffer, 0, batchSize * d),
    assign(centers, m, labels, nearest) {
      writeCentroidPairs(centers, k, d, paired);
      for (let start = 0; start < m; start += BLOCK_ROWS) {
        const end = Math.min(start + BLOCK_ROWS, m);
        nearestBlock(start, end, 0, d, pairs, k, centersAt, scratchAt, picksAt);
        for (let b = start, at = 0; b < end; b++, at += 3) {
          nearest[b] = picks[at]!;
          labels[b] = picks[at + 2]!;
        }
      }
    },
  };
}
