import type { KernelSet } from '../../parallel/threadPool';

// The nearest-neighbour chain of complete and average linkage on the full n × n distance matrix, as a kernel of
// the thread pool, so that a second thread can take half of every long scan and update. The chain itself is
// sequential (scipy's `nn_chain`, the same merges in the same order); what the second thread takes is the
// memory-bound part: at each merge the Lance–Williams update writes one entry in every live row (a column of the
// matrix, one cache line and one page per write), and each step of the chain reads a row. Two threads keep twice
// as many of those misses in flight.
//
// The calling thread drives (role 0) and the helper (role 1) spins in a worker on a sequence number: a task is
// the range [split, count) of the live slots, the driver does [0, split) itself. Nothing depends on which thread
// did what: an update entry is the same expression on either thread, and a split scan is combined exactly as the
// sequential scan would end (the first minimum in slot order, strictly below the starting best). The helper
// joins when its worker gets to it; until then the driver does every task alone, so a worker that starts late
// (or never) only costs speed, and no thread ever waits for one that has not joined.
//
// Rules for kernels (see parallel/threadPool.ts): they call only functions of this module, read no module
// constants and create no closures.

/** @internal Slots of the control array shared by driver and helper. */
export const CHAIN_CONTROL_LENGTH = 12;
// 0: task sequence number (driver), 1: last task finished (helper), 2: task (1 scan, 2 update, 3 leave),
// 3: x, 4: y, 5: split, 6: count, 7: n_x, 8: n_y, 9: helper state (0 not yet, 1 joined, 2 turned away),
// 10: the helper's scan result (a slot, or −1)

/**
 * The first live slot i (positions [from, to) of `live`, i ≠ x) of row `row` of D whose distance is below
 * `min` and below every earlier one, or `slot` when none is; its distance goes to `out[at]`.
 */
function scanRange(
  D: Float64Array,
  row: number,
  x: number,
  live: Int32Array,
  from: number,
  to: number,
  min: number,
  slot: number,
  out: Float64Array,
  at: number,
): number {
  let best = min;
  let bestSlot = slot;
  for (let j = from; j < to; j++) {
    const i = live[j]!;
    const dist = D[row + i]!;
    if (dist < best && i !== x) {
      best = dist;
      bestSlot = i;
    }
  }
  out[at] = best;
  return bestSlot;
}

/**
 * The Lance–Williams update of slot y after merging x into it, for the live slots at positions [from, to):
 * complete max(d_xi, d_yi), average (n_x d_xi + n_y d_yi) / (n_x + n_y) (scipy's expressions), written to row y
 * and to column y, so the matrix stays symmetric.
 */
function updateRange(
  D: Float64Array,
  n: number,
  x: number,
  y: number,
  nx: number,
  ny: number,
  average: boolean,
  live: Int32Array,
  from: number,
  to: number,
): void {
  const rowX = x * n;
  const rowY = y * n;
  for (let j = from; j < to; j++) {
    const i = live[j]!;
    if (i === x || i === y) continue;
    const dxi = D[rowX + i]!;
    const dyi = D[rowY + i]!;
    const merged = average ? (nx * dxi + ny * dyi) / (nx + ny) : Math.max(dxi, dyi);
    D[rowY + i] = merged;
    D[i * n + y] = merged;
  }
}

/**
 * @internal
 * Role 0 (the driver): merges from `state[0]` up to `endMerge` of scipy's `nn_chain` on the full matrix `D`
 * (overwritten), with the chain, sizes and the sorted live slots in shared arrays, `state` = [merges done, chain
 * length, live slots] carried from one call to the next, and the merges written to `a`, `b`, `height`. Merging
 * slots x < y drops x and puts the merged cluster in slot y; the chain starts at the lowest live slot; the
 * nearest neighbour of the chain's tip prefers the previous chain element on ties, then the lowest slot. With
 * `helped`, scans and updates over at least `parallelFrom` live slots are split with a helper. Returns 0, or −1
 * when the distances cannot be compared (NaN: the chain would never close).
 *
 * Role 1 (the helper, in a worker): joins unless the driver has already finished, then does the tasks it is given
 * until told to leave. Returns the number of tasks it did.
 */
