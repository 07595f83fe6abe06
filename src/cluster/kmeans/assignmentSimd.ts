import { float64Buffer, int32Buffer, runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { KernelSet, ThreadPool } from '../../parallel/threadPool';
import { addMove, CHUNK_ROWS, exactAssignmentSimdChunks, settlePicked } from './assignmentKernels';
import { arenaOf, BLOCK_ROWS, type KMeansArena } from './kmeansArena';
import type { KMeansState } from './KMeansState';

// k-means' exact assignment pass with the WebAssembly SIMD kernel of assignmentSimd.wat, for a fit whose rows
// live in its arena (kmeansArena.ts): per block of rows, the kernel computes every row–centroid squared distance
// (the scalar kernel's sums, bit for bit) and picks the nearest and second nearest as the scalar kernel does;
// settlePicked writes the bounds and moves the labels from there, as the scalar kernel does. Chunks, claims and
// every addition are those of exactAssignmentChunks, so the labels and centroids are the same bits. The browser
// build swaps in assignmentSimd.browser.ts (never SIMD).

/**
 * @internal
 * The exact pass of fullAssignment.ts on the SIMD kernel, or null (nothing done) when the state's rows are not in
 * an arena: the caller then runs the scalar kernel. Returns the number of changed labels; the caller applies
 * the moves.
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
  const { data, weights, n, d, k, labels, deltas, pool, centers } = state;
  return runSimdPass(arena, centers, data, weights, n, d, k, labels, deltas, twoOut, drift, totalMaxDrift, pool);
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
  const shared = pool !== null;
  const labels = int32Buffer(n, shared);
  const two = float64Buffer(2 * n, shared);
  runSimdPass(arena, centers, rows, null, n, d, k, labels, null, two, null, 0, pool);
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = two[2 * i]!;
  // plain memory for the model, never a buffer other threads can write
  return { labels: shared ? Int32Array.from(labels) : labels, nearest };
}

/** The SIMD kernel's call on the threads of `pool`: the centroids written in pairs into the arena, then the pass. */
function runSimdPass(
  arena: KMeansArena,
  centers: Float64Array,
  data: Float64Array,
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
): number {
  const { module, pairs, centersAt, scratchAt } = arena.assignment;
  writeCentroidPairs(centers, k, d, new Float64Array(arena.memory.buffer, centersAt, pairs * d * 2));
  const shared = pool !== null;
  const call = [
    module,
    arena.memory,
    pairs,
    centersAt,
    scratchAt,
    BLOCK_ROWS,
    int32Buffer(1, shared),
    data,
    weights,
    d,
    k,
    labels,
    deltas,
    CHUNK_ROWS,
    twoOut,
    drift,
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
  helpers: [addMove, settlePicked],
  kernels: [exactAssignmentSimdChunks],
};
