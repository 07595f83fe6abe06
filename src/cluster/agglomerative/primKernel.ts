import type { KernelSet } from '../../parallel/threadPool';
import type { WasmApi, WasmMemory, WasmModule } from '../../parallel/wasmSimd';

// Single linkage by Prim's algorithm (scipy's `mst_single_linkage`, scikit-learn's `mst_linkage_core`) as a
// kernel of the thread pool. Each step scans every row still outside the tree: its distance to the row just added
// lowers its distance to the tree, and the nearest of them (ties to the lowest row) joins next. The steps are
// sequential; a second thread takes half of each long scan, as the nearest-neighbour chain's helper does
// (chainKernel.ts: the calling thread drives, the helper spins in a worker on a sequence number and joins when its
// worker gets to it).
//
// The rows outside the tree are kept packed (positions 0 … remaining − 1), row-major and, for the SIMD scan of
// primSimd.wat, feature-major too: the row that joins leaves a hole, which the last position fills. The order
// of the positions never matters: each row's distance to the tree is its own minimum, and the nearest row is
// chosen by a rule that does not depend on the order rows are seen in (strictly nearer, or as near and a lower
// row), so any split of the positions, and the SIMD lanes, pick the scalar scan's row.
//
// Rules for kernels (see parallel/threadPool.ts): they call only functions of this module, read no module
// constants and create no closures.

/** @internal Slots of the control array shared by driver and helper (see {@link primSteps}). */
export const PRIM_CONTROL_LENGTH = 8;
// 0: task sequence number (driver), 1: last task finished (helper), 2: task (1 scan, 3 leave), 3: from, 4: to,
// 5: helper state (0 not yet, 1 joined, 2 turned away)

/**
 * Positions [from, to) of the packed rows P (row-major, d per row): lower `nearest[p]` to the distance from `x`
 * (√(Σ (x_t − y_t)²), features in order, as scipy) when smaller, and write the nearest position's [distance, row
 * id, position] to out[at..at + 2] (Infinity, −1, −1 when none is below Infinity).
 */
function scanPositions(
  P: Float64Array,
  d: number,
  x: Float64Array,
  nearest: Float64Array,
  ids: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  at: number,
): void {
  let best = Infinity;
  let bestRow = -1;
  let bestPosition = -1;
  for (let p = from; p < to; p++) {
    const o = p * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const q = x[t]! - P[o + t]!;
      s += q * q;
    }
    const dist = Math.sqrt(s);
    let current = nearest[p]!;
    if (dist < current) {
      nearest[p] = dist;
      current = dist;
    }
    const row = ids[p]!;
    if (current < best || (current === best && row < bestRow)) {
      best = current;
      bestRow = row;
      bestPosition = p;
    }
  }
  out[at] = best;
  out[at + 1] = bestRow;
  out[at + 2] = bestPosition;
}

interface PrimSimdExports {
  scanPositions(
    from: number,
    to: number,
    x: number,
    columns: number,
    stride: number,
    d: number,
    nearest: number,
    ids: number,
    out: number,
  ): void;
}

/**
 * @internal
 * Role 0 (the driver): Prim steps from `state[0]` up to `endStep`, with `state` = [steps done, rows outside the
 * tree, the row added last] carried from one call to the next, the rows outside the tree packed in `P`
 * (row-major) and, with a SIMD `module`, in `columns` (feature-major, `stride` doubles per feature), their
 * distances to the tree in `nearest` and their row ids (as doubles) in `ids`, and the coordinates of the row added
 * last in `x`; `out` holds 6 doubles of scratch. Each step records the pair (row added last, row added now) and
 * its distance in `a`, `b`, `height`. With a `module` (primSimd.wat) every array lives in `memory` and the scan runs
 * there, with the same results. With `helped`, scans over at least `parallelFrom` rows are split with a helper.
 * Returns 0, or −1 when no row is nearer than Infinity (NaN distances).
 *
 * Role 1 (the helper, in a worker): joins unless the driver has already finished, then scans the ranges it is given
 * until told to leave. Returns the number of scans it did.
 */