export function chainMerges(
  role: number,
  D: Float64Array,
  n: number,
  average: boolean,
  state: Int32Array,
  chain: Int32Array,
  size: Int32Array,
  live: Int32Array,
  a: Int32Array,
  b: Int32Array,
  height: Float64Array,
  control: Int32Array,
  found: Float64Array,
  endMerge: number,
  helped: boolean,
  parallelFrom: number,
): number {
  if (role === 1) {
    // read the sequence number before joining: the driver posts a task only once it sees the helper joined
    let seen = Atomics.load(control, 0);
    if (Atomics.compareExchange(control, 9, 0, 1) !== 0) return 0;
    for (let tasks = 0; ; tasks++) {
      let task = Atomics.load(control, 0);
      while (task === seen) task = Atomics.load(control, 0);
      seen = task;
      const op = control[2]!;
      if (op === 3) return tasks;
      const x = control[3]!;
      if (op === 1) control[10] = scanRange(D, x * n, x, live, control[5]!, control[6]!, Infinity, -1, found, 0);
      else updateRange(D, n, x, control[4]!, control[7]!, control[8]!, average, live, control[5]!, control[6]!);
      Atomics.store(control, 1, task);
    }
  }
  let k = state[0]!;
  let chainLength = state[1]!;
  let liveCount = state[2]!;
  let sequence = Atomics.load(control, 0);
  let joined = false;
  let failed = false;
  for (; k < endMerge; k++) {
    if (chainLength === 0) {
      chain[0] = live[0]!;
      chainLength = 1;
    }
    let x = 0;
    let slot = -1;
    let min = Infinity;
    for (;;) {
      x = chain[chainLength - 1]!;
      if (chainLength > 1) {
        slot = chain[chainLength - 2]!;
        min = D[x * n + slot]!;
      } else {
        slot = -1;
        min = Infinity;
      }
      if (helped && !joined && liveCount >= parallelFrom) joined = Atomics.load(control, 9) === 1;
      if (joined && liveCount >= parallelFrom) {
        const split = liveCount >> 1;
        control[2] = 1;
        control[3] = x;
        control[5] = split;
        control[6] = liveCount;
        Atomics.store(control, 0, ++sequence);
        slot = scanRange(D, x * n, x, live, 0, split, min, slot, found, 1);
        min = found[1]!;
        while (Atomics.load(control, 1) !== sequence) {}
        // the helper's half comes later in slot order: it wins only when strictly nearer
        if (found[0]! < min) {
          min = found[0]!;
          slot = control[10]!;
        }
      } else {
        slot = scanRange(D, x * n, x, live, 0, liveCount, min, slot, found, 1);
        min = found[1]!;
      }
      if (chainLength > 1 && slot === chain[chainLength - 2]) break;
      if (slot < 0 || chainLength >= n) {
        failed = true;
        break;
      }
      chain[chainLength++] = slot;
    }
    if (failed) break;
    chainLength -= 2;
    let y = slot;
    if (x > y) {
      y = x;
      x = slot;
    }
    const nx = size[x]!;
    const ny = size[y]!;
    a[k] = x;
    b[k] = y;
    height[k] = min;
    size[x] = 0;
    size[y] = nx + ny;
    if (joined && liveCount >= parallelFrom) {
      const split = liveCount >> 1;
      control[2] = 2;
      control[3] = x;
      control[4] = y;
      control[5] = split;
      control[6] = liveCount;
      control[7] = nx;
      control[8] = ny;
      Atomics.store(control, 0, ++sequence);
      updateRange(D, n, x, y, nx, ny, average, live, 0, split);
      while (Atomics.load(control, 1) !== sequence) {}
    } else {
      updateRange(D, n, x, y, nx, ny, average, live, 0, liveCount);
    }
    // x leaves the live slots (sorted: found by bisection)
    let lo = 0;
    let hi = liveCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (live[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    live.copyWithin(lo, lo + 1, liveCount);
    liveCount--;
  }
  state[0] = k;
  state[1] = chainLength;
  state[2] = liveCount;
  // a helper that has joined is told to leave; one that has not is turned away when it comes
  if (helped && Atomics.compareExchange(control, 9, 0, 2) === 1) {
    control[2] = 3;
    Atomics.store(control, 0, ++sequence);
  }
  return failed ? -1 : 0;
}

/** @internal The nearest-neighbour chain kernel set of the thread pool. */
export const CHAIN_KERNELS: KernelSet = {
  id: 'linkage-nn-chain',
  helpers: [scanRange, updateRange],
  kernels: [chainMerges],
};
