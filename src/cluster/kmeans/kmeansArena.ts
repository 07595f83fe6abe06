import { releaseWasmMemory, reusedWasmMemory, type WasmMemory, type WasmModule, wasmSimdModule } from '../../parallel/wasmSimd';
import type { ThreadPool } from '../../parallel/threadPool';
import type { HamerlyBounds } from './assignHamerly';
import { CHUNK_ROWS } from './assignmentKernels';
import { ASSIGNMENT_SIMD_WASM } from './assignmentSimdModule';
import { createKMeansState, type KMeansState } from './KMeansState';

// One shared WebAssembly.Memory per k-means fit, for its SIMD kernels: the rows (and weights) copied in once, the
// k-means++ scratch (seedingSimd.ts), the exact pass's centroid pairs and distance blocks (assignmentSimd.ts), and
// two slots of per-run state (labels, bounds, the sums' changes) the exact pass writes. The copy replaces the
// shared copy a fit on threads makes anyway; the JS kernels read views of the same memory, unchanged. The browser build swaps in kmeansArena.browser.ts, which always declines.

/** @internal Rows per distance block of the SIMD exact pass (a block's distances stay in the first-level cache). */
export const BLOCK_ROWS = 256;

/** @internal The memory of one k-means fit and where its parts are (byte addresses). */
export interface KMeansArena {
  readonly memory: WasmMemory;
  /** The rows (n × d, at address 0): the fit's own copy, which it may rescale in place. */
  readonly rows: Float64Array;
  /** The weights' copy, or null for unit weights. */
  readonly weights: Float64Array | null;
  /** Where k-means++ keeps its candidate pair and its four sets of distances and potentials. */
  readonly seedingAt: number;
  /**
   * Two sets of per-row state for the runs of a fit (labels, Hamerly's bounds and drift, the sums' changes per
   * chunk): a run takes the one the best run so far does not hold (see createArenaState).
   */
  readonly slots: readonly ArenaSlot[];
  /** The exact pass's kernel, its centroid pairs (⌈k / 2⌉ × d × 2) and its distance blocks (one per thread). */
  readonly assignment: {
    readonly module: WasmModule;
    readonly pairs: number;
    readonly centersAt: number;
    readonly scratchAt: number;
  };
}

/** @internal One run's per-row state in the arena (the kernels write it there). */
export interface ArenaSlot {
  readonly labels: Int32Array;
  /** Hamerly's [upper base, lower base] per row (2n). */
  readonly bases: Float64Array;
  readonly drift: Float64Array;
  readonly deltas: Float64Array;
}

const arenas = new WeakMap<object, KMeansArena>();

/**
 * @internal
 * A fit's memory for `n` rows of `d` values, `k` centroids and up to `threads` threads, with `data` and `weights`
 * copied in (and room for k-means++ over all rows unless `withSeeding` is false: MiniBatchKMeans seeds from a
 * sample), and X's largest magnitude, found on the way (NaN or Infinity when X holds one); or null when SIMD is
 * unavailable or would not pay (fewer than 16 384 values): the fit then runs the scalar kernels, with the same
 * results.
 */
