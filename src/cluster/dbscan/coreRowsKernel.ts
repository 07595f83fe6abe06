import type { KernelSet } from '../../parallel/threadPool';

// DBSCAN's core test ("at least minSamples rows within eps") on the k-d tree's arrays, as a kernel of the thread
// pool: rows are independent, so threads claim blocks of rows and each row's flag and each block's count of
// distance evaluations are written to their own slots. Rules for kernels (see parallel/threadPool.ts): they call
// only functions of this module, read no module constants and create no closures. `KDTree.countWithin` is
// `treeCountWithin` too, so one thread and many run the same search. treeBoxMin, treeBoxMax and treePointDistance
// repeat KDTree's boxMin, boxMax and pointDistance on purpose: making those methods call these slowed the one-thread
// DBSCAN expansion (collectAlive) by about 15 % (20 000 × 8, median of 7 runs, 561 → 649 ms).

/** Smallest possible box distance (squared Euclidean, or Manhattan when `manhattan`) from q to node's box. */
function treeBoxMin(
  q: Float64Array,
  qo: number,
  lower: Float64Array,
  upper: Float64Array,
  d: number,
  node: number,
  manhattan: boolean,
): number {
  const o = node * d;
  let s = 0;
  if (manhattan) {
    for (let t = 0; t < d; t++) {
      const v = q[qo + t]!;
      const lo = lower[o + t]! - v;
      const hi = v - upper[o + t]!;
      if (lo > 0) s += lo;
      else if (hi > 0) s += hi;
    }
  } else {
    for (let t = 0; t < d; t++) {
      const v = q[qo + t]!;
      const lo = lower[o + t]! - v;
      const hi = v - upper[o + t]!;
      if (lo > 0) s += lo * lo;
      else if (hi > 0) s += hi * hi;
    }
  }
  return s;
}

/** Largest possible box distance from q to a point of node's box. */
function treeBoxMax(
  q: Float64Array,
  qo: number,
  lower: Float64Array,
  upper: Float64Array,
  d: number,
  node: number,
  manhattan: boolean,
): number {
  const o = node * d;
  let s = 0;
  if (manhattan) {
    for (let t = 0; t < d; t++) {
      const v = q[qo + t]!;
      s += Math.max(v - lower[o + t]!, upper[o + t]! - v);
    }
  } else {
    for (let t = 0; t < d; t++) {
      const v = q[qo + t]!;
      const w = Math.max(v - lower[o + t]!, upper[o + t]! - v);
      s += w * w;
    }
  }
  return s;
}

/**
 * @internal
 * The comparable distance from q of the row at `position` of `points`: Σ d² (mode 0), Σ |d| (mode 1), or
 * clipped 1 − x·y (mode 2, unit rows), each summed over the features in order.
 */
export function treePointDistance(q: Float64Array, qo: number, points: Float64Array, d: number, position: number, mode: number): number {
  const r = position * d;
  let s = 0;
  if (mode === 0) {
    for (let t = 0; t < d; t++) {
      const diff = q[qo + t]! - points[r + t]!;
      s += diff * diff;
    }
    return s;
  }
  if (mode === 1) {
    for (let t = 0; t < d; t++) s += Math.abs(q[qo + t]! - points[r + t]!);
    return s;
  }
  for (let t = 0; t < d; t++) s += q[qo + t]! * points[r + t]!;
  const c = 1 - s;
  return c < 0 ? 0 : c > 2 ? 2 : c;
}

/**
 * @internal
 * Number of rows (live or not) whose distance from q passes `threshold`, counting up to `limit` (stops there),
 * on a k-d tree's arrays (see KDTree). Nearer subtrees first, so dense neighbourhoods stop after a few rows;
 * `firstLeafToScan` (the query row's own leaf, or -1) is scanned before the descent and skipped during it.
 * Adds the distances it evaluated to `tally[0]`.
 */
