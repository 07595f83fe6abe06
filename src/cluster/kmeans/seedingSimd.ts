import { runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { KernelSet, ThreadPool } from '../../parallel/threadPool';
import { type WasmApi, type WasmMemory, type WasmModule, wasmMemory, wasmSimdModule } from '../../parallel/wasmSimd';
import { CHUNK_ROWS } from './assignmentKernels';
import type { Scored, SeedingScorer } from './seedingScorer';
import { SEEDING_SIMD_WASM } from './seedingSimdModule';

// k-means++ scoring with the WebAssembly SIMD kernel of seedingSimd.wat: the rows, their weights and every
// distance and potential of the seeding live in one shared WebAssembly.Memory (the rows copied in once per
// seeding), which the worker threads import as well. The chunks, the claims and the order of every addition are
// those of the scalar kernel (seedingKernels.ts), so the centres are the same bits. The browser build swaps in
// seedingSimd.browser.ts, which always declines (its default build has a byte budget and one thread).

/**
 * @internal
 * A scorer running the SIMD kernel on the threads of `pool`, or null when WebAssembly SIMD is unavailable (or
 * turned off, or the memory it needs cannot be had): the caller then scores with the scalar kernel, which gives
 * the same results.
 */
export function simdSeedingScorer(
  data: Float64Array,
  n: number,
  d: number,
  weights: Float64Array | null,
  pool: ThreadPool | null,
): SeedingScorer | null {
  if (n * d < SIMD_MIN_VALUES) return null;
  const module = wasmSimdModule(SEEDING_SIMD_WASM);
  if (module === null) return null;
  const chunks = Math.ceil(n / CHUNK_ROWS);
  // bytes, every region 8-aligned: the rows, the weights, the pair area (the two candidates, interleaved), then
  // the four sets of distances and potentials kmeansPlusPlus rotates
  const weightsAt = n * d * 8;
  const pairAt = weightsAt + (weights === null ? 0 : n * 8);
  const scoredAt = pairAt + d * 16;
  const scoredBytes = (n + chunks) * 8;
  const memory = wasmMemory(scoredAt + 4 * scoredBytes);
  if (memory === null) return null;
  const { buffer } = memory;
  new Float64Array(buffer, 0, n * d).set(data.subarray(0, n * d));
  if (weights !== null) new Float64Array(buffer, weightsAt, n).set(weights.subarray(0, n));
  const pair = new Float64Array(buffer, pairAt, 2 * d);
  let next = 0;
  const claim = new Int32Array(new SharedArrayBuffer(4));
  return {
    scored(): Scored {
      const at = scoredAt + scoredBytes * next++;
      return { distances: new Float64Array(buffer, at, n), potentials: new Float64Array(buffer, at + n * 8, chunks) };
    },
    score(a, b, closest, one, two) {
      for (let t = 0; t < d; t++) {
        pair[2 * t] = data[a * d + t]!;
        pair[2 * t + 1] = data[b * d + t]!;
      }
      claim[0] = 0;
      const call = [
        module,
        memory,
        weights === null ? 0 : weightsAt,
        d,
        pairAt,
        closest.distances.byteOffset,
        one.distances.byteOffset,
        two.distances.byteOffset,
        one.potentials.byteOffset,
        two.potentials.byteOffset,
        CHUNK_ROWS,
        n,
        claim,
      ];
      runCalls(pool, SEEDING_SIMD_KERNELS, 0, threadCalls(pool, call));
    },
  };
}

/**
 * Below this many values (n × d) the scalar kernel scores: a memory, a copy of the rows and an instance per pass
 * cost more than SIMD saves on so few rows (the results are the same either way).
 */
const SIMD_MIN_VALUES = 16_384;

interface ScoreChunkExports {
  scoreChunk(
    start: number,
    end: number,
    data: number,
    weights: number,
    d: number,
    pair: number,
    closest: number,
    outA: number,
    outB: number,
    potentialA: number,
    potentialB: number,
  ): void;
}

/**
 * @internal
 * The SIMD seeding kernel over the chunks claimed from `claim[0]` (a self-contained kernel, sent to worker threads
 * as text): instantiate `module` on `memory` (the rows at address 0) and score each claimed chunk, its potentials
 * written to its own slots. Arguments are byte addresses in `memory`; `weightsAt` 0 means unweighted. Returns 0.
 */
export function seedingScoreSimdChunks(
  module: WasmModule,
  memory: WasmMemory,
  weightsAt: number,
  d: number,
  pairAt: number,
  closestAt: number,
  outAAt: number,
  outBAt: number,
  potentialsAAt: number,
  potentialsBAt: number,
  chunkRows: number,
  n: number,
  claim: Int32Array,
): number {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { scoreChunk } = new wasm.Instance(module, { env: { memory } }).exports as ScoreChunkExports;
  for (let chunk = 0; (chunk = Atomics.add(claim, 0, 1)) * chunkRows < n; ) {
    const start = chunk * chunkRows;
    const end = start + chunkRows < n ? start + chunkRows : n;
    scoreChunk(start, end, 0, weightsAt, d, pairAt, closestAt, outAAt, outBAt, potentialsAAt + 8 * chunk, potentialsBAt + 8 * chunk);
  }
  return 0;
}

/** @internal The SIMD seeding kernel as a set for the thread pool. */
export const SEEDING_SIMD_KERNELS: KernelSet = {
  id: 'kmeans-seeding-simd',
  helpers: [],
  kernels: [seedingScoreSimdChunks],
};
