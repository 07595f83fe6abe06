import type { KernelSet } from '../../parallel/threadPool';
import type { WasmApi, WasmMemory, WasmModule } from '../../parallel/wasmSimd';

// The row loops of k-means assignment, written as self-contained kernels over a block of rows [start, end) so
// the same functions run on the calling thread and, as source text, in worker threads (src/parallel). They
// only touch their own rows: labels, bounds, and the change of the cluster sums their moved rows cause, kept
// per chunk of CHUNK_ROWS rows. Chunks are fixed by row number; each thread claims the next chunk from a shared
// counter until none is left (so a faster thread takes more), and the caller adds the chunks' changes to the
// running sums in chunk order: that is what makes every thread count give the same bits as one.
// Rules for kernels: they call only functions of this module (listed in KMEANS_KERNELS), read no module
// constants, and create no closures.

/**
 * @internal
 * Σ (a[ao + t] − b[bo + t])² over t < d in feature order: core/squaredEuclidean's kernel, repeated here because a
 * kernel may only call functions of its own module (a bundler or test transform rewrites calls across modules
 * into property reads the worker cannot resolve).
 */
export function rowSquaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[ao + t]! - b[bo + t]!;
    sum += diff * diff;
  }
  return sum;
}

/**
 * @internal
 * Rows per chunk of the sums' changes and of the k-means++ potentials (seedingKernels.ts). Part of the
 * arithmetic (the order of additions), not a tuning knob: changing it changes the last bits of the centroids
 * (and, rarely, which rows k-means++ draws).
 */
export const CHUNK_ROWS = 8192;

/**
 * @internal
 * Record that row `row` (weight from `weights`, 1 when null) moved from cluster `from` (−1 = none) to `to`:
 * its chunk's entry of `deltas` (per chunk: k × d sums, k weights, k member counts) changes by ±w·x.
 */
export function addMove(
  data: Float64Array,
  weights: Float64Array | null,
  d: number,
  k: number,
  row: number,
  from: number,
  to: number,
  deltas: Float64Array,
  chunkRows: number,
): void {
  const w = weights === null ? 1 : weights[row]!;
  if (w === 0) return;
  const kd = k * d;
  const base = Math.floor(row / chunkRows) * (kd + 2 * k);
  const rowOffset = row * d;
  if (from >= 0) {
    const offset = base + from * d;
    for (let t = 0; t < d; t++) deltas[offset + t] = deltas[offset + t]! - w * data[rowOffset + t]!;
    deltas[base + kd + from] = deltas[base + kd + from]! - w;
    deltas[base + kd + k + from] = deltas[base + kd + k + from]! - 1;
  }
  const offset = base + to * d;
  for (let t = 0; t < d; t++) deltas[offset + t] = deltas[offset + t]! + w * data[rowOffset + t]!;
  deltas[base + kd + to] = deltas[base + kd + to]! + w;
  deltas[base + kd + k + to] = deltas[base + kd + k + to]! + 1;
}

/**
 * @internal
 * Exact assignment of the rows of every chunk claimed from `claim[0]` (chunk c is rows [c · chunkRows, …), until
 * the n rows are done): every row against every centroid, nearest wins (ties → lowest index);
 * each moved row is recorded in `deltas` ({@link addMove}) unless it is null (prediction). Optional
 * outputs: `twoOut` (2n) the nearest and second-nearest squared distances, or Hamerly's bound bases when
 * `drift` is given (√nearest − drift[label], √second + totalMaxDrift); `allOut` (n × k) every squared distance.
 * Returns the number of changed labels.
 */