export function kmeansArena(
  data: Float64Array,
  weights: Float64Array | null,
  n: number,
  d: number,
  k: number,
  threads: number,
  withSeeding = true,
): { readonly arena: KMeansArena; readonly magnitude: number } | null {
  if (n * d < SIMD_MIN_VALUES) return null;
  const module = wasmSimdModule(ASSIGNMENT_SIMD_WASM);
  if (module === null) return null;
  const pairs = Math.ceil(k / 2);
  const weightsAt = align(n * d * 8);
  const seedingAt = align(weightsAt + (weights === null ? 0 : n * 8));
  const centersAt = align(seedingAt + (withSeeding ? seedingBytes(n, d) : 0));
  const scratchAt = align(centersAt + pairs * d * 16);
  // per thread: a block's distances (2 per pair) and its picks (nearest, second, index)
  const slotsAt = align(scratchAt + threads * BLOCK_ROWS * (2 * pairs + 3) * 8);
  const deltasLength = Math.ceil(n / CHUNK_ROWS) * (k * d + 2 * k);
  // labels, bases, drift, deltas
  const slotBytes = align(n * 4) + n * 16 + align(k * 8) + deltasLength * 8;
  const bytes = slotsAt + 2 * slotBytes;
  const memory = reusedWasmMemory(bytes);
  if (memory === null) return null;
  const rows = new Float64Array(memory.buffer, 0, n * d);
  // one pass copies the rows and finds their largest magnitude; Math.max keeps NaN and Infinity, so the magnitude
  // is also the fit's check that every value is finite (it is not a number ≤ the largest double otherwise)
  let magnitude = 0;
  for (let i = 0; i < n * d; i++) {
    const value = data[i]!;
    rows[i] = value;
    magnitude = Math.max(magnitude, Math.abs(value));
  }
  const copiedWeights = weights === null ? null : new Float64Array(memory.buffer, weightsAt, n);
  copiedWeights?.set(weights!.subarray(0, n));
  const slot = (at: number): ArenaSlot => {
    const basesAt = at + align(n * 4);
    const driftAt = basesAt + n * 16;
    return {
      labels: new Int32Array(memory.buffer, at, n),
      bases: new Float64Array(memory.buffer, basesAt, 2 * n),
      drift: new Float64Array(memory.buffer, driftAt, k),
      deltas: new Float64Array(memory.buffer, driftAt + align(k * 8), deltasLength),
    };
  };
  const arena: KMeansArena = {
    memory,
    rows,
    weights: copiedWeights,
    seedingAt,
    slots: [slot(slotsAt), slot(slotsAt + slotBytes)],
    assignment: { module, pairs, centersAt, scratchAt },
  };
  arenas.set(memory.buffer, arena);
  return { arena, magnitude };
}

/**
 * @internal
 * The fit that made `arena` is done with it: its memory may serve the next fit (of no more bytes), which then
 * skips the operating system's first touch of every page (about 26 ms for 64 MB here). Held weakly, so an idle
 * memory is still collected.
 */
export function releaseArena(arena: KMeansArena): void {
  arenas.delete(arena.memory.buffer);
  releaseWasmMemory(arena.memory);
}

/**
 * @internal
 * createKMeansState, with the labels and the sums' changes in slot `slot` of the arena of `data` when it has one
 * (where the SIMD kernels write them); the run that is the best so far holds its slot until another run beats it,
 * so a fit's runs alternate between the two.
 */
export function createArenaState(
  data: Float64Array,
  n: number,
  d: number,
  initialCenters: Float64Array,
  k: number,
  weights: Float64Array | null,
  pool: ThreadPool | null,
  slot: number,
): KMeansState {
  const state = createKMeansState(data, n, d, initialCenters, k, weights, pool);
  const views = arenaOf(data)?.slots[slot];
  if (views === undefined) return state;
  views.labels.fill(-1);
  views.deltas.fill(0);
  return { ...state, labels: views.labels, deltas: views.deltas };
}

/**
 * @internal
 * Hamerly's bounds for `state`, with the bounds and drift in the arena slot that holds its labels when it has one
 * (the SIMD kernel writes them there), else `bounds` as they are.
 */
export function arenaHamerlyBounds(state: KMeansState, bounds: HamerlyBounds): HamerlyBounds {
  const views = arenaOf(state.data)?.slots.find((slot) => slot.labels === state.labels);
  if (views === undefined) return bounds;
  views.drift.fill(0);
  return { ...bounds, bases: views.bases, drift: views.drift };
}

/** @internal The arena `rows` are the rows of, if any (the SIMD kernels then find everything in its memory). */
export function arenaOf(rows: Float64Array): KMeansArena | null {
  const arena = arenas.get(rows.buffer);
  return arena !== undefined && arena.rows === rows ? arena : null;
}

/** @internal Bytes k-means++ scratch takes: the candidate pair (2d), then four × (n distances + the chunks' potentials). */
export function seedingBytes(n: number, d: number): number {
  return d * 16 + 4 * (n + Math.ceil(n / CHUNK_ROWS)) * 8;
}

/**
 * @internal
 * The SIMD kernels pay from this many values (n × d) on: below, a memory, a copy of the rows and an instance per
 * pass cost more than SIMD saves (the results are the same either way).
 */
export const SIMD_MIN_VALUES = 16_384;

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