export function primSteps(
  role: number,
  module: WasmModule | null,
  memory: WasmMemory | null,
  P: Float64Array,
  columns: Float64Array,
  stride: number,
  d: number,
  nearest: Float64Array,
  ids: Float64Array,
  x: Float64Array,
  out: Float64Array,
  state: Int32Array,
  a: Int32Array,
  b: Int32Array,
  height: Float64Array,
  control: Int32Array,
  endStep: number,
  helped: boolean,
  parallelFrom: number,
): number {
  let simd: PrimSimdExports | null = null;
  if (module !== null) {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    simd = new wasm.Instance(module, { env: { memory: memory! } }).exports as PrimSimdExports;
  }
  if (role === 1) {
    // read the sequence number before joining: the driver posts a task only once it sees the helper joined
    let seen = Atomics.load(control, 0);
    if (Atomics.compareExchange(control, 5, 0, 1) !== 0) return 0;
    for (let tasks = 0; ; tasks++) {
      let task = Atomics.load(control, 0);
      while (task === seen) task = Atomics.load(control, 0);
      seen = task;
      if (control[2] === 3) return tasks;
      if (simd !== null) {
        simd.scanPositions(
          control[3]!,
          control[4]!,
          x.byteOffset,
          columns.byteOffset,
          stride,
          d,
          nearest.byteOffset,
          ids.byteOffset,
          out.byteOffset + 24,
        );
      } else scanPositions(P, d, x, nearest, ids, control[3]!, control[4]!, out, 3);
      Atomics.store(control, 1, task);
    }
  }
  let k = state[0]!;
  let remaining = state[1]!;
  let x0 = state[2]!;
  let sequence = Atomics.load(control, 0);
  let joined = false;
  let failed = false;
  for (; k < endStep; k++) {
    if (helped && !joined && remaining >= parallelFrom) joined = Atomics.load(control, 5) === 1;
    const split = joined && remaining >= parallelFrom ? remaining >> 1 : remaining;
    if (split < remaining) {
      control[2] = 1;
      control[3] = split;
      control[4] = remaining;
      Atomics.store(control, 0, ++sequence);
    }
    if (simd !== null) {
      simd.scanPositions(0, split, x.byteOffset, columns.byteOffset, stride, d, nearest.byteOffset, ids.byteOffset, out.byteOffset);
    } else scanPositions(P, d, x, nearest, ids, 0, split, out, 0);
    if (split < remaining) {
      while (Atomics.load(control, 1) !== sequence) {}
      // the same rule as within a scan: strictly nearer, or as near with a lower row
      if (out[3]! < out[0]! || (out[3]! === out[0]! && out[4]! < out[1]!)) {
        out[0] = out[3]!;
        out[1] = out[4]!;
        out[2] = out[5]!;
      }
    }
    const row = out[1]!;
    if (row < 0) {
      failed = true;
      break;
    }
    const position = out[2]!;
    a[k] = x0;
    b[k] = row;
    height[k] = out[0]!;
    // the new row's coordinates, then its position is filled by the last one
    for (let t = 0; t < d; t++) x[t] = P[position * d + t]!;
    const last = remaining - 1;
    for (let t = 0; t < d; t++) P[position * d + t] = P[last * d + t]!;
    if (simd !== null) for (let t = 0; t < d; t++) columns[t * stride + position] = columns[t * stride + last]!;
    nearest[position] = nearest[last]!;
    ids[position] = ids[last]!;
    remaining = last;
    x0 = row;
  }
  state[0] = k;
  state[1] = remaining;
  state[2] = x0;
  // a helper that has joined is told to leave; one that has not is turned away when it comes
  if (helped && Atomics.compareExchange(control, 5, 0, 2) === 1) {
    control[2] = 3;
    Atomics.store(control, 0, ++sequence);
  }
  return failed ? -1 : 0;
}

/** @internal The single-linkage kernel set of the thread pool. */
export const PRIM_KERNELS: KernelSet = {
  id: 'linkage-prim',
  helpers: [scanPositions],
  kernels: [primSteps],
};