export function exactAssignmentChunks(
  data: Float64Array,
  weights: Float64Array | null,
  centers: Float64Array,
  d: number,
  k: number,
  labels: Int32Array,
  deltas: Float64Array | null,
  chunkRows: number,
  twoOut: Float64Array | null,
  allOut: Float64Array | null,
  drift: Float64Array | null,
  totalMaxDrift: number,
  n: number,
  claim: Int32Array,
): number {
  const distances = new Float64Array(2 * k);
  let changed = 0;
  for (let chunk = 0; (chunk = Atomics.add(claim, 0, 1)) * chunkRows < n; ) {
    const end = chunk * chunkRows + chunkRows < n ? chunk * chunkRows + chunkRows : n;
    for (let i = chunk * chunkRows; i < end; i += 2) {
      const pair = i + 1 < end;
      if (pair) pairDistances(data, i * d, centers, k, d, distances);
      else for (let j = 0; j < k; j++) distances[j] = rowSquaredDistance(data, i * d, centers, j * d, d);
      for (let row = i, base = 0; row < i + (pair ? 2 : 1); row++, base += k) {
        // nearest and second nearest in centroid order (ties → lowest index), as one row at a time
        let best = 0;
        let bestDistance = Infinity;
        let second = Infinity;
        for (let j = 0; j < k; j++) {
          const s = distances[base + j]!;
          if (s < bestDistance) {
            second = bestDistance;
            bestDistance = s;
            best = j;
          } else if (s < second) second = s;
        }
        allOut?.set(distances.subarray(base, base + k), row * k);
        if (twoOut !== null) {
          if (drift === null) {
            twoOut[2 * row] = bestDistance;
            twoOut[2 * row + 1] = second;
          } else {
            twoOut[2 * row] = Math.sqrt(bestDistance) - drift[best]!;
            twoOut[2 * row + 1] = Math.sqrt(second) + totalMaxDrift;
          }
        }
        const previous = labels[row]!;
        if (best === previous) continue;
        labels[row] = best;
        if (deltas !== null) addMove(data, weights, d, k, row, previous, best, deltas, chunkRows);
        changed++;
      }
    }
  }
  return changed;
}

/**
 * @internal
 * The hot loop of every Hamerly pass after the first, over the chunks claimed from `claim[0]`: read-only over
 * the bounds, it lists in `pending` (from the chunk's first row) the rows whose upper bound is not below
 * max(lower bound, half-gap), and their number in `listed[chunk]`. Returns how many it listed.
 */
export function hamerlyUnsettledChunks(
  labels: Int32Array,
  bases: Float64Array,
  drift: Float64Array,
  halfGap: Float64Array,
  totalMaxDrift: number,
  absoluteSlack: number,
  slack: number,
  pending: Int32Array,
  listed: Int32Array,
  chunkRows: number,
  n: number,
  claim: Int32Array,
): number {
  let total = 0;
  for (let chunk = 0; (chunk = Atomics.add(claim, 0, 1)) * chunkRows < n; ) {
    const start = chunk * chunkRows;
    const end = start + chunkRows < n ? start + chunkRows : n;
    let count = start;
    for (let i = start; i < end; i++) {
      const assigned = labels[i]!;
      const lower = bases[2 * i + 1]! - totalMaxDrift;
      const gap = halfGap[assigned]!;
      const limit = lower > gap ? lower : gap;
      if ((bases[2 * i]! + drift[assigned]!) * slack + absoluteSlack < limit) continue;
      pending[count++] = i;
    }
    listed[chunk] = count - start;
    total += count - start;
  }
  return total;
}

/**
 * @internal
 * Settle the pending rows of every chunk claimed from `claim[0]` (`listed[chunk]` of them from the chunk's first
 * row), the rows the stored Hamerly bounds could not: tighten with the own distance, then
 * scan the other centroids, skipping those the centroid–centroid distances prove farther (Elkan's first
 * lemma). A row whose label changes is recorded in `deltas` ({@link addMove}); `listed[chunk]` becomes the
 * number of the chunk's rows that changed label. Returns the number of distances computed.
 */