export function treeCountWithin(
  q: Float64Array,
  qo: number,
  points: Float64Array,
  d: number,
  mode: number,
  start: Int32Array,
  end: Int32Array,
  lower: Float64Array,
  upper: Float64Array,
  diameter: Float64Array,
  firstLeaf: number,
  threshold: number,
  prune: number,
  inner: number,
  innerDiameter: number,
  limit: number,
  firstLeafToScan: number,
  stack: Int32Array,
  bounds: Float64Array,
  tally: Float64Array,
): number {
  const manhattan = mode === 1;
  let count = 0;
  let evaluations = 0;
  // the query row's own leaf first: in dense regions the limit is reached there, before any descent
  if (firstLeafToScan >= 0) {
    const e = end[firstLeafToScan]!;
    for (let p = start[firstLeafToScan]!; p < e; p++) {
      evaluations++;
      if (treePointDistance(q, qo, points, d, p, mode) <= threshold && ++count >= limit) break;
    }
    if (count >= limit) {
      tally[0] = tally[0]! + evaluations;
      return count;
    }
  }
  let sp = 0;
  stack[sp] = 0;
  bounds[sp++] = treeBoxMin(q, qo, lower, upper, d, 0, manhattan);
  while (sp > 0) {
    const node = stack[--sp]!;
    if (bounds[sp]! > prune || node === firstLeafToScan) continue;
    if (diameter[node]! <= innerDiameter && treeBoxMax(q, qo, lower, upper, d, node, manhattan) <= inner) {
      count += end[node]! - start[node]!;
      // an ancestor of the own leaf holds rows already counted by the scan above
      if (firstLeafToScan >= 0 && start[node]! <= start[firstLeafToScan]! && end[firstLeafToScan]! <= end[node]!) {
        count -= end[firstLeafToScan]! - start[firstLeafToScan]!;
      }
      if (count >= limit) break;
      continue;
    }
    if (node >= firstLeaf) {
      const e = end[node]!;
      for (let p = start[node]!; p < e; p++) {
        evaluations++;
        if (treePointDistance(q, qo, points, d, p, mode) <= threshold && ++count >= limit) break;
      }
      if (count >= limit) break;
      continue;
    }
    const left = 2 * node + 1;
    const bl = treeBoxMin(q, qo, lower, upper, d, left, manhattan);
    const br = treeBoxMin(q, qo, lower, upper, d, left + 1, manhattan);
    if (bl <= br) {
      stack[sp] = left + 1;
      bounds[sp++] = br;
      stack[sp] = left;
      bounds[sp++] = bl;
    } else {
      stack[sp] = left;
      bounds[sp++] = bl;
      stack[sp] = left + 1;
      bounds[sp++] = br;
    }
  }
  tally[0] = tally[0]! + evaluations;
  return count;
}

/**
 * @internal
 * The kernel: for the rows of each block of `rowsPerClaim` claimed from `claim[0]` (block b is rows
 * [b · rowsPerClaim, …), below `n`; the caller starts the counter at the first block it wants), `core[i] = 1` when at least
 * `minSamples` rows lie within the threshold of row i (read from `data`, the rows in their own order, searched
 * in the tree's `points`), and `evaluations[block]` = the distances evaluated for the block.
 */
export function coreRowBlocks(
  claim: Int32Array,
  n: number,
  rowsPerClaim: number,
  data: Float64Array,
  points: Float64Array,
  d: number,
  mode: number,
  start: Int32Array,
  end: Int32Array,
  lower: Float64Array,
  upper: Float64Array,
  diameter: Float64Array,
  firstLeaf: number,
  leafOf: Int32Array,
  stackSize: number,
  threshold: number,
  prune: number,
  inner: number,
  innerDiameter: number,
  minSamples: number,
  core: Uint8Array,
  evaluations: Float64Array,
): number {
  const stack = new Int32Array(stackSize);
  const bounds = new Float64Array(stackSize);
  const tally = new Float64Array(1);
  for (let block = Atomics.add(claim, 0, 1); block * rowsPerClaim < n; block = Atomics.add(claim, 0, 1)) {
    tally[0] = 0;
    const last = block * rowsPerClaim + rowsPerClaim < n ? block * rowsPerClaim + rowsPerClaim : n;
    for (let i = block * rowsPerClaim; i < last; i++) {
      const count = treeCountWithin(
        data,
        i * d,
        points,
        d,
        mode,
        start,
        end,
        lower,
        upper,
        diameter,
        firstLeaf,
        threshold,
        prune,
        inner,
        innerDiameter,
        minSamples,
        leafOf[i]!,
        stack,
        bounds,
        tally,
      );
      core[i] = count >= minSamples ? 1 : 0;
    }
    evaluations[block] = tally[0]!;
  }
  return 0;
}

/** @internal The core-test kernel set of the thread pool. */
export const CORE_ROWS_KERNELS: KernelSet = {
  id: 'dbscan-core-rows',
  helpers: [treeBoxMin, treeBoxMax, treePointDistance, treeCountWithin],
  kernels: [coreRowBlocks],
};
