import { runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { KernelSet, ThreadPool } from '../../parallel/threadPool';
import { type WasmApi, type WasmMemory, type WasmModule, wasmMemory, wasmSimdModule } from '../../parallel/wasmSimd';
import { CHUNK_ROWS } from './assignmentKernels';
import { arenaOf, SIMD_MIN_VALUES, seedingBytes } from './kmeansArena';
import { SEEDING_SIMD_WASM } from './seedingSimdModule';

// k-means++ scoring with the WebAssembly SIMD kernel of seedingSimd.wat: the rows, their weights and every
// distance and potential of the seeding live in one shared WebAssembly.Memory, which the worker threads import as
// well: the fit's arena (kmeansArena.ts) in KMeans.fit, else one of the seeding's own with the rows copied in. The chunks, the claims and the order of every addition are
// those of the scalar kernel (seedingKernels.ts), so the centres are the same bits. The browser build swaps in
// seedingSimd.browser.ts, which always declines (its default build has a byte budget and one thread).

/** @internal Each row's squared distance to its closest centre, and each chunk's potential Σ w·D² (in row order). */
export interface Scored {
  readonly distances: Float64Array;
  readonly potentials: Float64Array;
}

/** @internal The row passes of k-means++ (kmeansPlusPlus.ts) on the SIMD kernel. */
export interface SeedingScorer {
  /** Distances and potentials for one set of centres, in the kernel's memory (kmeansPlusPlus takes four). */
  scored(): Scored;
  /**
   * Score the candidate centres rows `a` and `b` (the same row twice when one is scored alone) against `closest`:
   * `one` and `two` get min(closest, D² to the candidate) per row and their chunk potentials.
   */
  score(a: number, b: number, closest: Scored, one: Scored, two: Scored): void;
}

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
  const module = wasmSimdModule(SEEDING_SIMD_WASM);
  if (module === null) return null;
  const chunks = Math.ceil(n / CHUNK_ROWS);
  const place = seedingPlace(data, n, d, weights);
  if (place === null) return null;
  const { memory, weightsAt, seedingAt: pairAt } = place;
  const { buffer } = memory;
  // after the pair area (the two candidates, interleaved): the four sets of distances and potentials
  // kmeansPlusPlus rotates
  const scoredAt = pairAt + d * 16;
  const scoredBytes = (n + chunks) * 8;
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
        weightsAt,
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
 * Where the kernel finds the rows (always at address 0), the weights (0: unweighted) and its scratch: in the fit's
 * arena when `data` and `weights` are its copies (KMeans.fit), else in a memory of its own with the rows copied
 * in (null below 16 384 values, where that costs more than SIMD saves).
 */
function seedingPlace(
  data: Float64Array,
  n: number,
  d: number,
  weights: Float64Array | null,
): { readonly memory: WasmMemory; readonly weightsAt: number; readonly seedingAt: number } | null {
  const arena = arenaOf(data);
  if (arena !== null && arena.weights === weights) {
    return { memory: arena.memory, weightsAt: weights === null ? 0 : weights.byteOffset, seedingAt: arena.seedingAt };
  }
  if (n * d < SIMD_MIN_VALUES) return null;
  const weightsAt = n * d * 8;
  const seedingAt = weightsAt + (weights === null ? 0 : n * 8);
  const memory = wasmMemory(seedingAt + seedingBytes(n, d));
  if (memory === null) return null;
  new Float64Array(memory.buffer, 0, n * d).set(data.subarray(0, n * d));
  if (weights !== null) new Float64Array(memory.buffer, weightsAt, n).set(weights.subarray(0, n));
  return { memory, weightsAt: weights === null ? 0 : weightsAt, seedingAt };
}

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