export function hamerlyResolveChunks(
  data: Float64Array,
  weights: Float64Array | null,
  centers: Float64Array,
  d: number,
  k: number,
  labels: Int32Array,
  bases: Float64Array,
  drift: Float64Array,
  half: Float64Array,
  halfGap: Float64Array,
  totalMaxDrift: number,
  absoluteSlack: number,
  slack: number,
  pending: Int32Array,
  deltas: Float64Array,
  chunkRows: number,
  listed: Int32Array,
  n: number,
  claim: Int32Array,
): number {
  let evaluations = 0;
  for (let chunk = 0; (chunk = Atomics.add(claim, 0, 1)) * chunkRows < n; ) {
    let moved = 0;
    for (let p = chunk * chunkRows, to = p + listed[chunk]!; p < to; p++) {
      const i = pending[p]!;
      const assigned = labels[i]!;
      const lowerBound = bases[2 * i + 1]! - totalMaxDrift;
      const gap = halfGap[assigned]!;
      const limit = lowerBound > gap ? lowerBound : gap;
      const rowOffset = i * d;
      const ownSquared = rowSquaredDistance(data, rowOffset, centers, assigned * d, d);
      evaluations++;
      const own = Math.sqrt(ownSquared);
      if (own * slack + absoluteSlack < limit) {
        bases[2 * i] = own - drift[assigned]!;
        continue;
      }
      let best = assigned;
      let bestSquared = ownSquared;
      let bestDistance = own;
      let secondLower = Infinity;
      for (let j = 0; j < k; j++) {
        if (j === assigned) continue;
        const h = half[best * k + j]!;
        if (bestDistance * slack < h) {
          // d(x, c_j) ≥ 2h − d(x, c_best) > d(x, c_best): cannot win, and that is a lower bound for it
          const bound = 2 * h - bestDistance;
          if (bound < secondLower) secondLower = bound;
          continue;
        }
        const squared = rowSquaredDistance(data, rowOffset, centers, j * d, d);
        evaluations++;
        if (squared < bestSquared || (squared === bestSquared && j < best)) {
          if (bestDistance < secondLower) secondLower = bestDistance;
          best = j;
          bestSquared = squared;
          bestDistance = Math.sqrt(squared);
        } else {
          const distance = Math.sqrt(squared);
          if (distance < secondLower) secondLower = distance;
        }
      }
      bases[2 * i] = bestDistance - drift[best]!;
      bases[2 * i + 1] = secondLower + totalMaxDrift;
      if (best === assigned) continue;
      labels[i] = best;
      addMove(data, weights, d, k, i, assigned, best, deltas, chunkRows);
      moved++;
    }
    listed[chunk] = moved;
  }
  return evaluations;
}

/**
 * @internal
 * Squared distances from two consecutive rows (the first at `rowOffset`) to every centroid: `out[j]` for the
 * first row, `out[k + j]` for the second. Two rows × four centroids per step, eight accumulation chains, each
 * value loaded once for two or four of them; every distance is summed in feature order, as one at a time.
 */
export function pairDistances(data: Float64Array, rowOffset: number, centers: Float64Array, k: number, d: number, out: Float64Array): void {
  const second = rowOffset + d;
  let j = 0;
  for (const groupEnd = k - (k & 3); j < groupEnd; j += 4) {
    const c0 = j * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[rowOffset + t]!;
      const y = data[second + t]!;
      const u0 = centers[c0 + t]!;
      const u1 = centers[c1 + t]!;
      const u2 = centers[c2 + t]!;
      const u3 = centers[c3 + t]!;
      const p0 = x - u0;
      const p1 = x - u1;
      const p2 = x - u2;
      const p3 = x - u3;
      const q0 = y - u0;
      const q1 = y - u1;
      const q2 = y - u2;
      const q3 = y - u3;
      a0 += p0 * p0;
      a1 += p1 * p1;
      a2 += p2 * p2;
      a3 += p3 * p3;
      b0 += q0 * q0;
      b1 += q1 * q1;
      b2 += q2 * q2;
      b3 += q3 * q3;
    }
    out[j] = a0;
    out[j + 1] = a1;
    out[j + 2] = a2;
    out[j + 3] = a3;
    out[k + j] = b0;
    out[k + j + 1] = b1;
    out[k + j + 2] = b2;
    out[k + j + 3] = b3;
  }
  for (; j < k; j++) {
    out[j] = rowSquaredDistance(data, rowOffset, centers, j * d, d);
    out[k + j] = rowSquaredDistance(data, second, centers, j * d, d);
  }
}

