import { int32Buffer, runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { KernelSet, ThreadPool } from '../../parallel/threadPool';
import { CHUNK_ROWS, exactAssignmentSimdChunks } from './assignmentKernels';
import { arenaOf, BLOCK_ROWS, type KMeansArena } from './kmeansArena';
import type { KMeansState } from './KMeansState';

// k-means' exact assignment pass with the WebAssembly SIMD kernel of assignmentSimd.wat, for a fit whose rows
// and per-row state (labels, bounds, the sums' changes) live in its arena (kmeansArena.ts): per block of rows, the
// kernel computes every row–centroid squared distance (the scalar kernel's sums, bit for bit), picks the nearest
// and second nearest as the scalar kernel does, and settles the rows as it does (bounds, labels, moves). Chunks,
// claims and every addition are those of exactAssignmentChunks, so the labels and centroids are the same bits. The
// browser build swaps in assignmentSimd.browser.ts (never SIMD).

/**
 * @internal
 * The exact pass of fullAssignment.ts on the SIMD kernel, or null (nothing done) when the state's rows and arrays
 * are not in an arena: the caller then runs the scalar kernel. Returns the number of changed labels; the caller
 * applies the moves.
 */
export function simdExactPass(
  state: KMeansState,
  twoOut: Float64Array | null,
  allOut: Float64Array | null,
  drift: Float64Array | null,
  totalMaxDrift: number,
): number | null {
  const arena = arenaOf(state.data);
  // every distance (allOut, Elkan's first pass only) is left to the scalar kernel
  if (arena === null || allOut !== null) return null;
  const { weights, n, d, k, labels, deltas, pool, centers } = state;
  return runSimdPass(arena, centers, weights, n, d, k, labels, deltas, twoOut, drift, totalMaxDrift, pool);
}

/**
 * @internal
 * Every row's nearest of the `k` centroids `centers` and its squared distance (ties → lowest index: the
 * nearestCentroid results, bit for bit) on the SIMD kernel, on the threads of `pool`; null when `rows` are not
 * the rows of an arena (kmeansArena.ts), and the caller labels them with the scalar kernel.
 */
export function simdNearestLabels(
  rows: Float64Array,
  centers: Float64Array,
  n: number,
  d: number,
  k: number,
  pool: ThreadPool | null,
): { readonly labels: Int32Array; readonly nearest: Float64Array } | null {
  const arena = arenaOf(rows);
  if (arena === null) return null;
  // the arena's first slot of per-row state: its labels, and its bounds for [nearest, second] per row
  const { labels, bases } = arena.slots[0]!;
  if (runSimdPass(arena, centers, null, n, d, k, labels, null, bases, null, 0, pool) === null) return null;
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = bases[2 * i]!;
  // plain memory for the model, never the arena
  return { labels: Int32Array.from(labels), nearest };
}

/**
 * The SIMD kernel's call on the threads of `pool`: the centroids written in pairs into the arena, then the pass;
 * null when one of the arrays it writes is not in the arena (nothing done).
 */
function runSimdPass(
  arena: KMeansArena,
  centers: Float64Array,
  weights: Float64Array | null,
  n: number,
  d: number,
  k: number,
  labels: Int32Array,
  deltas: Float64Array | null,
  twoOut: Float64Array | null,
  drift: Float64Array | null,
  totalMaxDrift: number,
  pool: ThreadPool | null,
): number | null {
  const { buffer } = arena.memory;
  // byte addresses in the arena (0: none), or −1 for an array that lives elsewhere
  const at = (view: Float64Array | Int32Array | null): number => (view === null ? 0 : view.buffer === buffer ? view.byteOffset : -1);
  const addresses = [at(weights), at(labels), at(deltas), at(twoOut), at(drift)];
  if (addresses.includes(-1)) return null;
  const [weightsAt, labelsAt, deltasAt, basesAt, driftAt] = addresses as [number, number, number, number, number];
  const { module, pairs, centersAt, scratchAt } = arena.assignment;
  writeCentroidPairs(centers, k, d, new Float64Array(buffer, centersAt, pairs * d * 2));
  const shared = pool !== null;
  const call = [
    module,
    arena.memory,
    pairs,
    centersAt,
    scratchAt,
    BLOCK_ROWS,
    int32Buffer(1, shared),
    weightsAt,
    d,
    k,
    labelsAt,
    deltasAt,
    CHUNK_ROWS,
    basesAt,
    driftAt,
    totalMaxDrift,
    n,
    int32Buffer(1, shared),
  ];
  let changed = 0;
  for (const count of runCalls(pool, ASSIGNMENT_SIMD_KERNELS, 0, threadCalls(pool, call))) changed += count;
  return changed;
}

/**
 * @internal
 * The `k` centroids (k × d, row-major) in the kernel's layout: in pairs, feature by feature ([c_2p[t], c_2p+1[t]]),
 * into `out` (⌈k / 2⌉ × d × 2); an odd last one is paired with itself and the copy's distances ignored.
 */
export function writeCentroidPairs(centers: Float64Array, k: number, d: number, out: Float64Array): void {
  for (let p = 0; 2 * p < k; p++) {
    const second = 2 * p + 1 < k ? 2 * p + 1 : 2 * p;
    for (let t = 0; t < d; t++) {
      out[(p * d + t) * 2] = centers[2 * p * d + t]!;
      out[(p * d + t) * 2 + 1] = centers[second * d + t]!;
    }
  }
}

/** @internal The SIMD exact pass as a set for the thread pool. */
export const ASSIGNMENT_SIMD_KERNELS: KernelSet = {
  id: 'kmeans-assignment-simd',
  helpers: [],
  kernels: [exactAssignmentSimdChunks],
};