/** @internal What assignmentSimd.wat exports. */
export interface AssignmentSimdExports {
  nearestBlock(
    start: number,
    end: number,
    data: number,
    d: number,
    pairs: number,
    k: number,
    centers: number,
    out: number,
    picks: number,
  ): void;
  settleBlock(
    start: number,
    end: number,
    picks: number,
    labels: number,
    bases: number,
    drift: number,
    totalMaxDrift: number,
    data: number,
    weights: number,
    d: number,
    k: number,
    deltas: number,
    chunkRows: number,
  ): number;
}

/**
 * @internal
 * exactAssignmentChunks without `allOut` (the same outputs, the same bits) on the SIMD kernel of assignmentSimd.wat
 * (see assignmentSimd.ts), for rows and outputs that all live in `memory` (the rows at address 0; the others given
 * by byte address, 0 for none): instantiate `module` on it, take a block of scratch of its own (slot claimed from
 * `slotClaim[0]`, from `scratchAt`), and for each block of `blockRows` rows of every chunk claimed from `claim[0]`,
 * pick the nearest centroids (nearestBlock) and settle the rows (settleBlock: what exactAssignmentChunks does once it
 * has a row's nearest two, and addMove, operation for operation). A self-contained kernel, sent to worker threads as text. Returns the number of changed labels.
 */
export function exactAssignmentSimdChunks(
  module: WasmModule,
  memory: WasmMemory,
  pairs: number,
  centersAt: number,
  scratchAt: number,
  blockRows: number,
  slotClaim: Int32Array,
  weightsAt: number,
  d: number,
  k: number,
  labelsAt: number,
  deltasAt: number,
  chunkRows: number,
  basesAt: number,
  driftAt: number,
  totalMaxDrift: number,
  n: number,
  claim: Int32Array,
): number {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { nearestBlock, settleBlock } = new wasm.Instance(module, { env: { memory } }).exports as AssignmentSimdExports;
  // this thread's block: the distances (blockRows × 2 per pair), then the picks (blockRows × 3)
  const blockAt = scratchAt + Atomics.add(slotClaim, 0, 1) * blockRows * (2 * pairs + 3) * 8;
  const picksAt = blockAt + blockRows * 2 * pairs * 8;
  let changed = 0;
  for (let chunk = 0; (chunk = Atomics.add(claim, 0, 1)) * chunkRows < n; ) {
    const end = chunk * chunkRows + chunkRows < n ? chunk * chunkRows + chunkRows : n;
    for (let i = chunk * chunkRows; i < end; i += blockRows) {
      const blockEnd = i + blockRows < end ? i + blockRows : end;
      nearestBlock(i, blockEnd, 0, d, pairs, k, centersAt, blockAt, picksAt);
      changed += settleBlock(i, blockEnd, picksAt, labelsAt, basesAt, driftAt, totalMaxDrift, 0, weightsAt, d, k, deltasAt, chunkRows);
    }
  }
  return changed;
}

/** @internal The k-means kernels as one set for the thread pool, addressed 0 exact, 1 unsettled, 2 resolve. */
export const KMEANS_KERNELS: KernelSet = {
  id: 'kmeans-assignment',
  helpers: [rowSquaredDistance, pairDistances, addMove],
  kernels: [exactAssignmentChunks, hamerlyUnsettledChunks, hamerlyResolveChunks],
};
